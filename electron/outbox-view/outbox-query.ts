// The Outbox list: standalone jobs and broadcasts (one row each), newest first, one page at a
// time. A broadcast sorts by its first job and shows when any of its jobs match the filter.

import { IN_FLIGHT_JOB_STATES } from '../../shared/domain.ts';
import type { BroadcastRow, JobRow, OutboxRow, OutboxSummary } from '../../shared/ipc/contract/jobs.ts';
import type { JobFilter } from '../../shared/outbox-filters.ts';
import { type BroadcastDbRow, broadcastProgress, toBroadcast } from '../store/broadcasts-repo.ts';
import { jobConditions } from '../store/job-conditions.ts';
import { countJobsByFilter, countJobsInStates, getJobViews, listJobs } from '../store/jobs-repo.ts';
import { all, type Db, inList, type Params } from '../store/sql.ts';
import { toBroadcastRow, toJobRow } from './job-rows.ts';

export interface OutboxPageQuery {
  filter: JobFilter;
  search: string;
  before?: number;
  limit: number;
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
}

/** Broadcast rows for `ids`, with their progress. */
export function broadcastRows(db: Db, ids: readonly number[]): BroadcastRow[] {
  if (!ids.length) return [];
  const params: Params = {};
  const raws = all<BroadcastRowRaw>(
    db,
    `SELECT b.*, d.original_name AS document_name, max(j.pages) AS pages, max(j.updated_at) AS updated_at, min(j.id) AS first_job,
       sum(j.state IN ('draft', 'queued', 'needs-attention')) AS cancelable
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
    });
  });
}

/** One page of the Outbox; `hasMore` when older rows exist. */
export function listOutboxPage(db: Db, q: OutboxPageQuery): { rows: OutboxRow[]; hasMore: boolean } {
  const params: Params = { limit: q.limit + 1 };
  const where = jobConditions(q.filter, q.search, params);
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
  const jobs = new Map(getJobViews(db, jobIds).map((j) => [j.id, toJobRow(j)]));
  const broadcasts = new Map(broadcastRows(db, broadcastIds).map((b) => [b.id, b]));
  const rows: OutboxRow[] = [];
  for (const r of slice) {
    const row = r.job_id != null ? jobs.get(r.job_id) : r.broadcast_id != null ? broadcasts.get(r.broadcast_id) : undefined;
    if (row) rows.push(row);
  }
  return { rows, hasMore };
}

/** Every recipient of a broadcast, as job rows. */
export function listBroadcastJobRows(db: Db, broadcastId: number): JobRow[] {
  return listJobs(db, { broadcastId, limit: 5000 }).map(toJobRow);
}

export function outboxSummary(db: Db): OutboxSummary {
  return {
    counts: countJobsByFilter(db),
    inFlight: countJobsInStates(db, IN_FLIGHT_JOB_STATES),
  };
}
