// Files the user drops or picks: read once in the renderer, so the preview starts from the
// bytes at hand while main checks and keeps its own copy (by path in Electron, by upload in
// a browser). The first bytes are checked here with the shared rule for an instant refusal:
// PDFs and images (PNG, JPEG, TIFF, which main makes into pages) pass, a Word file is named.

import { checkDocumentHeader, documentKindOf } from '../../../shared/document-kinds.ts';

export async function readFileBytes(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** Refusal reason for a file that is obviously no document we take (or too big), else undefined. */
export function quickRefusal(bytes: Uint8Array): string | undefined {
  const check = checkDocumentHeader(bytes.subarray(0, 1024), bytes.byteLength, bytes.subarray(Math.max(0, bytes.byteLength - 4096)));
  return check.ok ? undefined : check.reason;
}

/** True for a PNG, JPEG or TIFF (by content): main makes it into a PDF before it can be previewed. */
export function isImageBytes(bytes: Uint8Array): boolean {
  const kind = documentKindOf(bytes.subarray(0, 1024));
  return kind !== undefined && kind !== 'pdf';
}
