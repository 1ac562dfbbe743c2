// A PDF read back the way a person's viewer reads it: pdf.js's text of each page, each drawn
// piece of text separated by one space, so "Job" and its value read "Job 12"; where text sits
// on a page; and the files attached to it.

import { loadPdfJs, openPdfDocument } from '../../../electron/pdf/pdfjs-loader.ts';

/** The text of every page, in order. */
export async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const doc = await openPdfDocument(new Uint8Array(bytes));
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(
        content.items
          .flatMap((item) => ('str' in item ? [item.str] : []))
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim(),
      );
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** How many images page `n` (1-based) draws. */
export async function imagesOnPage(bytes: Uint8Array, n: number): Promise<number> {
  const { pdfjs } = await loadPdfJs();
  const doc = await openPdfDocument(new Uint8Array(bytes));
  try {
    const ops = await (await doc.getPage(n)).getOperatorList();
    return ops.fnArray.filter((fn) => fn === pdfjs.OPS.paintImageXObject).length;
  } finally {
    await doc.destroy();
  }
}

/** The files attached to a PDF (its EmbeddedFiles), by name, as pdf.js reads them. */
export async function attachedFiles(bytes: Uint8Array): Promise<Record<string, Uint8Array>> {
  const doc = await openPdfDocument(new Uint8Array(bytes));
  try {
    const found = ((await doc.getAttachments()) ?? {}) as Record<string, { filename: string; content: Uint8Array }>;
    return Object.fromEntries(Object.values(found).map((a) => [a.filename, a.content]));
  } finally {
    await doc.destroy();
  }
}

/** Where each piece of text of page `n` (1-based) sits: its baseline's height from the bottom, in points. */
export async function textHeights(bytes: Uint8Array, n: number): Promise<Array<{ str: string; y: number }>> {
  const doc = await openPdfDocument(new Uint8Array(bytes));
  try {
    const content = await (await doc.getPage(n)).getTextContent();
    return content.items.flatMap((item) => ('str' in item ? [{ str: item.str, y: item.transform[5] as number }] : []));
  } finally {
    await doc.destroy();
  }
}
