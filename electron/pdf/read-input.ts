// Reads a PDF (or, for readDocumentInput, any document we take: PDF, PNG, JPEG, TIFF) given as
// a path or as bytes into a buffer this module owns, checking size and header before anything
// is parsed (a 2 GB file is refused from its size alone).

import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { checkDocumentHeader, type DocumentKind, isOfficeDocument } from '../../shared/document-kinds.ts';
import { MAX_PDF_BYTES } from '../../shared/domain.ts';
import { errorFromReason, headerProblem, PdfError, pdfError } from './pdf-errors.ts';

export type PdfInput = string | Uint8Array;

export interface OwnedPdfBytes {
  bytes: Uint8Array;
  size: number;
  sha256: string;
}

export async function readPdfInput(input: PdfInput, maxBytes = MAX_PDF_BYTES): Promise<OwnedPdfBytes> {
  const bytes = await readOwned(input, maxBytes);
  const problem = headerProblem(bytes.subarray(0, 1024), bytes.byteLength);
  if (problem) throw problem;
  return { bytes, size: bytes.byteLength, sha256: sha256Hex(bytes) };
}

/** Reads any document we take, told by its content; a Word file or a GIF is refused with its own words. */
export async function readDocumentInput(input: PdfInput, maxBytes = MAX_PDF_BYTES): Promise<{ bytes: Uint8Array; kind: DocumentKind }> {
  const bytes = await readOwned(input, maxBytes);
  const head = bytes.subarray(0, 1024);
  const check = checkDocumentHeader(head, bytes.byteLength);
  if (check.ok) return { bytes, kind: check.value };
  throw documentProblem(head, bytes.byteLength, bytes.subarray(Math.max(0, bytes.byteLength - 4096))) as PdfError;
}

/** Why a document cannot be faxed, from its first (and last) bytes and its size; undefined when it can. */
export function documentProblem(head: Uint8Array, size: number, tail?: Uint8Array): PdfError | undefined {
  const check = checkDocumentHeader(head, size, tail);
  if (check.ok) return undefined;
  const code = size <= 0 ? 'empty' : size > MAX_PDF_BYTES ? 'too-large' : isOfficeDocument(head, tail) ? 'office-document' : 'not-pdf';
  return errorFromReason(code, check.reason);
}

async function readOwned(input: PdfInput, maxBytes: number): Promise<Uint8Array> {
  let bytes: Uint8Array;
  if (typeof input === 'string') {
    let size: number;
    try {
      const info = await stat(input);
      if (!info.isFile()) throw pdfError('unreadable', 'it is a folder, not a file');
      size = info.size;
      if (size > maxBytes) throw tooLarge(size, maxBytes);
      bytes = new Uint8Array(await readFile(input));
    } catch (error) {
      if (error instanceof PdfError) throw error;
      throw pdfError('unreadable', (error as NodeJS.ErrnoException).code ?? String(error), error);
    }
  } else {
    if (input.byteLength > maxBytes) throw tooLarge(input.byteLength, maxBytes);
    bytes = input.slice();
  }
  return bytes;
}

function tooLarge(size: number, maxBytes: number): PdfError {
  // Over the shared 50 MB limit the shared wording applies; a smaller caller limit gets its own.
  const shared = headerProblem(new Uint8Array(), size);
  if (shared && size > MAX_PDF_BYTES) return shared;
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return new PdfError(
    'too-large',
    `The file is ${mb(size)}, over the limit of ${mb(maxBytes)}.`,
    'Split it into smaller faxes or save it with lower image quality.',
  );
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
