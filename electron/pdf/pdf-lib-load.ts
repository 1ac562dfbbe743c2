// Opens a PDF with pdf-lib (for merging and the cover page) with the same checks and wording
// as inspectPdf, naming the file in the message when there are several.

import { basename } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { PdfError, pdfError } from './pdf-errors.ts';
import { type PdfInput, readPdfInput } from './read-input.ts';

export async function loadWithPdfLib(input: PdfInput): Promise<PDFDocument> {
  const label = typeof input === 'string' ? basename(input) : undefined;
  try {
    const { bytes } = await readPdfInput(input);
    // pdf-lib's own EncryptedPDFError is an ES5 subclass that `instanceof` cannot recognise.
    const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
    if (doc.isEncrypted) throw pdfError('encrypted');
    if (doc.getPageCount() < 1) throw pdfError('no-pages');
    return doc;
  } catch (error) {
    const named = (e: PdfError) => (label ? new PdfError(e.code, `${label}: ${e.message}`, e.action, e) : e);
    if (error instanceof PdfError) throw named(error);
    throw named(pdfError('damaged', (error as Error | undefined)?.message, error));
  }
}
