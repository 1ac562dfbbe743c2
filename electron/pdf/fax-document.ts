// One document as it will be faxed: inspected with the one rule (inspect.ts), then, only when
// it must be, rewritten: an owner-password PDF decrypted, a filled form flattened into its
// pages. The CLI sends these bytes and Compose stages them, so its preview shows what is sent.

import { type InspectOptions, inspectPdf, type PdfInfo } from './inspect.ts';
import { classifyPage, type PaperGuess } from './paper-size.ts';
import { loadWithPdfLib } from './pdf-lib-load.ts';
import { type PdfInput, readPdfInput, sha256Hex } from './read-input.ts';

export interface FaxDocument {
  /** About `bytes` (size and hash are those of the rewritten copy when there is one). */
  info: PdfInfo;
  bytes: Uint8Array;
  /** Each page's paper size class, in order. */
  pagePaper: PaperGuess[];
  /** Why the bytes differ from the file, for a note; undefined when they are the file as given. */
  rewritten?: 'decrypted' | 'form flattened' | 'decrypted, form flattened';
}

/** Reads, checks and (if needed) rewrites a PDF for faxing. Throws PdfError like inspectPdf. */
export async function readFaxDocument(input: PdfInput, options: InspectOptions = {}): Promise<FaxDocument> {
  const { bytes } = await readPdfInput(input, options.maxBytes);
  const info = await inspectPdf(bytes, options);
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
