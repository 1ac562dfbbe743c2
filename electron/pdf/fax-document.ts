// One document as it will be faxed: inspected with the one rule (inspect.ts, run in the PDF
// check's child: pdf-inspector.ts), then, only when it must be, rewritten: an owner-password PDF
// decrypted, a filled form flattened into its pages, an image (PNG, JPEG, TIFF) made into pages
// of the paper size (image-to-pdf.ts). The CLI sends these bytes, the hot folder keeps them in
// its spool and Compose stages them, so its preview shows what is sent.

import type { PaperSize } from '../../shared/domain.ts';
import type { ImageKind } from '../../shared/document-kinds.ts';
import { imageToPdf } from './image-to-pdf.ts';
import { classifyPage, type PaperGuess } from './paper-size.ts';
import type { InspectOptions, PdfInfo } from './pdf-info.ts';
import type { PdfInspector } from './pdf-inspector.ts';
import { loadWithPdfLib } from './pdf-lib-load.ts';
import { type PdfInput, readDocumentInput, sha256Hex } from './read-input.ts';
import { defaultPdfInspector } from './thread-inspector.ts';

export interface FaxDocumentOptions extends InspectOptions {
  /** The paper an image's pages are made on (the person's choice, else the default); asked only for an image. */
  imagePaper?: PaperSize | (() => PaperSize);
  /** Progress while a long TIFF is made into pages. */
  onImagePage?: (done: number, total: number) => void;
  /** Where pdf.js reads it (the app's services pass theirs); this process's worker thread when absent. */
  inspector?: PdfInspector;
}

export interface FaxDocument {
  /** About `bytes` (size and hash are those of the rewritten copy when there is one). */
  info: PdfInfo;
  bytes: Uint8Array;
  /** Each page's paper size class, in order. */
  pagePaper: PaperGuess[];
  /** Why the bytes differ from the file, for a note; undefined when they are the file as given. */
  rewritten?: 'decrypted' | 'form flattened' | 'decrypted, form flattened';
  /** The file was an image: its kind and the paper its pages were made on. */
  converted?: { from: ImageKind; paperSize: PaperSize };
}

/** Reads, checks and (if needed) rewrites a PDF, or makes an image into one, for faxing. Throws PdfError like inspectPdf (and 'too-complex' when the check's caps stopped it). */
export async function readFaxDocument(input: PdfInput, options: FaxDocumentOptions = {}): Promise<FaxDocument> {
  const { bytes: read, kind } = await readDocumentInput(input, options.maxBytes);
  const inspector = options.inspector ?? defaultPdfInspector();
  if (kind !== 'pdf') {
    const paper = typeof options.imagePaper === 'function' ? options.imagePaper() : (options.imagePaper ?? 'letter');
    const made = await imageToPdf(read, kind, { paperSize: paper, onPage: options.onImagePage });
    const info = await inspector.inspect(made.bytes, { textMaxPages: options.textMaxPages, inkFacts: options.inkFacts });
    return { info, bytes: made.bytes, pagePaper: info.pageSizes.map(classifyPage), converted: { from: kind, paperSize: paper } };
  }
  const bytes = read;
  const info = await inspector.inspect(bytes, {
    textMaxPages: options.textMaxPages,
    maxBytes: options.maxBytes,
    inkFacts: options.inkFacts,
  });
  const pagePaper = info.pageSizes.map(classifyPage);
  if (!info.encrypted && !info.hasForm) return { info, bytes, pagePaper };
  const doc = await loadWithPdfLib(bytes);
  // The form is gone from the catalog now: nothing left for save() to redraw.
  const out = await doc.save({ useObjectStreams: true, updateFieldAppearances: false });
  const rewritten = info.encrypted && info.hasForm ? 'decrypted, form flattened' : info.encrypted ? 'decrypted' : 'form flattened';
  return {
    info: { ...info, encrypted: false, hasForm: false, size: out.byteLength, sha256: sha256Hex(out) },
    bytes: out,
    pagePaper,
    rewritten,
  };
}
