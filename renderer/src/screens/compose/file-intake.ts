// Files the user drops or picks: read once in the renderer, so the preview starts from the
// bytes at hand while main checks and keeps its own copy (by path in Electron, by upload in
// a browser). The first bytes are checked here with the shared rule for an instant refusal.

import { checkPdfHeader } from '../../../../shared/fax-rules.ts';

export async function readFileBytes(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** Refusal reason for a file that is obviously not a PDF (or too big), else undefined. */
export function quickRefusal(bytes: Uint8Array): string | undefined {
  const check = checkPdfHeader(bytes.subarray(0, 1024), bytes.byteLength);
  return check.ok ? undefined : check.reason;
}

export function bytesToBase64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  let out = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) out += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(out);
}

export function base64ToBytes(b64: string): Uint8Array {
  const native = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  if (typeof native === 'function') return native(b64);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
