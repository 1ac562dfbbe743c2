// Proves from the bytes on disk that an image in the hot folder is whole, as pdf-complete.ts does
// for a PDF, with the same readers that later make it into pages: a PNG's chunks run to its IEND,
// a JPEG's image data ends with its end marker (bytes a camera adds after it do not matter), and
// a TIFF, which has no end marker, has every page's directory and data inside the file (a
// scanner still writing page 3 has not written them yet).

import type { FileHandle } from 'node:fs/promises';
import { documentKindOf } from '../../shared/document-kinds.ts';
import { MAX_PDF_BYTES } from '../../shared/domain.ts';
import { readJpegHeader } from '../pdf/jpeg-image.ts';
import { PdfError } from '../pdf/pdf-errors.ts';
import { readPngHeader } from '../pdf/png-image.ts';
import { openTiff } from '../pdf/tiff-pages.ts';
import type { FileEnds } from './file-ends.ts';

type ImageCompleteness = { verdict: 'complete' } | { verdict: 'incomplete'; why: string };

const READERS = { png: readPngHeader, jpeg: readJpegHeader, tiff: openTiff };

/** Undefined when the file is no image we take; else whether it is whole. */
export async function proveImageComplete(handle: FileHandle, ends: FileEnds): Promise<ImageCompleteness | undefined> {
  const kind = documentKindOf(ends.head);
  if (kind === undefined || kind === 'pdf') return undefined;
  // Too large to fax anyway: refused for its size once taken, not read here.
  if (ends.size > MAX_PDF_BYTES) return { verdict: 'complete' };
  const bytes = new Uint8Array(ends.size);
  await handle.read(bytes, 0, bytes.length, 0);
  try {
    READERS[kind](bytes);
    return { verdict: 'complete' };
  } catch (error) {
    // Too many pages, too large a picture: a verdict on a whole file, said once it is taken.
    if (error instanceof PdfError && error.code !== 'damaged') return { verdict: 'complete' };
    // The reader's detail ("the file ends inside page 3 of 3; …"), said if the file is given up on.
    return { verdict: 'incomplete', why: (error as Error).message.replace(/^.*\((.*)\)\.$/, '$1') };
  }
}
