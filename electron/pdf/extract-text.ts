// Plain text of a PDF's first pages, for embedded routing codes. Line ends reported by pdf.js
// are kept, so a code a driver wrapped onto two lines is still one string to search. The app
// reads text through its PDF check (textMaxPages: pdf-inspector.ts), in the check's child;
// extractText parses in the calling process, for tests and tools that read our own output.

import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PdfError, pdfError } from './pdf-errors.ts';
import { openPdfDocument } from './pdfjs-loader.ts';
import { type PdfInput, readPdfInput } from './read-input.ts';

export interface ExtractTextOptions {
  /** Pages read from the start (default 10): codes sit on the first page or two. */
  maxPages?: number;
}

/** Extracts the text of the first `maxPages` pages, pages separated by a blank line. */
export async function extractText(input: PdfInput, options: ExtractTextOptions = {}): Promise<string> {
  const { bytes } = await readPdfInput(input);
  let doc: PDFDocumentProxy;
  try {
    doc = await openPdfDocument(bytes);
  } catch (error) {
    if ((error as Error | undefined)?.name === 'PasswordException') throw pdfError('encrypted', undefined, error);
    throw pdfError('damaged', (error as Error | undefined)?.message, error);
  }
  try {
    return await collectText(doc, options.maxPages ?? 10);
  } finally {
    await doc.destroy();
  }
}

/** Text of an open document's first pages. */
export async function collectText(doc: PDFDocumentProxy, maxPages: number): Promise<string> {
  const parts: string[] = [];
  const last = Math.min(doc.numPages, Math.max(1, maxPages));
  for (let n = 1; n <= last; n++) {
    try {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      parts.push(text);
      page.cleanup();
    } catch (error) {
      if (error instanceof PdfError) throw error;
      throw pdfError('damaged', `the text of page ${n} cannot be read`, error);
    }
  }
  return parts.join('\n\n');
}
