// Queries the outbox engine runs to pick work: the next job due, backoff wake-ups,
// changes made by another process, the cost of a page.

import { type Job, JOB_VIEW_SELECT, type JobRowRaw, type JobView, toJob, toView } from './job-row.ts';
import { all, type Db, get } from './sql.ts';

/** Jobs written at or after `since` (ms), oldest change first: how another process's changes are noticed. */
export function listJobsChangedSince(db: Db, since: number, limit = 1000): JobView[] {
  return all<JobRowRaw>(db, `${JOB_VIEW_SELECT} WHERE j.updated_at >= :since ORDER BY j.updated_at, j.id LIMIT :limit`, {
    since,
    limit,
  }).map(toView);
}

/**
 * The next queued job due now: Normal before Low, then oldest first. `skip` passes over jobs
 * that must wait (a look-alike of theirs is uploading), so the ones behind them still go.
 */
export function nextQueuedJob(db: Db, now: number, skip?: (job: Job) => boolean): Job | undefined {
  const limit = skip ? 50 : 1;
  for (let offset = 0; ; offset += limit) {
    const rows = all<JobRowRaw>(
      db,
      `SELECT * FROM jobs WHERE state = 'queued' AND coalesce(next_try_at, 0) <= :now
       ORDER BY (priority = 'Low'), id LIMIT :limit OFFSET :offset`,
      { now, limit, offset },
    ).map(toJob);
    const job = rows.find((j) => !skip?.(j));
    if (job || rows.length < limit) return job;
  }
}

/** When the earliest queued job waiting on a backoff past `after` becomes due (undefined when none wait). */
export function nextQueuedDueAt(db: Db, after: number): number | undefined {
  return (
    get<{ t: number | null }>(db, "SELECT min(next_try_at) AS t FROM jobs WHERE state = 'queued' AND next_try_at > :after", { after })?.t ??
    undefined
  );
}

/** Mean cost of a page over recent delivered faxes (to estimate a broadcast), undefined without history. */
export function averageCostPerPage(db: Db, sample = 200): number | undefined {
  const r = get<{ cost: number | null; pages: number | null }>(
    db,
    `SELECT sum(cost) AS cost, sum(coalesce(pages_sent, pages)) AS pages FROM
       (SELECT cost, pages_sent, pages FROM jobs WHERE state = 'delivered' AND cost > 0 ORDER BY id DESC LIMIT :sample)`,
    { sample },
  );
  return r?.cost && r.pages ? r.cost / r.pages : undefined;
}
