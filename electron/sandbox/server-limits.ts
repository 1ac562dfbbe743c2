// What one request and one client may cost the sandbox. It listens on loopback only, but any
// local process can reach it, and it runs in the app's main process: without caps, 20 MB of
// tiny fields cost seconds of CPU, and sockets that send their headers slowly stay open for a
// minute and more. Each cap answers as Apache would (an error page with its status), never a crash.

import { MAX_PDF_BYTES } from './defaults.ts';

export interface ServerLimits {
  /** Fields in one body, multipart parts or urlencoded pairs (PHP's max_input_vars is 1000). */
  maxFields: number;
  /** Bytes in one body: the 50 MB PDF as base64 (4/3), its `+` and `/` escaped, and the other fields. */
  maxBodyBytes: number;
  /** Bytes of the request line and headers together (431 past it). */
  maxHeaderBytes: number;
  /** Open sockets; one more is closed at once (the app's own client needs a handful). */
  maxConnections: number;
  /** From the first byte to the end of the headers (408 past it). */
  headersTimeoutMs: number;
  /** From the first byte to the end of the body: a 67 MB upload on loopback takes about a second. */
  requestTimeoutMs: number;
  /** How long a kept-alive socket may wait for its next request. */
  keepAliveTimeoutMs: number;
  /** A socket silent this long is closed. */
  idleTimeoutMs: number;
  /** How often Node looks for requests past their headers or request timeout. */
  timeoutCheckMs: number;
}

export const DEFAULT_SERVER_LIMITS: Readonly<ServerLimits> = Object.freeze({
  maxFields: 1000,
  maxBodyBytes: 2 * MAX_PDF_BYTES,
  maxHeaderBytes: 16 * 1024,
  maxConnections: 32,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 120_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
  timeoutCheckMs: 1_000,
});

/** A body past `maxFields`: the parsers stop at once rather than read every field. */
export class TooManyFieldsError extends Error {
  override name = 'TooManyFieldsError';
  constructor(limit: number) {
    super(`more than ${limit} fields in one request`);
  }
}
