// Every way a call can fail, as an OpenfaxError with plain words, what to do, and whether
// trying again later can help. The API key never survives into any of these strings.

import { submitErrorInfo } from '../../shared/vendor-codes.ts';
import type { OpenfaxError, Result } from './types.ts';

export function validationError(field: string, reason: string): OpenfaxError {
  return {
    kind: 'validation',
    field,
    message: reason,
    action: `Correct the ${FIELD_LABEL[field] ?? field} and try again; nothing was sent.`,
    retryable: false,
  };
}

const FIELD_LABEL: Record<string, string> = {
  faxNumber: 'fax number',
  toHeader: 'To header',
  fromHeader: 'From header',
  paperSize: 'paper size',
  resolution: 'resolution',
  priority: 'priority',
  file: 'file',
  accountId: 'account ID in Settings → Account',
  apiKey: 'API key in Settings → Account',
  baseUrl: 'server address in Settings',
  fromDate: 'start date',
  toDate: 'end date',
};

/** A documented `Response` error name (any case), or undefined. */
export function documentedError(response: string, raw: string): OpenfaxError | undefined {
  const info = submitErrorInfo(response);
  if (!info) return undefined;
  return {
    kind: info.kind,
    code: response,
    message: info.plain,
    action: info.action,
    retryable: info.retryable,
    raw,
  };
}

export function unknownResponse(message: string, raw: string, code?: string): OpenfaxError {
  return {
    kind: 'unknown-response',
    code,
    message,
    action: 'Check the outbox and your Openfax portal before sending again; if this repeats, send this answer to support.',
    retryable: false,
    raw,
  };
}

export function badResponse(message: string, raw: string, status: number): OpenfaxError {
  return {
    kind: 'bad-response',
    code: String(status),
    message,
    action: 'Openfax may be having trouble; try again in a few minutes.',
    retryable: true,
    raw,
  };
}

export function httpError(status: number, raw: string, location?: string | null): OpenfaxError {
  if (status >= 500 || status === 408 || status === 429) {
    const what = status >= 500 ? 'had a server problem' : status === 429 ? 'is receiving too many requests' : 'timed out waiting for us';
    return {
      kind: 'http',
      code: String(status),
      message: `Openfax ${what} (HTTP ${status}).`,
      action: 'Try again in a few minutes.',
      retryable: true,
      raw,
    };
  }
  if (status >= 300 && status < 400) {
    return {
      kind: 'http',
      code: String(status),
      message: `The server sent the request elsewhere (HTTP ${status}${location ? ` to ${location}` : ''}).`,
      action: 'Check the server address in Settings (it should start with https://).',
      retryable: false,
      raw,
    };
  }
  return {
    kind: 'http',
    code: String(status),
    message: `Openfax refused the request (HTTP ${status}).`,
    action:
      status === 404
        ? 'Check the server address in Settings.'
        : 'Check the account settings; if they are right, contact Openfax support with this code.',
    retryable: false,
    raw,
  };
}

export function networkError(cause: unknown): OpenfaxError {
  const code = errorCode(cause);
  const why = code ? NETWORK_WORDS[code] : undefined;
  return {
    kind: 'network',
    code,
    message: `Could not reach Openfax${why ? ` (${why})` : code ? ` (${code})` : ''}.`,
    action: 'Check the internet connection and try again later.',
    retryable: true,
  };
}

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was dropped',
  ENOTFOUND: 'the server name was not found',
  EAI_AGAIN: 'the server name could not be looked up',
  ETIMEDOUT: 'the connection timed out',
  EPIPE: 'the connection was closed while sending',
  UND_ERR_SOCKET: 'the connection was dropped',
  UND_ERR_CLOSED: 'the connection was closed',
  CERT_HAS_EXPIRED: 'the server’s certificate has expired',
};

function errorCode(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== 'object' || depth > 5) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && code !== 'ERR_INVALID_STATE') return code;
  // fetch wraps the socket error in `cause`; a failed connection to several addresses is an AggregateError.
  const inner = (err as { errors?: unknown[] }).errors?.[0];
  return errorCode((err as { cause?: unknown }).cause, depth + 1) ?? errorCode(inner, depth + 1);
}

export function timeoutError(ms: number): OpenfaxError {
  return {
    kind: 'timeout',
    message: `Openfax did not answer within ${Math.round(ms / 1000)} seconds.`,
    action: 'The connection may be slow; try again later. Check the outbox first: the fax may have gone through.',
    retryable: true,
  };
}

export function canceledError(): OpenfaxError {
  return {
    kind: 'canceled',
    message: 'Canceled before Openfax answered.',
    action: 'Send it again when you are ready.',
    retryable: false,
  };
}

/** A scrubber that removes the API key (as sent, URL-encoded or JSON-escaped) and `APIKey=…` pairs. */
export function keyScrubber(apiKey: string): (text: string) => string {
  const forms = apiKey.length >= 4 ? [...new Set([apiKey, encodeURIComponent(apiKey), JSON.stringify(apiKey).slice(1, -1)])] : [];
  return (text) => {
    let out = text;
    for (const f of forms) out = out.split(f).join('[redacted]');
    return out.replace(/(APIKey["']?\s*[:=]\s*["']?)[^"'&\s,}<]+/gi, '$1[redacted]');
  };
}

/** Applies the scrubber to every string an error carries. */
export function scrubResult<T>(result: Result<T>, scrub: (s: string) => string): Result<T> {
  if (result.ok) return result;
  const e = result.error;
  const clean: OpenfaxError = {
    ...e,
    message: scrub(e.message),
    action: scrub(e.action),
  };
  if (e.code !== undefined) clean.code = scrub(e.code);
  if (e.raw !== undefined) clean.raw = scrub(e.raw);
  return { ok: false, error: clean };
}
