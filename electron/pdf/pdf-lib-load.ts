// Opens a PDF with pdf-lib (for merging, the cover page and the copy that is faxed) with the
// same checks and wording as inspectPdf, naming the file in the message when there are several.
// What comes back is what a fax should carry: decrypted when the file had only an owner
// password, and with any filled form flattened into its pages.

import { basename } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { loadDecrypted } from './decrypt.ts';
import { flattenForm } from './flatten-form.ts';
import { PdfError, pdfError } from './pdf-errors.ts';
import { quietly } from './quiet-pdf-lib.ts';
import { type PdfInput, readPdfInput } from './read-input.ts';

export async function loadWithPdfLib(input: PdfInput): Promise<PDFDocument> {
  const label = typeof input === 'string' ? basename(input) : undefined;
  try {
    const { bytes } = await readPdfInput(input);
    const doc = await quietly(async () => {
      // pdf-lib's own EncryptedPDFError is an ES5 subclass that `instanceof` cannot recognise.
      const parsed = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
      return parsed.isEncrypted ? loadDecrypted(bytes, parsed.context) : parsed;
    });
    if (doc.getPageCount() < 1) throw pdfError('no-pages');
    flattenForm(doc);
    return doc;
  } catch (error) {
    const named = (e: PdfError) => (label ? new PdfError(e.code, `${label}: ${e.message}`, e.action, e) : e);
    if (error instanceof PdfError) throw named(error);
    throw named(pdfError('damaged', (error as Error | undefined)?.message, error));
  }
}
