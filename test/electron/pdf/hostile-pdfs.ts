// PDFs built to make a reader work very long or allocate a lot, in a few hundred kilobytes.
// Each is a well-formed file (a correct cross-reference table): the hot folder takes it as
// complete, and pdf.js opens it without complaint, then spends its time or memory on it.

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDeflate, deflateSync } from 'node:zlib';

/** A PDF of these objects (numbered from 1, the catalog first) with an exact cross-reference table. */
function assemble(objects: Array<string | Buffer>): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')];
  let length = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const part = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`),
      Buffer.isBuffer(body) ? body : Buffer.from(body),
      Buffer.from('\nendobj\n'),
    ]);
    parts.push(part);
    length += part.length;
  });
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) xref += `${String(offset).padStart(10, '0')} 00000 n \n`;
  xref += `trailer<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(xref));
  return new Uint8Array(Buffer.concat(parts));
}

/**
 * Thousands of pages in one flat list, each inheriting its size: pdf.js finds every page by
 * walking the list from the start, so the time grows with the square of the count (4,000 pages,
 * 300 KB, take pdf.js about 15 s on a developer machine, and 8,000 over a minute).
 */
export function slowPdf(pages = 4000): Uint8Array {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  const objects = ['<</Type/Catalog/Pages 2 0 R>>', `<</Type/Pages/Kids[${kids}]/Count ${pages}/MediaBox[0 0 612 792]>>`];
  for (let i = 0; i < pages; i++) objects.push('<</Type/Page/Parent 2 0 R>>');
  return assemble(objects);
}

/**
 * One page whose content stream inflates about a thousandfold (a "zip bomb"): reading the page's
 * text makes pdf.js hold all of it, `megabytes` MB of buffers from a file a thousandth that size.
 */
export async function inflatingPdf(megabytes = 1024): Promise<Uint8Array> {
  // Deflated as a stream, a megabyte at a time: the test process never holds what it inflates to.
  const spaces = Buffer.alloc(1024 * 1024, 0x20);
  const chunks: Buffer[] = [];
  const deflate = createDeflate({ level: 1 });
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  await pipeline(
    Readable.from(
      (function* () {
        for (let i = 0; i < megabytes; i++) yield spaces;
      })(),
    ),
    deflate,
  );
  const packed = Buffer.concat(chunks);
  const stream = Buffer.concat([
    Buffer.from(`<</Length ${packed.length}/Filter/FlateDecode>>stream\n`),
    packed,
    Buffer.from('\nendstream'),
  ]);
  return assemble([
    '<</Type/Catalog/Pages 2 0 R>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>',
    stream,
  ]);
}

/**
 * One page of millions of tiny filled squares, deflated to a few hundred kilobytes: quick to
 * open and count, slow to draw (each square is parsed, transformed and filled).
 */
export function slowToDrawPdf(squares = 3_000_000): Uint8Array {
  const ops = Buffer.from('0 0 1 1 re f\n'.repeat(squares));
  const packed = deflateSync(ops, { level: 9 });
  const stream = Buffer.concat([
    Buffer.from(`<</Length ${packed.length}/Filter/FlateDecode>>stream\n`),
    packed,
    Buffer.from('\nendstream'),
  ]);
  return assemble([
    '<</Type/Catalog/Pages 2 0 R>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>',
    stream,
  ]);
}
