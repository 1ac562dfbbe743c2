// Page count of a spooled PDF when the caller did not inspect it (the CLI, tests).
// Report rows carry PageCount; matching a crashed upload to its row needs ours to agree.

import { readFile } from 'node:fs/promises';

export async function countPdfPages(path: string): Promise<number> {
  // Loaded on first use: pdf-lib takes a quarter of a second to import, and the app passes page counts in.
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.load(await readFile(path), { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  return doc.getPageCount();
}
