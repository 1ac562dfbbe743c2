// Files the user drops or picks: read once in the renderer, so the preview starts from the
// bytes at hand while main checks and keeps its own copy (by path in Electron, by upload in
// a browser). The first bytes are checked here with the shared rule for an instant refusal.

import { checkPdfHeader } from '../../../shared/fax-rules.ts';

export async function readFileBytes(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** Refusal reason for a file that is obviously not a PDF (or too big), else undefined. */
export function quickRefusal(bytes: Uint8Array): string | undefined {
  const check = checkPdfHeader(bytes.subarray(0, 1024), bytes.byteLength);
  return check.ok ? undefined : check.reason;
}
