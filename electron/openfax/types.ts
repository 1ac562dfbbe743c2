// Types of the Openfax client's public face (re-exported by client.ts, where callers import them).

import type { FaxOptions } from '../../shared/domain.ts';

export interface OpenfaxCredentials {
  accountId: string;
  apiKey: string;
  /** e.g. 'https://api.openfax.com' or 'http://127.0.0.1:PORT' (plain http only on loopback). */
  baseUrl: string;
}

export type OpenfaxErrorKind =
  | 'validation'
  | 'auth'
  | 'inactive'
  | 'restricted'
  | 'bad-number'
  | 'bad-resolution'
  | 'bad-paper-size'
  | 'bad-priority'
  | 'failed'
  | 'network'
  | 'timeout'
  | 'http'
  | 'bad-response'
  | 'unknown-response'
  | 'canceled';

export interface OpenfaxError {
  kind: OpenfaxErrorKind;
  /** The vendor's Response text, the HTTP status, or a network error code. */
  code?: string;
  /** Plain words: what happened. */
  message: string;
  /** What the person can do about it. */
  action: string;
  retryable: boolean;
  field?: string;
  /** The answer verbatim, API key redacted. */
  raw?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: OpenfaxError };

export interface SubmitFaxRequest {
  pdfPath: string;
  /** As typed by a person; normalised with shared/fax-rules.ts before sending. */
  faxNumber: string;
  options: FaxOptions;
  signal?: AbortSignal;
  /** Bytes of the request body handed to the network so far, and the body's exact length. */
  onProgress?: (sentBytes: number, totalBytes: number) => void;
}

export interface ReportRow {
  historyId: number;
  outTransId: string;
  accountId: string;
  faxNumber: string;
  /** Vendor CurrentState; -1 when the row did not carry one. */
  currentState: number;
  callerId?: string;
  maxAttempts?: number;
  retryCount?: number;
  toHeader?: string;
  fromHeader?: string;
  faxResolution?: number;
  renderStatus?: number;
  faxDocUrl?: string;
  pageCount?: number;
  paperSize?: number;
  lastStatus?: number;
  pagesSent?: number;
  callDuration?: number;
  realCost?: number;
  /** Any date/time field the row carries, verbatim. */
  date?: string;
  /** The row as received, every field including ones we do not know. */
  raw: Record<string, unknown>;
}

export interface ReportQuery {
  /** YYYY-MM-DD */
  fromDate: string;
  /** YYYY-MM-DD */
  toDate: string;
  detail: boolean;
  lastHistoryId?: number;
  /** Rows per call, clamped to 1..1000. */
  limit?: number;
  signal?: AbortSignal;
}

export interface OpenfaxClient {
  submitFax(req: SubmitFaxRequest): Promise<Result<{ outTransId: string; faxNumber: string }>>;
  getCredit(signal?: AbortSignal): Promise<Result<number>>;
  /** One call to the report endpoint. */
  getReportPage(q: ReportQuery): Promise<Result<ReportRow[]>>;
  /** Pages by LastHistoryID until a page shorter than the limit. */
  getReport(q: ReportQuery): Promise<Result<ReportRow[]>>;
}

export interface OpenfaxClientDeps {
  /**
   * Send through this fetch (e.g. Electron's net.fetch, which honours the system proxy) instead of
   * node:http(s). node:http reuses its upload buffers; a fetch needs fresh ones per chunk, so a
   * 50 MB upload then holds more memory until the next garbage collection.
   */
  fetch?: typeof fetch;
  /** Whole-request time limit for a body of this many bytes. */
  timeoutMs?: (bytes: number) => number;
}
