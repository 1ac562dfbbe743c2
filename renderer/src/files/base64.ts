// File bytes cross the bridge as base64 text (JSON over the WebSocket, structured clone in
// Electron alike). The one encoder and decoder the renderer uses; main has Buffer.

/** Encodes bytes as base64, natively where the engine has Uint8Array.prototype.toBase64. */
export function bytesToBase64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  let out = '';
  // In chunks: String.fromCharCode with a whole large file overflows the argument limit.
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) out += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(out);
}

/** Decodes base64 into fresh bytes (backed by their own ArrayBuffer, so a Blob takes them as they are). */
export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const native = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array<ArrayBuffer> }).fromBase64;
  if (typeof native === 'function') return native(b64);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
