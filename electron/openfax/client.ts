// The Openfax client: submit one fax, read the credit, read report rows. Electron-free; the
// caller passes the credentials and, if it likes, its own fetch and time limits. Everything is
// validated before a byte is sent, and no error, log line or raw answer carries the API key.

import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { isLoopbackHost } from '../../shared/api-address.ts';
import { PAPER_SIZE_CODE, RESOLUTION_CODE } from '../../shared/domain.ts';
import { checkHeader, checkPaperSize, checkPdfHeader, checkPriority, checkResolution, normalizeFaxNumber } from '../../shared/fax-rules.ts';
import { createLogger, registerSecret } from '../core/logger.ts';
import { type HttpAnswer, readCreditAnswer, readReportAnswer, readSubmitAnswer, type ReportPage } from './answers.ts';
import { keyScrubber, scrubResult, unknownResponse, validationError } from './errors.ts';
import { multipartBody } from './multipart-body.ts';
import { defaultTimeoutMs, postMultipart } from './transport.ts';
import type {
  OpenfaxClient,
  OpenfaxClientDeps,
  OpenfaxCredentials,
  OpenfaxError,
  ReportQuery,
  ReportRow,
  Result,
  SubmitFaxRequest,
} from './types.ts';

export type {
  OpenfaxClient,
  OpenfaxClientDeps,
  OpenfaxCredentials,
  OpenfaxError,
  Result,
} from './types.ts';

const log = createLogger('openfax');
const MAX_REPORT_LIMIT = 1000;
const PDF_SNIFF_BYTES = 1024;

type Fields = Array<[string, string]>;
const fail = (error: OpenfaxError): { ok: false; error: OpenfaxError } => ({ ok: false, error });

export function createOpenfaxClient(creds: OpenfaxCredentials, deps: OpenfaxClientDeps = {}): OpenfaxClient {
  registerSecret(creds.apiKey);
  const scrub = keyScrubber(creds.apiKey);
  const timeoutMs = deps.timeoutMs ?? defaultTimeoutMs;

  async function call<T>(
    endpoint: string,
    fields: Fields,
    read: (a: HttpAnswer) => Result<T>,
    extra: { file?: { handle: FileHandle; size: number }; signal?: AbortSignal; onProgress?: SubmitFaxRequest['onProgress'] } = {},
  ): Promise<Result<T>> {
    const base = checkCredentials(creds);
    if (!base.ok) return base;
    const body = multipartBody(
      [['AccountID', creds.accountId.trim()], ['APIKey', creds.apiKey], ...fields],
      extra.file && { name: 'PDF_encode', ...extra.file },
    );
    const answer = await postMultipart(new URL(endpoint, base.value), body, {
      fetch: deps.fetch,
      timeoutMs: timeoutMs(body.length),
      signal: extra.signal,
      onProgress: extra.onProgress,
    });
    const result = 'status' in answer ? read(answer) : fail(answer);
    const clean = scrubResult(result, scrub);
    if (!clean.ok) log.warn(`${endpoint} failed: ${clean.error.kind} ${clean.error.code ?? ''} ${clean.error.message}`);
    return clean;
  }

  async function reportPage(q: ReportQuery): Promise<Result<ReportPage>> {
    for (const [field, value] of [
      ['fromDate', q.fromDate],
      ['toDate', q.toDate],
    ] as const) {
      if (!isIsoDate(value)) return fail(validationError(field, `The date '${value}' must be written YYYY-MM-DD, e.g. 2024-05-27.`));
    }
    if (q.fromDate > q.toDate) return fail(validationError('fromDate', `The start date ${q.fromDate} is after the end date ${q.toDate}.`));
    const fields: Fields = [
      ['FromDate', q.fromDate],
      ['ToDate', q.toDate],
      ['DetailType', q.detail ? '1' : '0'],
    ];
    if (q.lastHistoryId !== undefined) fields.push(['LastHistoryID', String(Math.max(0, Math.floor(q.lastHistoryId)))]);
    fields.push(['Limit', String(clampLimit(q.limit))]);
    const page = await call('outboundDetailsbyDate.php', fields, readReportAnswer, { signal: q.signal });
    if (page.ok && page.value.received > page.value.rows.length) {
      log.warn(`report page had ${page.value.received - page.value.rows.length} row(s) without HistoryOutboundFaxID/OutTransID; skipped`);
    }
    return page;
  }

  return {
    async submitFax(req) {
      const base = checkCredentials(creds);
      if (!base.ok) return base;
      const checked = checkSubmission(req);
      if (!checked.ok) return checked;
      const opened = await openPdf(req.pdfPath);
      if (!opened.ok) return opened;
      const { handle, size } = opened.value;
      try {
        const { number, options } = checked.value;
        log.info(`submitting ${size} bytes to ${number}`);
        const fields: Fields = [
          ['FaxNumber', number],
          ['toHeader', options.toHeader],
          // The vendor's table names it frHeader, its own PHP sample fromHeader: both, with the
          // same value, so the recipient sees it whichever the server reads. Nothing else undocumented.
          ['frHeader', options.fromHeader],
          ['fromHeader', options.fromHeader],
          ['paperSize', String(PAPER_SIZE_CODE[options.paperSize])],
          ['faxResolution', String(RESOLUTION_CODE[options.resolution])],
          ['Priority', options.priority],
        ];
        const result = await call('faxSendSubmit.php', fields, readSubmitAnswer, {
          file: { handle, size },
          signal: req.signal,
          onProgress: req.onProgress,
        });
        if (!result.ok) return result;
        log.info(`accepted as OutTransID ${result.value.outTransId}`);
        return { ok: true, value: { outTransId: result.value.outTransId, faxNumber: number } };
      } finally {
        await handle.close();
      }
    },

    getCredit(signal) {
      return call('getAvailableCredit.php', [], readCreditAnswer, { signal });
    },

    async getReportPage(q) {
      const page = await reportPage(q);
      return page.ok ? { ok: true, value: page.value.rows } : page;
    },

    async getReport(q) {
      const limit = clampLimit(q.limit);
      const byId = new Map<number, ReportRow>();
      let last = q.lastHistoryId;
      for (;;) {
        const page = await reportPage({ ...q, limit, lastHistoryId: last });
        if (!page.ok) return page;
        let highest = last ?? Number.NEGATIVE_INFINITY;
        for (const row of page.value.rows) {
          byId.set(row.historyId, row);
          highest = Math.max(highest, row.historyId);
        }
        if (page.value.received < limit) break;
        // A full page that does not move LastHistoryID forward would loop for ever.
        if (!Number.isFinite(highest) || (last !== undefined && highest <= last)) {
          return fail(
            unknownResponse(
              `Openfax sent the same report page again after history ID ${last ?? 'start'}; the report may be incomplete.`,
              `${page.value.received} rows`,
            ),
          );
        }
        last = highest;
      }
      return { ok: true, value: [...byId.values()] };
    },
  };
}

/** Clamps a report page size to the vendor's 1..1000. */
export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return MAX_REPORT_LIMIT;
  return Math.min(MAX_REPORT_LIMIT, Math.max(1, Math.floor(limit)));
}

function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

function checkCredentials(creds: OpenfaxCredentials): Result<URL> {
  if (!creds.accountId?.trim()) return fail(validationError('accountId', 'No Openfax account ID is set.'));
  if (!creds.apiKey) return fail(validationError('apiKey', 'No Openfax API key is set.'));
  if (/[\r\n]/.test(creds.apiKey) || /[\r\n]/.test(creds.accountId)) {
    return fail(validationError('apiKey', 'The account ID or API key contains a line break: paste it again without one.'));
  }
  let url: URL;
  try {
    url = new URL(creds.baseUrl);
  } catch {
    return fail(validationError('baseUrl', `'${creds.baseUrl}' is not a web address: use https://api.openfax.com.`));
  }
  // The key travels in the body: plain http is only acceptable when it never leaves the machine.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    return fail(validationError('baseUrl', `The server address must start with https:// (got ${url.protocol}//${url.host}).`));
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return { ok: true, value: url };
}

function checkSubmission(req: SubmitFaxRequest): Result<{ number: string; options: SubmitFaxRequest['options'] }> {
  const o = req.options ?? ({} as SubmitFaxRequest['options']);
  const number = normalizeFaxNumber(String(req.faxNumber ?? ''));
  if (!number.ok) return fail(validationError('faxNumber', number.reason));
  const checks: Array<[string, { ok: boolean; reason?: string }]> = [
    ['toHeader', checkHeader('To', o.toHeader ?? '')],
    ['fromHeader', checkHeader('From', o.fromHeader ?? '')],
    ['paperSize', checkPaperSize(o.paperSize)],
    ['resolution', checkResolution(o.resolution)],
    ['priority', checkPriority(o.priority)],
  ];
  for (const [field, c] of checks) if (!c.ok) return fail(validationError(field, c.reason ?? 'Not accepted.'));
  return {
    ok: true,
    value: { number: number.value.digits, options: { ...o, toHeader: o.toHeader ?? '', fromHeader: o.fromHeader ?? '' } },
  };
}

async function openPdf(path: string): Promise<Result<{ handle: FileHandle; size: number }>> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why =
      code === 'ENOENT' ? 'it does not exist (moved or deleted?)' : code === 'EACCES' ? 'permission was denied' : `${code ?? 'error'}`;
    return fail(validationError('file', `The file could not be opened: ${why}. Choose it again.`));
  }
  try {
    const { size, isFile } = await handle.stat().then((s) => ({ size: s.size, isFile: s.isFile() }));
    if (!isFile) throw Object.assign(new Error('not a file'), { reason: 'That is a folder, not a file: choose a PDF file.' });
    const first = new Uint8Array(Math.min(PDF_SNIFF_BYTES, size));
    if (first.byteLength > 0) await handle.read(first, 0, first.byteLength, 0);
    const pdf = checkPdfHeader(first, size);
    if (!pdf.ok) throw Object.assign(new Error('not a pdf'), { reason: pdf.reason });
    return { ok: true, value: { handle, size } };
  } catch (err) {
    await handle.close();
    const reason = (err as { reason?: string }).reason ?? `The file could not be read (${(err as { code?: string }).code ?? 'error'}).`;
    return fail(validationError('file', reason));
  }
}
