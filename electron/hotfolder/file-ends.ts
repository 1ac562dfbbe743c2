// The first and last bytes of a file in the hot folder: enough to tell a PDF from something
// else, and where its last trailer is. pdf-complete.ts builds the proof of completeness on them.

import type { FileHandle } from 'node:fs/promises';

const HEAD_BYTES = 1024;
// Readers look for %%EOF in the last 1 KB; slack for the padding and PJL some drivers add after it.
const TAIL_BYTES = 4096;

export interface FileEnds {
  size: number;
  head: Uint8Array;
  tail: Uint8Array;
}

export type HeadVerdict = 'pdf' | 'too-short' | 'not-pdf';

/** Reads the first KB and the last 4 KB through an open handle. */
export async function readEnds(handle: FileHandle): Promise<FileEnds> {
  const { size } = await handle.stat();
  const head = new Uint8Array(Math.min(HEAD_BYTES, size));
  if (head.length > 0) await handle.read(head, 0, head.length, 0);
  const tail = new Uint8Array(Math.min(TAIL_BYTES, size));
  if (tail.length > 0) await handle.read(tail, 0, tail.length, size - tail.length);
  return { size, head, tail };
}

const PDF_MAGIC = Buffer.from('%PDF-');
// Printer drivers may put a PJL job header in front of the PDF.
const PJL_PREFIXES = [Buffer.from('\x1b%-12345X'), Buffer.from('@PJL')];

/** Where `%PDF-` starts in the head (after a PJL header, say), or -1. */
export function pdfStart(ends: FileEnds): number {
  return asBuffer(ends.head).indexOf(PDF_MAGIC);
}

/** Whether the first bytes are a PDF's, could still become one, or never will. */
export function headVerdict(ends: FileEnds): HeadVerdict {
  if (ends.size < PDF_MAGIC.length) return 'too-short';
  if (pdfStart(ends) >= 0) return 'pdf';
  const head = asBuffer(ends.head);
  const maybePjl = PJL_PREFIXES.some((p) => head.subarray(0, p.length).equals(p.subarray(0, Math.min(p.length, head.length))));
  return maybePjl && ends.size < HEAD_BYTES ? 'too-short' : 'not-pdf';
}

export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
