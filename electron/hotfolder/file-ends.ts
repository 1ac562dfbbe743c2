// The cheap completeness test run before a file is moved: the first and last bytes only.
// A PDF being written has `%PDF-` from its first write but `%%EOF` only at its very end
// (producers write the trailer last), so a paused writer is never mistaken for a finished one.

import { open } from 'node:fs/promises';

const HEAD_BYTES = 1024;
// Readers look for %%EOF in the last 1 KB; a little slack for trailing junk some drivers add.
const TAIL_BYTES = 2048;

export interface FileEnds {
  size: number;
  head: Uint8Array;
  tail: Uint8Array;
}

export type EndsVerdict = 'complete' | 'incomplete' | 'not-pdf';

export async function readFileEnds(path: string): Promise<FileEnds> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const head = new Uint8Array(Math.min(HEAD_BYTES, size));
    if (head.length > 0) await handle.read(head, 0, head.length, 0);
    const tailLength = Math.min(TAIL_BYTES, size);
    const tail = new Uint8Array(tailLength);
    if (tailLength > 0) await handle.read(tail, 0, tailLength, size - tailLength);
    return { size, head, tail };
  } finally {
    await handle.close();
  }
}

const PDF_MAGIC = Buffer.from('%PDF-');
const EOF_MARK = Buffer.from('%%EOF');
// Printer drivers may put a PJL job header in front of the PDF.
const PJL_PREFIXES = [Buffer.from('\x1b%-12345X'), Buffer.from('@PJL')];

export function judgeEnds(ends: FileEnds): EndsVerdict {
  const head = Buffer.from(ends.head.buffer, ends.head.byteOffset, ends.head.byteLength);
  if (ends.size < PDF_MAGIC.length) return 'incomplete';
  if (head.indexOf(PDF_MAGIC) < 0) {
    const maybePjl = PJL_PREFIXES.some((p) => head.subarray(0, p.length).equals(p.subarray(0, Math.min(p.length, head.length))));
    return maybePjl && ends.size < HEAD_BYTES ? 'incomplete' : 'not-pdf';
  }
  const tail = Buffer.from(ends.tail.buffer, ends.tail.byteOffset, ends.tail.byteLength);
  return tail.lastIndexOf(EOF_MARK) >= 0 ? 'complete' : 'incomplete';
}
