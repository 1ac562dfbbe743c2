// Fax jobs: one recipient, one document. State changes go through `updateJob` with the
// states a change is allowed from, so two writers (the app and the CLI, or a retry and a
// cancel) cannot both win.

import type { JobState } from '../../shared/domain.ts';
import type { AccountScope, JobFilter } from '../../shared/outbox-filters.ts';
import { jobConditions } from './job-conditions.ts';
import {
  type Job,
  JOB_COLUMNS,
  JOB_VIEW_SELECT,
  type JobError,
  type JobPatch,
  type JobRowRaw,
  type JobView,
  type NewJob,
  toJob,
  toView,
} from './job-row.ts';
import { all, type Db, get, inList, type Params, run } from './sql.ts';

export function insertJob(db: Db, job: NewJob, now = Date.now()): number {
  return run(
    db,
    `INSERT INTO jobs(document_id, broadcast_id, contact_id, resend_of, number_raw, fax_number, to_header, from_header,
       paper_size, resolution, priority, pages, content_key, account_key, state, error_kind, error_code, error_message, error_action,
       created_at, updated_at, final_at, cover)
     VALUES (:documentId, :broadcastId, :contactId, :resendOf, :numberRaw, :faxNumber, :toHeader, :fromHeader,
       :paperSize, :resolution, :priority, :pages, :contentKey, :accountKey, :state, :errorKind, :errorCode, :errorMessage, :errorAction,
       :now, :now, :finalAt, :cover)`,
    {
      documentId: job.documentId,
      broadcastId: job.broadcastId ?? null,
      contactId: job.contactId ?? null,
      resendOf: job.resendOf ?? null,
      numberRaw: job.numberRaw,
      faxNumber: job.faxNumber,
      toHeader: job.toHeader,
      fromHeader: job.fromHeader,
      paperSize: job.paperSize,
      resolution: job.resolution,
      priority: job.priority,
      pages: job.pages,
      contentKey: job.contentKey ?? null,
      accountKey: job.accountKey ?? null,
      state: job.state,
      errorKind: job.error?.kind ?? null,
      errorCode: job.error?.code ?? null,
      errorMessage: job.error?.message ?? null,
      errorAction: job.error?.action ?? null,
      finalAt: job.finalAt ?? null,
      cover: job.cover ? JSON.stringify(job.cover) : null,
      now,
    },
  ).lastInsertRowid;
}

export function getJob(db: Db, id: number): Job | undefined {
  const r = get<JobRowRaw>(db, 'SELECT * FROM jobs WHERE id = :id', { id });
  return r && toJob(r);
}

export function getJobView(db: Db, id: number): JobView | undefined {
  const r = get<JobRowRaw>(db, `${JOB_VIEW_SELECT} WHERE j.id = :id`, { id });
  return r && toView(r);
}

/** The newest job that re-sent `jobId` ("Sent again as fax N"), or null. */
export function newestResendOf(db: Db, jobId: number): number | null {
  return get<{ id: number | null }>(db, 'SELECT max(id) AS id FROM jobs WHERE resend_of = :id', { id: jobId })?.id ?? null;
}

export function getJobViews(db: Db, ids: readonly number[]): JobView[] {
  if (!ids.length) return [];
  return all<JobRowRaw>(db, `${JOB_VIEW_SELECT} WHERE j.id IN (SELECT value FROM json_each(?)) ORDER BY j.id DESC`, [
    JSON.stringify(ids),
  ]).map(toView);
}

export function getJobByOutTransId(db: Db, accountKey: string, outTransId: string): Job | undefined {
  const r = get<JobRowRaw>(db, 'SELECT * FROM jobs WHERE account_key = :accountKey AND out_trans_id = :outTransId', {
    accountKey,
    outTransId,
  });
  return r && toJob(r);
}

/**
 * Writes `patch` and bumps updated_at. With `from`, only when the job is in one of those
 * states; returns whether a row changed (false = someone else moved it first).
 */
export function updateJob(db: Db, id: number, patch: JobPatch, opts: { from?: readonly JobState[]; now?: number } = {}): boolean {
  const params: Params = { id, now: opts.now ?? Date.now() };
  const sets = ['updated_at = :now'];
  for (const [key, value] of Object.entries(patch) as Array<[keyof JobPatch, unknown]>) {
    if (value === undefined) continue;
    if (key === 'error') {
      const e = value as JobError | null;
      sets.push('error_kind = :errorKind', 'error_code = :errorCode', 'error_message = :errorMessage', 'error_action = :errorAction');
      params.errorKind = e?.kind ?? null;
      params.errorCode = e?.code ?? null;
      params.errorMessage = e?.message ?? null;
      params.errorAction = e?.action ?? null;
      continue;
    }
    const col = JOB_COLUMNS[key];
    if (!col) throw new Error(`updateJob: unknown field ${key}`);
    sets.push(`${col} = :${key}`);
    params[key] = value as null;
  }
  let where = 'id = :id';
  if (opts.from) where += ` AND state IN (${inList('s', opts.from, params)})`;
  return run(db, `UPDATE jobs SET ${sets.join(', ')} WHERE ${where}`, params).changes > 0;
}

/** Moves a job to `state` (plus `patch`) only from one of `from`. */
export function updateJobState(
  db: Db,
  id: number,
  state: JobState,
  from: readonly JobState[],
  patch: JobPatch = {},
  now = Date.now(),
): boolean {
  return updateJob(db, id, { ...patch, state }, { from, now });
}

export interface ListJobsOptions {
  limit?: number;
  /** Job id: return jobs older than this one (paging down an infinite list). */
  before?: number;
  filter?: JobFilter;
  /** The Outbox search box's text (see shared/job-search.ts). */
  search?: string;
  broadcastId?: number;
  documentId?: string;
  /** Sandbox or live history (shared/outbox-filters.ts); absent: both. */
  scope?: AccountScope;
}

/** Newest first. */
export function listJobs(db: Db, opts: ListJobsOptions = {}): JobView[] {
  const params: Params = { limit: Math.min(Math.max(opts.limit ?? 200, 1), 5000) };
  const where = jobConditions(opts.filter, opts.search, params, opts.scope);
  if (opts.before !== undefined) {
    params.before = opts.before;
    where.push('j.id < :before');
  }
  if (opts.broadcastId !== undefined) {
    params.broadcastId = opts.broadcastId;
    where.push('j.broadcast_id = :broadcastId');
  }
  if (opts.documentId !== undefined) {
    params.documentId = opts.documentId;
    where.push('j.document_id = :documentId');
  }
  return all<JobRowRaw>(
    db,
    `${JOB_VIEW_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY j.id DESC LIMIT :limit`,
    params,
  ).map(toView);
}

export function countJobsByState(db: Db): Partial<Record<JobState, number>> {
  const out: Partial<Record<JobState, number>> = {};
  for (const r of all<{ state: JobState; n: number }>(db, 'SELECT state, count(*) AS n FROM jobs GROUP BY state')) out[r.state] = r.n;
  return out;
}

export function countJobsInStates(db: Db, states: readonly JobState[]): number {
  const params: Params = {};
  return get<{ n: number }>(db, `SELECT count(*) AS n FROM jobs WHERE state IN (${inList('s', states, params)})`, params)?.n ?? 0;
}

export type { Job, JobError, JobPatch, JobRowRaw, JobView, NewJob } from './job-row.ts';
export { toJob } from './job-row.ts';
export { listJobsChangedSince, nextQueuedDueAt, nextQueuedJob } from './jobs-queue-repo.ts';
