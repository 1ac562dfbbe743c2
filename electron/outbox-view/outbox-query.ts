// The Outbox list: standalone jobs and broadcasts (one row each), newest first, one page at a
// time. A broadcast sorts by its first job and shows when any of its jobs match the filter.

import { IN_FLIGHT_JOB_STATES, type JobState } from '../../shared/domain.ts';
import type { BroadcastRow, JobRow, OutboxRow, OutboxSummary } from '../../shared/ipc/contract/jobs.ts';
import { type AccountScope, FILTER_STATES, JOB_FILTERS, type JobFilter, type JobSide } from '../../shared/outbox-filters.ts';
import { type BroadcastDbRow, broadcastProgress, getBroadcast, toBroadcast } from '../store/broadcasts-repo.ts';
import { jobConditions, sideSql } from '../store/job-conditions.ts';
import { mergeOfBroadcastBrief } from '../store/merge-state-repo.ts';
import { getJobViews, type JobView, listJobs } from '../store/jobs-repo.ts';
import { all, type Db, inList, type Params } from '../store/sql.ts';
import { mergeBroadcastName, toBroadcastRow, toJobRow } from './job-rows.ts';
import { redialTimes } from './redial.ts';

export interface OutboxPageQuery {
  filter: JobFilter;
  search: string;
  before?: number;
  limit: number;
  /** Sandbox or live history; absent: both. */
  scope?: AccountScope;
  /** The key of the account in use (or its side's unset key): a job queued in another waits for it. */
  inUse?: string;
}

/** Job rows with their redial estimates; `inUse` as in OutboxPageQuery. */
export function jobRows(db: Db, jobs: readonly JobView[], inUse?: string): JobRow[] {
  const redial = redialTimes(db, jobs);
  return jobs.map((j) => toJobRow(j, redial.get(j.id) ?? null, inUse));
}

interface PageRow {
  sort_id: number;
  job_id: number | null;
  broadcast_id: number | null;
}

interface BroadcastRowRaw extends BroadcastDbRow {
  document_name: string;
  pages: number;
  updated_at: number;
  first_job: number;
  cancelable: number;
  account_key: string | null;
}

/** Broadcast rows for `ids`, with their progress. */
export function broadcastRows(db: Db, ids: readonly number[]): BroadcastRow[] {
  if (!ids.length) return [];
  const params: Params = {};
  const raws = all<BroadcastRowRaw>(
    db,
    `SELECT b.*, d.original_name AS document_name, max(j.pages) AS pages, max(j.updated_at) AS updated_at, min(j.id) AS first_job,
       sum(j.state IN ('draft', 'queued', 'needs-attention')) AS cancelable, max(j.account_key) AS account_key
     FROM broadcasts b JOIN documents d ON d.id = b.document_id JOIN jobs j ON j.broadcast_id = b.id
     WHERE b.id IN (${inList('b', ids, params)}) GROUP BY b.id ORDER BY first_job DESC`,
    params,
  );
  return raws.map((r) => {
    return toBroadcastRow(toBroadcast(r), broadcastProgress(db, r.id), {
      documentName: r.document_name,
      pages: r.pages ?? 0,
      updatedAt: r.updated_at,
      sortId: r.first_job,
      cancelable: r.cancelable ?? 0,
      accountKey: r.account_key,
      merge: mergeOfBroadcastBrief(db, r.id),
    });
  });
}

/** What a broadcast is called in words (the finished notification): a merge's by its template. */
/** A mail merge's broadcast is named after its template ("Notice.docx · mail merge"), never one recipient's document; other broadcasts: undefined. */
export function mergeBroadcastLabel(db: Db, broadcastId: number): string | undefined {
  const merge = mergeOfBroadcastBrief(db, broadcastId);
  return merge ? mergeBroadcastName(merge.templateName) : undefined;
}

export function broadcastLabel(db: Db, broadcastId: number): string | undefined {
  const merge = mergeOfBroadcastBrief(db, broadcastId);
  if (merge) return mergeBroadcastName(merge.templateName);
  return getBroadcast(db, broadcastId)?.name || undefined;
}

/** One page of the Outbox; `hasMore` when older rows exist. */
export function listOutboxPage(db: Db, q: OutboxPageQuery): { rows: OutboxRow[]; hasMore: boolean } {
  const params: Params = { limit: q.limit + 1 };
  const where = jobConditions(q.filter, q.search, params, q.scope);
  const from = 'FROM jobs j JOIN documents d ON d.id = j.document_id LEFT JOIN contacts c ON c.id = j.contact_id';
  const cond = where.length ? `AND ${where.join(' AND ')}` : '';
  let beforeCond = '';
  if (q.before !== undefined) {
    params.before = q.before;
    beforeCond = 'WHERE sort_id < :before';
  }
  // Standalone jobs walk the primary key backwards; broadcasts are few and grouped separately.
  const page = all<PageRow>(
    db,
    `SELECT * FROM (
       SELECT j.id AS sort_id, j.id AS job_id, NULL AS broadcast_id ${from} WHERE j.broadcast_id IS NULL ${cond}
       UNION ALL
       SELECT (SELECT min(x.id) FROM jobs x WHERE x.broadcast_id = j.broadcast_id) AS sort_id, NULL AS job_id, j.broadcast_id
         ${from} WHERE j.broadcast_id IS NOT NULL ${cond} GROUP BY j.broadcast_id
     ) ${beforeCond} ORDER BY sort_id DESC LIMIT :limit`,
    params,
  );
  const hasMore = page.length > q.limit;
  const slice = page.slice(0, q.limit);
  const jobIds = slice.flatMap((r) => (r.job_id == null ? [] : [r.job_id]));
  const broadcastIds = slice.flatMap((r) => (r.broadcast_id == null ? [] : [r.broadcast_id]));
  const jobs = new Map(jobRows(db, getJobViews(db, jobIds), q.inUse).map((j) => [j.id, j]));
  const broadcasts = new Map(broadcastRows(db, broadcastIds).map((b) => [b.id, b]));
  const rows: OutboxRow[] = [];
  for (const r of slice) {
    const row = r.job_id != null ? jobs.get(r.job_id) : r.broadcast_id != null ? broadcasts.get(r.broadcast_id) : undefined;
    if (row) rows.push(row);
  }
  return { rows, hasMore };
}

/** Every recipient of a broadcast, as job rows. */
export function listBroadcastJobRows(db: Db, broadcastId: number, inUse?: string): JobRow[] {
  return jobRows(db, listJobs(db, { broadcastId, limit: 5000 }), inUse);
}

function filterCounts(byState: Partial<Record<JobState, number>>): Record<JobFilter, number> {
  const out = Object.fromEntries(JOB_FILTERS.map((f) => [f, 0])) as Record<JobFilter, number>;
  for (const n of Object.values(byState)) out.all += n ?? 0;
  for (const [filter, states] of Object.entries(FILTER_STATES)) {
    out[filter as JobFilter] = states.reduce((sum, st) => sum + (byState[st] ?? 0), 0);
  }
  return out;
}

/**
 * The filter counts of each side and the badge of the side in use (`mode`). A job counts on
 * the side it was queued in; one with no key (an older version's) on the side in use, as the
 * list shows it (shared/outbox-filters.ts).
 */
export function outboxSummary(db: Db, mode: JobSide): OutboxSummary {
  const params: Params = { mode };
  const rows = all<{ side: JobSide; state: JobState; n: number }>(
    db,
    `SELECT coalesce(${sideSql(params, 'account_key')}, :mode) AS side, state, count(*) AS n FROM jobs GROUP BY 1, 2`,
    params,
  );
  const bySide: Record<JobSide, Partial<Record<JobState, number>>> = { sandbox: {}, live: {} };
  for (const r of rows) bySide[r.side][r.state] = r.n;
  const inFlight = IN_FLIGHT_JOB_STATES.reduce((sum, st) => sum + (bySide[mode][st] ?? 0), 0);
  const sandbox = filterCounts(bySide.sandbox);
  const live = filterCounts(bySide.live);
  return { counts: mode === 'sandbox' ? sandbox : live, inFlight, mode, bySide: { sandbox, live } };
}

/** Jobs queued, uploading or awaiting a result on the side in use: the dock/taskbar badge. */
export function countInFlight(db: Db, mode: JobSide): number {
  return outboxSummary(db, mode).inFlight;
}
