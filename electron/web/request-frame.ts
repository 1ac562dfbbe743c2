// What the browser host accepts as one WebSocket frame: a text frame holding a JSON object with
// an integer `id` (so the answer can find its caller). Anything else is a protocol error, not a
// request: the socket is closed with the code RFC 6455 gives for it, and nothing is dispatched.
// The payload is checked later, by the router, against the contract.

import type { RawData } from 'ws';

export type FrameReading = { ok: true; id: number; method: string; payload: unknown } | { ok: false; close: 1003 | 1007; reason: string };

/** Reads one frame; never throws, whatever the frame holds. */
export function readRequestFrame(data: RawData, isBinary: boolean): FrameReading {
  // 1003: a kind of data the endpoint does not accept. The page only ever sends text.
  if (isBinary) return { ok: false, close: 1003, reason: 'Text frames only' };
  const text = Array.isArray(data)
    ? Buffer.concat(data).toString()
    : Buffer.isBuffer(data)
      ? data.toString()
      : Buffer.from(data).toString();
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return { ok: false, close: 1007, reason: 'Not JSON' };
  }
  // 1007: data inconsistent with the message type. Own properties only: JSON.parse makes
  // `__proto__` an own key, and an id read through a prototype is not the caller's.
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return { ok: false, close: 1007, reason: 'Not a request' };
  const id = Object.hasOwn(msg, 'id') ? (msg as { id: unknown }).id : undefined;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return { ok: false, close: 1007, reason: 'A request needs an integer id' };
  const method = Object.hasOwn(msg, 'method') ? (msg as { method: unknown }).method : undefined;
  const payload = Object.hasOwn(msg, 'payload') ? (msg as { payload: unknown }).payload : undefined;
  // A method that is not a string is answered as an unknown one (the router refuses '').
  return { ok: true, id, method: typeof method === 'string' ? method : '', payload };
}
