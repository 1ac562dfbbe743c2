// Downloads a fax image once: no cookies, no credentials, never the API key (nothing but the
// address is sent), a size cap read from Content-Length and held while the body streams, a
// time cap over the whole download, and redirects followed only to addresses the same rule
// allows (fax-doc-url.ts). Node's own http and https carry it, because they let the address a
// name resolves to be checked at the connection itself: a name that answers with a private or
// loopback address is refused there, with no second lookup for DNS to answer differently.
// Every refusal is an AsSentError with words for the person.

import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkFaxDocUrl, resolvedAddressProblem } from './fax-doc-url.ts';

export class AsSentError extends Error {
  override name = 'AsSentError';
}

export interface FetchImageOptions {
  apiOnLoopback: boolean;
  maxBytes: number;
  timeoutMs: number;
  /** Cancels the download (the app is closing). */
  signal?: AbortSignal;
  /** Resolves names; Node's by default. */
  lookup?: LookupFunction;
}

const MAX_REDIRECTS = 3;

function megabytes(n: number): string {
  return `${Math.round(n / (1024 * 1024))} MB`;
}

/** The bytes at `address`, or an AsSentError saying why not. */
export async function fetchFaxImage(address: string, opts: FetchImageOptions): Promise<Uint8Array> {
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  let next = address;
  try {
    for (let hop = 0; ; hop++) {
      const checked = checkFaxDocUrl(next, opts.apiOnLoopback);
      if (!checked.ok)
        throw new AsSentError(hop ? `it moved to an address Openfax Desktop does not fetch: ${checked.reason}` : checked.reason);
      const url = checked.url;
      const lookup = checkedLookup(opts.lookup ?? (dnsLookup as LookupFunction), (ip) =>
        resolvedAddressProblem(ip, { apiOnLoopback: opts.apiOnLoopback, http: url.protocol === 'http:' }),
      );
      const res = await get(url, signal, lookup);
      const location = res.headers.location;
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && location) {
        res.destroy();
        if (hop >= MAX_REDIRECTS) throw new AsSentError(`it moved more than ${MAX_REDIRECTS} times`);
        next = new URL(location, url).href;
        continue;
      }
      if (status < 200 || status >= 300) {
        res.destroy();
        throw new AsSentError(`Openfax answered ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`);
      }
      const declared = Number(res.headers['content-length']);
      if (declared > opts.maxBytes) {
        res.destroy();
        throw new AsSentError(`it is ${megabytes(declared)}, over the ${megabytes(opts.maxBytes)} a fax image may be`);
      }
      return await readCapped(res, opts.maxBytes);
    }
  } catch (err) {
    if (err instanceof AsSentError) throw err;
    if (timeout.aborted) throw new AsSentError(`it did not arrive within ${Math.round(opts.timeoutMs / 1000)} s`);
    if (opts.signal?.aborted) throw new AsSentError('the app closed while it was downloading');
    throw new AsSentError(`it could not be downloaded (${(err as Error).message})`);
  }
}

/** One GET: only the address and an Accept header go out; a fresh connection, closed after. */
function get(url: URL, signal: AbortSignal, lookup: LookupFunction): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'GET', headers: { accept: 'image/tiff' }, agent: false, lookup, signal }, resolve);
    req.on('error', reject);
    req.end();
  });
}

/** Resolves as `base` does, and fails the connection when any address it gives is refused. */
function checkedLookup(base: LookupFunction, problem: (ip: string) => string | undefined): LookupFunction {
  return (hostname, options, callback) => {
    base(hostname, { ...options, all: true }, (err, found) => {
      if (err) return callback(err, '', 0);
      const addresses = (Array.isArray(found) ? found : [{ address: found, family: 4 }]) as LookupAddress[];
      for (const { address } of addresses) {
        const why = problem(address);
        if (why) return callback(new AsSentError(why), '', 0);
      }
      const [first] = addresses;
      if (options.all) callback(null, addresses);
      else callback(null, first?.address ?? '', first?.family ?? 4);
    });
  };
}

async function readCapped(res: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      res.destroy();
      throw new AsSentError(`it is over the ${megabytes(maxBytes)} a fax image may be`);
    }
    chunks.push(chunk);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
