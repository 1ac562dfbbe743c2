// Vendor report rows, one per call attempt (HistoryOutboundFaxID), kept verbatim beside
// the parsed fields. Rows for faxes this app did not send keep job_id NULL: history, not errors.

import type { ReportRow } from '../openfax/types.ts';
import { all, type Db, get, run } from './sql.ts';

/** A report row as stored: the client's ReportRow, with only its identity and raw text required. */
export type AttemptRecord = Pick<ReportRow, 'historyId' | 'outTransId' | 'raw'> &
  Partial<Omit<ReportRow, 'historyId' | 'outTransId' | 'raw'>>;

export interface Attempt extends Omit<AttemptRecord, 'raw'> {
  accountKey: string;
  jobId: number | null;
  raw: Record<string, unknown>;
  seenAt: number;
}

interface Row {
  account_key: string;
  history_id: number;
  out_trans_id: string;
  job_id: number | null;
  account_id: string | null;
  fax_number: string | null;
  current_state: number | null;
  caller_id: string | null;
  max_attempts: number | null;
  retry_count: number | null;
  to_header: string | null;
  from_header: string | null;
  fax_resolution: number | null;
  render_status: number | null;
  fax_doc_url: string | null;
  page_count: number | null;
  paper_size: number | null;
  last_status: number | null;
  pages_sent: number | null;
  call_duration: number | null;
  real_cost: number | null;
  date: string | null;
  raw: string;
  seen_at: number;
}

function toAttempt(r: Row): Attempt {
  const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
  return {
    accountKey: r.account_key,
    historyId: r.history_id,
    outTransId: r.out_trans_id,
    jobId: r.job_id,
    accountId: opt(r.account_id),
    faxNumber: opt(r.fax_number),
    currentState: opt(r.current_state),
    callerId: opt(r.caller_id),
    maxAttempts: opt(r.max_attempts),
    retryCount: opt(r.retry_count),
    toHeader: opt(r.to_header),
    fromHeader: opt(r.from_header),
    faxResolution: opt(r.fax_resolution),
    renderStatus: opt(r.render_status),
    faxDocUrl: opt(r.fax_doc_url),
    pageCount: opt(r.page_count),
    paperSize: opt(r.paper_size),
    lastStatus: opt(r.last_status),
    pagesSent: opt(r.pages_sent),
    callDuration: opt(r.call_duration),
    realCost: opt(r.real_cost),
    date: opt(r.date),
    raw: JSON.parse(r.raw) as Record<string, unknown>,
    seenAt: r.seen_at,
  };
}

/** Inserts or refreshes one row (a re-read row may have moved on). Positional binding: this runs per report row. */
export function upsertAttempt(db: Db, accountKey: string, a: AttemptRecord, jobId: number | null, seenAt: number): void {
  run(
    db,
    `INSERT INTO attempts(account_key, history_id, out_trans_id, job_id, account_id, fax_number, current_state, caller_id,
       max_attempts, retry_count, to_header, from_header, fax_resolution, render_status, fax_doc_url, page_count, paper_size,
       last_status, pages_sent, call_duration, real_cost, date, raw, seen_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(account_key, history_id) DO UPDATE SET
       out_trans_id = excluded.out_trans_id, job_id = coalesce(attempts.job_id, excluded.job_id),
       current_state = excluded.current_state, retry_count = excluded.retry_count, render_status = excluded.render_status,
       page_count = excluded.page_count, fax_doc_url = excluded.fax_doc_url, last_status = excluded.last_status,
       pages_sent = excluded.pages_sent, call_duration = excluded.call_duration, real_cost = excluded.real_cost,
       date = excluded.date, raw = excluded.raw`,
    [
      accountKey,
      a.historyId,
      a.outTransId,
      jobId,
      a.accountId ?? null,
      a.faxNumber ?? null,
      a.currentState ?? null,
      a.callerId ?? null,
      a.maxAttempts ?? null,
      a.retryCount ?? null,
      a.toHeader ?? null,
      a.fromHeader ?? null,
      a.faxResolution ?? null,
      a.renderStatus ?? null,
      a.faxDocUrl ?? null,
      a.pageCount ?? null,
      a.paperSize ?? null,
      a.lastStatus ?? null,
      a.pagesSent ?? null,
      a.callDuration ?? null,
      a.realCost ?? null,
      a.date ?? null,
      JSON.stringify(a.raw ?? {}),
      seenAt,
    ],
  );
}

/** Every row of one job, oldest first. */
export function listAttemptsForJob(db: Db, jobId: number): Attempt[] {
  return all<Row>(
    db,
    `SELECT a.* FROM jobs j JOIN attempts a ON a.account_key = j.account_key AND a.out_trans_id = j.out_trans_id
     WHERE j.id = :jobId ORDER BY a.history_id`,
    { jobId },
  ).map(toAttempt);
}

/** Ties every row of `outTransId` to `jobId`. */
export function linkAttempts(db: Db, accountKey: string, outTransId: string, jobId: number): number {
  return run(db, 'UPDATE attempts SET job_id = :jobId WHERE account_key = :accountKey AND out_trans_id = :outTransId', {
    accountKey,
    outTransId,
    jobId,
  }).changes;
}

// A row is a call once it has a call result: LastStatus -1 is "received", 8 and 9
// (conversion, credit) end a fax before any dialling. Without LastStatus, reaching the
// reporting state or beyond means a call was made.
const IS_CALL = `(last_status IS NOT NULL AND last_status NOT IN (-1, 8, 9))
  OR (last_status IS NULL AND current_state IN (6, 7, 8, 9))`;

export interface TransSummary {
  attempts: number;
  cost: number | null;
  latestHistoryId: number;
  currentState: number | null;
  lastStatus: number | null;
  pagesSent: number | null;
}

/** What the rows of one fax add up to: the latest row's state, the number of calls and their cost. */
export function summariseTrans(db: Db, accountKey: string, outTransId: string): TransSummary | undefined {
  return summariseTransMany(db, accountKey, [outTransId]).get(outTransId);
}

/** summariseTrans for many faxes in two statements (the report poller's hot path). */
export function summariseTransMany(db: Db, accountKey: string, outTransIds: readonly string[]): Map<string, TransSummary> {
  const out = new Map<string, TransSummary>();
  if (!outTransIds.length) return out;
  const rows = all<{
    id: string;
    attempts: number;
    cost: number | null;
    pagesSent: number | null;
    latest: number;
    cs: number | null;
    ls: number | null;
  }>(
    db,
    `WITH agg AS (
       SELECT a.out_trans_id AS id, count(*) FILTER (WHERE ${IS_CALL}) AS attempts, sum(a.real_cost) AS cost,
         max(a.pages_sent) AS pagesSent, max(a.history_id) AS latest
       FROM attempts a WHERE a.account_key = ?1 AND a.out_trans_id IN (SELECT value FROM json_each(?2))
       GROUP BY a.out_trans_id)
     SELECT agg.*, l.current_state AS cs, l.last_status AS ls
     FROM agg JOIN attempts l ON l.account_key = ?1 AND l.history_id = agg.latest`,
    [accountKey, JSON.stringify(outTransIds)],
  );
  for (const r of rows) {
    out.set(r.id, {
      attempts: r.attempts,
      cost: r.cost,
      pagesSent: r.pagesSent,
      latestHistoryId: r.latest,
      currentState: r.cs,
      lastStatus: r.ls,
    });
  }
  return out;
}

export interface AdoptionCandidate {
  outTransId: string;
  historyId: number;
  date: string | null;
  pageCount: number | null;
  renderStatus: number | null;
}

/**
 * Unmatched rows that could be the fax a crashed upload left behind: same number and
 * headers, a history id above what we had seen when the upload began, and an OutTransID no
 * job of ours holds. Oldest first. Page counts are compared by the caller (a row shows 0
 * pages until rendered), which also refuses to choose when several rows or jobs fit.
 */
export function findAdoptionCandidates(
  db: Db,
  q: {
    accountKey: string;
    faxNumber: string;
    toHeader: string;
    fromHeader: string;
    afterHistoryId: number;
  },
): AdoptionCandidate[] {
  return all(
    db,
    `SELECT a.out_trans_id AS outTransId, min(a.history_id) AS historyId, min(a.date) AS date,
       max(a.page_count) AS pageCount, max(a.render_status) AS renderStatus FROM attempts a
     WHERE a.account_key = :accountKey AND a.job_id IS NULL AND a.fax_number = :faxNumber AND a.history_id > :afterHistoryId
       AND trim(coalesce(a.to_header, '')) = trim(:toHeader) AND trim(coalesce(a.from_header, '')) = trim(:fromHeader)
       AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.account_key = a.account_key AND j.out_trans_id = a.out_trans_id)
     GROUP BY a.out_trans_id ORDER BY min(a.history_id)`,
    q,
  );
}

export function countAttempts(db: Db): number {
  return get<{ n: number }>(db, 'SELECT count(*) AS n FROM attempts')?.n ?? 0;
}
