// What we need to know about a PDF before faxing it: page count, page sizes, paper size,
// whether it is encrypted, its hash and size. Every failure is a PdfError with plain wording.

import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { guessPaperSize, type PageSize, type PaperGuess } from './paper-size.ts';
import { PdfError, pdfError } from './pdf-errors.ts';
import { openPdfDocument } from './pdfjs-loader.ts';
import { type PdfInput, readPdfInput } from './read-input.ts';
import { collectText } from './extract-text.ts';

export interface PdfInfo {
  pages: number;
  /** Points, as displayed (after /Rotate and /UserUnit), one entry per page. */
  pageSizes: PageSize[];
  paperSize: PaperGuess;
  /** True when some pages are not the detected paper size. */
  paperSizeMismatch: boolean;
  /** Only ever true with `rejectEncrypted: false` (an owner-password-only PDF). */
  encrypted: boolean;
  sha256: string;
  size: number;
  /** Text of the first pages, when `textMaxPages` was asked for. */
  text?: string;
}

export interface InspectOptions {
  /** Refuse encrypted PDFs (default true): the fax service renders only plain ones. */
  rejectEncrypted?: boolean;
  /** Also extract the text of this many first pages (one parse instead of two). */
  textMaxPages?: number;
  maxBytes?: number;
}

/** Reads and checks a PDF; throws PdfError (not-pdf, empty, too-large, damaged, encrypted, no-pages, unreadable). */
export async function inspectPdf(input: PdfInput, options: InspectOptions = {}): Promise<PdfInfo> {
  const { bytes, size, sha256 } = await readPdfInput(input, options.maxBytes);
  const doc = await openOrExplain(bytes);
  try {
    const encrypted = await isEncrypted(doc);
    if (encrypted && options.rejectEncrypted !== false) throw pdfError('encrypted');
    if (doc.numPages < 1) throw pdfError('no-pages');
    const pageSizes: PageSize[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      try {
        const page = await doc.getPage(n);
        const [x0, y0, x1, y1] = page.view as [number, number, number, number];
        const unit = page.userUnit || 1;
        const w = Math.abs(x1 - x0) * unit;
        const h = Math.abs(y1 - y0) * unit;
        pageSizes.push(page.rotate % 180 === 0 ? { width: w, height: h } : { width: h, height: w });
      } catch (error) {
        throw pdfError('damaged', `page ${n} of ${doc.numPages} cannot be read`, error);
      }
    }
    const { paperSize, mismatch } = guessPaperSize(pageSizes);
    const info: PdfInfo = { pages: doc.numPages, pageSizes, paperSize, paperSizeMismatch: mismatch, encrypted, sha256, size };
    if (options.textMaxPages && options.textMaxPages > 0) info.text = await collectText(doc, options.textMaxPages);
    return info;
  } finally {
    await doc.destroy();
  }
}

async function openOrExplain(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  try {
    return await openPdfDocument(bytes);
  } catch (error) {
    if (error instanceof PdfError) throw error;
    if ((error as Error | undefined)?.name === 'PasswordException') throw pdfError('encrypted', undefined, error);
    throw pdfError('damaged', (error as Error | undefined)?.message, error);
  }
}

// A PDF with only an owner password opens without one, but is still encrypted on disk.
async function isEncrypted(doc: PDFDocumentProxy): Promise<boolean> {
  const { info } = await doc.getMetadata();
  return Boolean((info as { EncryptFilterName?: string | null }).EncryptFilterName);
}
