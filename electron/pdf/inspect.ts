// What we need to know about a PDF before faxing it: page count, page sizes, paper size,
// whether it is encrypted or a form, its hash and size. Every failure is a PdfError with plain
// wording. The one rule for encryption, the same for the CLI, Compose and the hot folder: a
// PDF that needs a password to open is refused (nobody could print it either); one with only
// an owner password opens without one, so it is faxed (decrypted where pages are rewritten).

import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { collectText } from './extract-text.ts';
import { readInkFacts } from './ink-facts.ts';
import type { PageSize } from './paper-size.ts';
import { type InkLimits, type InspectOptions, type PdfInfo, type PdfStructure, pdfInfoFrom } from './pdf-info.ts';
import { PdfError, pdfError } from './pdf-errors.ts';
import { openPdfDocument } from './pdfjs-loader.ts';
import { type PdfInput, readPdfInput } from './read-input.ts';

/**
 * Reads and checks a PDF in this process; throws PdfError (not-pdf, empty, too-large, damaged,
 * encrypted, no-pages, unreadable). The app inspects through a PdfInspector (pdf-inspector.ts),
 * whose child runs readPdfStructure; tests and the benchmark call this directly.
 */
export async function inspectPdf(input: PdfInput, options: InspectOptions = {}): Promise<PdfInfo> {
  const read = await readPdfInput(input, options.maxBytes);
  return pdfInfoFrom(read, await readPdfStructure(read.bytes, options.textMaxPages, options.inkFacts));
}

/** What pdf.js finds in bytes already checked by readPdfInput: pages, their sizes, flags and (if asked) text and ink facts. */
export async function readPdfStructure(bytes: Uint8Array, textMaxPages?: number, inkFacts?: boolean | InkLimits): Promise<PdfStructure> {
  const doc = await openOrExplain(bytes);
  try {
    const { encrypted, hasForm } = await flags(doc);
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
    const structure: PdfStructure = { pages: doc.numPages, pageSizes, encrypted, hasForm };
    if (textMaxPages && textMaxPages > 0) structure.text = await collectText(doc, textMaxPages);
    if (inkFacts) structure.ink = await readInkFacts(doc, pageSizes, inkFacts === true ? undefined : inkFacts);
    return structure;
  } finally {
    await doc.destroy();
  }
}

/** Opens bytes with pdf.js, its failures as PdfErrors (a password it needs: 'encrypted'; anything else: 'damaged'). */
export async function openOrExplain(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  try {
    return await openPdfDocument(bytes);
  } catch (error) {
    if (error instanceof PdfError) throw error;
    // pdf.js asks for a password only when the user password is not empty.
    if ((error as Error | undefined)?.name === 'PasswordException') throw pdfError('encrypted', undefined, error);
    throw pdfError('damaged', (error as Error | undefined)?.message, error);
  }
}

// A PDF with only an owner password opens without one, but is still encrypted on disk.
async function flags(doc: PDFDocumentProxy): Promise<{ encrypted: boolean; hasForm: boolean }> {
  const { info } = await doc.getMetadata();
  const i = info as { EncryptFilterName?: string | null; IsAcroFormPresent?: boolean };
  return { encrypted: Boolean(i.EncryptFilterName), hasForm: i.IsAcroFormPresent === true };
}
