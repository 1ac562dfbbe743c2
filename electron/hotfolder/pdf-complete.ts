// Proves from the bytes on disk that a PDF is whole, reading only its ends and a small window
// where its last trailer points (files may be 50 MB). `%%EOF` alone proves nothing: a
// linearised file has a first-page trailer with its own `%%EOF` a few KB in, and a save with an
// incremental update has a complete old revision before the new one is appended. So:
// - after the last `%%EOF` only padding may follow (whitespace, NULs, a PJL end-of-job);
// - the last `startxref` governs, and it must point at a cross-reference table (`xref`) or a
//   cross-reference stream (`N G obj << /Type /XRef …`);
// - a linearised file must be as long as its `/L` says.
// Whether a program still has the file open is the other half of the proof (open-writers.ts).
// Images (PNG, JPEG, TIFF) have proofs of their own (image-complete.ts).

import { open } from 'node:fs/promises';
import { asBuffer, type FileEnds, headVerdict, pdfStart, readEnds } from './file-ends.ts';
import { proveImageComplete } from './image-complete.ts';

const XREF_WINDOW = 4096;

export type Completeness =
  | { verdict: 'complete'; ends: FileEnds }
  | { verdict: 'not-pdf'; ends: FileEnds }
  /** `why` is said in the reason file if the file is given up on. */
  | { verdict: 'incomplete'; ends: FileEnds; why: string };

const NO_EOF = 'the file never ended the way a PDF must (no %%EOF); the program writing it may have stopped';

/** Reads `path` and judges whether it is a whole PDF, something else, or not (yet) whole. */
export async function proveComplete(path: string): Promise<Completeness> {
  const handle = await open(path, 'r');
  try {
    const ends = await readEnds(handle);
    const head = headVerdict(ends);
    if (head === 'not-pdf') {
      // PNG, JPEG and TIFF prove themselves their own way (image-complete.ts).
      const image = await proveImageComplete(handle, ends);
      return image ? { ...image, ends } : { verdict: 'not-pdf', ends };
    }
    if (head === 'too-short') return { verdict: 'incomplete', ends, why: NO_EOF };
    const trailer = lastTrailer(ends);
    if (typeof trailer === 'string') return { verdict: 'incomplete', ends, why: trailer };
    const start = pdfStart(ends);
    const length = linearizedLength(ends.head, start);
    if (length !== undefined && ends.size - start < length)
      return { verdict: 'incomplete', ends, why: `it says it is ${length} bytes long, but only ${ends.size - start} were written` };
    // Offsets count from `%PDF-`; a few producers count from the start of a PJL-wrapped file.
    for (const base of start > 0 ? [start, 0] : [0]) {
      const at = base + trailer.startxref;
      if (at >= ends.size) continue;
      const window = new Uint8Array(Math.min(XREF_WINDOW, ends.size - at));
      await handle.read(window, 0, window.length, at);
      if (isCrossReference(window)) return { verdict: 'complete', ends };
    }
    return {
      verdict: 'incomplete',
      ends,
      why: `its last startxref points to byte ${trailer.startxref}, where there is no cross-reference table`,
    };
  } finally {
    await handle.close();
  }
}

const EOF_MARK = Buffer.from('%%EOF');
const STARTXREF = Buffer.from('startxref');
const UEL = '\x1b%-12345X';

// A PJL end-of-job (`ESC%-12345X@PJL EOJ …`) and padding (whitespace, NULs, DOS end-of-file)
// may follow the last %%EOF; anything else is the start of more.
function isPadding(text: string): boolean {
  const rest = text
    .split(UEL)
    .join(' ')
    .replace(/@PJL[^\n]*/g, ' ');
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if (!(c === 0 || c === 0x1a || c === 0x20 || (c >= 0x09 && c <= 0x0d))) return false;
  }
  return true;
}

/** The last trailer's `startxref`, or why the end of the file is not a PDF's end. */
function lastTrailer(ends: FileEnds): { startxref: number } | string {
  const tail = asBuffer(ends.tail);
  const eof = tail.lastIndexOf(EOF_MARK);
  if (eof < 0) return NO_EOF;
  if (!isPadding(tail.subarray(eof + EOF_MARK.length).toString('latin1')))
    return 'more was written after its last %%EOF and never finished (an update left half-written); the program writing it may have stopped';
  const at = tail.lastIndexOf(STARTXREF, eof);
  const match = at < 0 ? null : /^startxref\s+(\d+)\s*$/.exec(tail.subarray(at, eof).toString('latin1'));
  if (!match) return 'its end has no startxref saying where its cross-reference table is';
  return { startxref: Number(match[1]) };
}

// `/L` of a `/Linearized` dictionary, which must be the first object in the file.
function linearizedLength(head: Uint8Array, start: number): number | undefined {
  const text = asBuffer(head).subarray(start).toString('latin1');
  const dict = /^%PDF-[^\r\n]*[\r\n]+(?:%[^\r\n]*[\r\n]+)*\s*\d+\s+\d+\s+obj\s*<<([^>]*\/Linearized[^>]*)>>/.exec(text);
  const length = dict ? /\/L\s*(\d+)/.exec(dict[1] as string) : null;
  return length ? Number(length[1]) : undefined;
}

function isCrossReference(window: Uint8Array): boolean {
  // Some producers are off by an end-of-line; readers allow it, so do we.
  const text = asBuffer(window)
    .toString('latin1')
    .replace(/^[\s\0]{0,4}/, '');
  if (/^xref\s+\d+\s+\d+/.test(text)) return true;
  const object = /^\d+\s+\d+\s+obj\b/.exec(text);
  if (!object) return false;
  const streamAt = text.indexOf('stream', object[0].length);
  return /\/Type\s*\/XRef\b/.test(text.slice(object[0].length, streamAt < 0 ? undefined : streamAt));
}
