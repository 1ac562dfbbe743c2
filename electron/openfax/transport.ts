// One POST with a streamed body, a time limit sized for the upload, and cancellation.
// Failures come back as values (network, timeout, canceled), never as thrown errors.
//
// By default the body goes out through node:http(s), writing each chunk and waiting until the
// OS has it before its buffer is reused: a 50 MB fax then costs a few MB of memory. fetch
// (when the caller injects one, e.g. Electron's net.fetch for the system proxy) cannot say
// when it is done with a chunk, so that path allocates every chunk afresh and leans on GC.

import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { HttpAnswer } from './answers.ts';
import { canceledError, networkError, timeoutError, validationError } from './errors.ts';
import { FileChangedError, type MultipartBody } from './multipart-body.ts';
import type { OpenfaxError } from './types.ts';

export interface PostOptions {
  /** Use this fetch instead of node:http. */
  fetch?: typeof fetch;
  timeoutMs: number;
  signal?: AbortSignal;
  onProgress?: (sentBytes: number, totalBytes: number) => void;
}

/** A minute to connect and for the server to answer, plus the upload at a slow 100 kB/s. */
export function defaultTimeoutMs(bytes: number): number {
  return 60_000 + Math.ceil(bytes / 100);
}

// Report pages are the largest answers (about 1 MB for 1000 rows); anything far past that is not Openfax.
const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

export async function postMultipart(url: URL, body: MultipartBody, opts: PostOptions): Promise<HttpAnswer | OpenfaxError> {
  if (opts.signal?.aborted) return canceledError();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('timeout'));
  }, opts.timeoutMs);
  const onAbort = () => controller.abort(new Error('canceled'));
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  let fileChanged = false;
  const onError = (err: unknown) => {
    // HTTP clients report a failed body only as a broken request; remember the real reason.
    if (err instanceof FileChangedError) fileChanged = true;
  };
  const headers = { 'content-type': body.contentType, 'content-length': String(body.length), accept: 'application/json, */*' };
  try {
    if (opts.fetch) {
      const res = await opts.fetch(url, {
        method: 'POST',
        headers,
        body: body.stream({ onProgress: opts.onProgress, onError }),
        duplex: 'half',
        redirect: 'manual',
        signal: controller.signal,
      } as RequestInit);
      return { status: res.status, text: await res.text(), location: res.headers.get('location') };
    }
    return await postWithNodeHttp(url, headers, body, controller.signal, { onProgress: opts.onProgress, onError });
  } catch (err) {
    if (fileChanged) {
      return validationError('file', 'The file changed while it was being sent: wait until it is completely written, then send it again.');
    }
    if (timedOut) return timeoutError(opts.timeoutMs);
    if (opts.signal?.aborted) return canceledError();
    return networkError(err);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

function postWithNodeHttp(
  url: URL,
  headers: Record<string, string>,
  body: MultipartBody,
  signal: AbortSignal,
  streamOpts: Parameters<MultipartBody['writeTo']>[1],
): Promise<HttpAnswer> {
  return new Promise<HttpAnswer>((resolve, reject) => {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(url, { method: 'POST', headers });
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      req.destroy();
      reject(err);
    };
    const onAbort = () => fail(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('error', fail);
    // The server may answer before the body is all sent (a refusal); its answer still counts.
    let responded = false;
    req.on('response', (res: IncomingMessage) => {
      responded = true;
      const parts: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) fail(new Error('answer too large'));
        else parts.push(chunk);
      });
      res.on('error', fail);
      res.on('end', () => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8'), location: res.headers.location });
      });
    });
    const write = (chunk: Uint8Array) =>
      new Promise<void>((ok, bad) => {
        if (settled || req.destroyed) return bad(new Error('request closed'));
        req.write(chunk, (err) => (err ? bad(err) : ok()));
      });
    body.writeTo(write, streamOpts).then(
      () => {
        if (!settled) req.end();
      },
      (err) => {
        if (!responded || err instanceof FileChangedError) fail(err);
      },
    );
  });
}
