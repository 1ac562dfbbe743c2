// Page count of an accepted PDF, read with pdf.js from the temp file through a range transport:
// pdf.js asks only for the pieces it needs (trailer, xref, page tree), so a 50 MB fax costs a
// few hundred kilobytes of reads and tens of milliseconds, not a 50 MB buffer.

import { open } from 'node:fs/promises';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | undefined;

/** Loads pdf.js once (it takes a few hundred ms); call early to have it ready. */
export function loadPdfJs(): Promise<PdfJs> {
  // The default build needs DOM pieces Node lacks; the legacy build runs in plain Node.
  // Opening one tiny document also loads pdf.js's in-process worker, so the first real fax
  // does not pay half a second for it.
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs').then(async (pdfjs) => {
    const task = pdfjs.getDocument({ data: tinyPdf(), verbosity: 0, isEvalSupported: false });
    await task.promise.catch(() => undefined);
    await task.destroy().catch(() => {});
    return pdfjs;
  });
  return pdfjsPromise;
}

/** A valid one-page PDF, built with correct xref offsets. */
function tinyPdf(): Uint8Array {
  const objects = [
    '<</Type/Catalog/Pages 2 0 R>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>',
  ];
  let text = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj${body}endobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) text += `${String(o).padStart(10, '0')} 00000 n \n`;
  text += `trailer<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(text);
}

/**
 * Number of pages, or undefined when the document cannot be opened or one of its pages cannot
 * be loaded: the vendor's renderer would fail on it too (CurrentState 10, LastStatus 8).
 */
export async function countPdfPages(path: string, size: number, timeoutMs = 5000): Promise<number | undefined> {
  const pdfjs = await loadPdfJs();
  const file = await open(path, 'r');
  // Without a cross-reference at its end, pdf.js rebuilds one by parsing the whole file, which
  // for 50 MB of damage takes tens of seconds; a fax service's converter gives up on such files.
  const tailSize = Math.min(size, 64 * 1024);
  const tail = Buffer.alloc(tailSize);
  await file.read(tail, 0, tailSize, size - tailSize);
  if (!tail.includes('startxref')) {
    await file.close();
    return undefined;
  }
  const transport = new pdfjs.PDFDataRangeTransport(size, new Uint8Array(0));
  transport.requestDataRange = (begin: number, end: number) => {
    const chunk = Buffer.allocUnsafe(end - begin);
    const deliver = (bytes: number) => {
      try {
        transport.onDataRange(begin, new Uint8Array(chunk.buffer, chunk.byteOffset, bytes));
      } catch {
        // The document was already given up on; a late read has nowhere to go.
      }
    };
    file.read(chunk, 0, chunk.length, begin).then(
      ({ bytesRead }) => deliver(bytesRead),
      () => deliver(0),
    );
  };
  const task = pdfjs.getDocument({
    range: transport,
    length: size,
    disableAutoFetch: true,
    disableStream: true,
    rangeChunkSize: 256 * 1024,
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: 0,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const giveUp = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  const count = async () => {
    const doc = await task.promise;
    for (let i = 1; i <= doc.numPages; i++) await doc.getPage(i);
    return doc.numPages > 0 ? doc.numPages : undefined;
  };
  try {
    return await Promise.race([count(), giveUp]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => {});
    await file.close();
  }
}
