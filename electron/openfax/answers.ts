// Reading the vendor's answers: `{"Response": …}` objects, the credit array, report rows.
// Anything we cannot read is kept verbatim (the caller scrubs the key) and reported, never
// swallowed. A body that is not JSON at all (a PHP warning page, an empty reply) is a passing
// server problem and worth retrying; JSON we do not recognise needs a person to look.

import { badResponse, documentedError, httpError, unknownResponse } from './errors.ts';
import { parseReportRows } from './report-rows.ts';
import type { OpenfaxError, ReportRow, Result } from './types.ts';

export interface HttpAnswer {
  status: number;
  text: string;
  location?: string | null;
}

type Parsed = { ok: true; json: unknown; response?: string } | { ok: false; error: Result<never> };

// Big integers (20-digit fax numbers, ids) would lose digits as JS numbers; keep them as text.
// The reviver's third argument (source text) exists in Node 22+.
function reviver(_key: string, value: unknown, context?: { source?: string }): unknown {
  if (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source && /^-?\d+$/.test(context.source)) {
    return context.source;
  }
  return value;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return {
      ok: true,
      value: JSON.parse(text, reviver as (k: string, v: unknown) => unknown),
    };
  } catch {
    return { ok: false };
  }
}

// PHP prints notices before the script's own output; a `Success` after a warning is still a
// success, and treating it as a failure would send the fax twice on retry.
function parseAfterNoise(text: string): { ok: true; value: unknown } | { ok: false } {
  const whole = parseJson(text);
  if (whole.ok) return whole;
  const starts = [...text.matchAll(/[{[]\s*["{]/g)].map((m) => m.index ?? 0).slice(0, 20);
  for (const start of starts) {
    const tail = parseJson(text.slice(start));
    if (tail.ok) return tail;
  }
  return { ok: false };
}

function getKey(obj: unknown, ...names: string[]): unknown {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const wanted = names.map((n) => n.toLowerCase());
  for (const [k, v] of Object.entries(obj)) if (wanted.includes(k.toLowerCase())) return v;
  return undefined;
}

/** The `Response` value of an object, or of the first element of an array. */
function responseOf(json: unknown): string | undefined {
  const target = Array.isArray(json) && json.length === 1 ? json[0] : json;
  const r = getKey(target, 'Response');
  return typeof r === 'string' ? r.trim() : undefined;
}

/** Common first steps: HTTP status, empty body, JSON, documented error names. */
function readAnswer(answer: HttpAnswer): Parsed {
  const { status, text } = answer;
  const trimmed = text.trim();
  const fail = (error: OpenfaxError) => ({
    ok: false as const,
    error: wrap(error),
  });
  const json = trimmed === '' ? ({ ok: false } as const) : parseAfterNoise(trimmed);
  const response = json.ok ? responseOf(json.value) : undefined;
  if (response !== undefined && !/^success$/i.test(response)) {
    // A documented answer means the same whatever the HTTP status that came with it.
    const documented = documentedError(response, text);
    if (documented) return fail(documented);
  }
  if (status < 200 || status >= 300) {
    if (!(json.ok && response && /^success$/i.test(response))) return fail(httpError(status, text, answer.location));
  }
  if (trimmed === '') return fail(badResponse('Openfax sent an empty answer.', text, status));
  if (!json.ok) return fail(badResponse('Openfax sent an answer that is not data (perhaps a server error page).', text, status));
  if (response !== undefined && !/^success$/i.test(response)) {
    return fail(unknownResponse(`Openfax answered "${response}", which we do not recognise.`, text, response));
  }
  return { ok: true, json: json.value, response };
}

function wrap(error: OpenfaxError): Result<never> {
  return { ok: false, error };
}

/** faxSendSubmit.php: `{"Response":"Success","OutTransID":"…"}` or a documented error. */
export function readSubmitAnswer(answer: HttpAnswer): Result<{ outTransId: string }> {
  const parsed = readAnswer(answer);
  if (!parsed.ok) return parsed.error;
  const target = Array.isArray(parsed.json) && parsed.json.length === 1 ? parsed.json[0] : parsed.json;
  if (parsed.response === undefined) {
    return wrap(unknownResponse('Openfax answered without saying whether the fax was accepted.', answer.text));
  }
  const id = getKey(target, 'OutTransID');
  const outTransId = typeof id === 'number' && Number.isInteger(id) ? String(id) : typeof id === 'string' ? id.trim() : '';
  if (!/^\d+$/.test(outTransId)) {
    // The fax may well be queued: sending again could fax it twice, so a person must look.
    return wrap(unknownResponse('Openfax said the fax was accepted but gave no usable transaction number.', answer.text, parsed.response));
  }
  return { ok: true, value: { outTransId } };
}

/** getAvailableCredit.php: `[{"AvailableCredit":8956.66}]`, or an object, or `AccountBalance`; numbers may be text. */
export function readCreditAnswer(answer: HttpAnswer): Result<number> {
  const parsed = readAnswer(answer);
  if (!parsed.ok) return parsed.error;
  const target = Array.isArray(parsed.json) ? parsed.json[0] : parsed.json;
  const value = toNumber(getKey(target, 'AvailableCredit', 'AccountBalance'));
  if (value === undefined) return wrap(unknownResponse('Openfax answered the credit question without a balance we can read.', answer.text));
  return { ok: true, value };
}

export interface ReportPage {
  rows: ReportRow[];
  /** Rows in the answer, including any we could not use: paging decides on this. */
  received: number;
}

/** outboundDetailsbyDate.php: a JSON array of rows (PHP may also send an object keyed by index, or null when empty). */
export function readReportAnswer(answer: HttpAnswer): Result<ReportPage> {
  const parsed = readAnswer(answer);
  if (!parsed.ok) return parsed.error;
  const list = rowList(parsed.json);
  if (!list) return wrap(unknownResponse('Openfax sent a report we cannot read.', answer.text, parsed.response));
  return {
    ok: true,
    value: { rows: parseReportRows(list), received: list.length },
  };
}

function rowList(json: unknown): unknown[] | undefined {
  if (json === null) return [];
  if (Array.isArray(json)) return json;
  if (json && typeof json === 'object') {
    if (getKey(json, 'HistoryOutboundFaxID') !== undefined) return [json];
    const values = Object.values(json);
    if (values.every((v) => v && typeof v === 'object' && getKey(v, 'HistoryOutboundFaxID') !== undefined)) return values;
  }
  return undefined;
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}
