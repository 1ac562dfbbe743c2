// Queries the outbox engine runs to pick work: the next job due, backoff wake-ups,
// changes made by another process, the cost of a page.

import { type Job, JOB_VIEW_SELECT, type JobRowRaw, type JobView, toJob, toView } from './job-row.ts';
import { sideOfAccountKey, unsetAccountKey } from '../../shared/outbox-filters.ts';
import { all, type Db, get } from './sql.ts';

/** Jobs written at or after `since` (ms), oldest change first: how another process's changes are noticed. */
export function listJobsChangedSince(db: Db, since: number, limit = 1000): JobView[] {
  return all<JobRowRaw>(db, `${JOB_VIEW_SELECT} WHERE j.updated_at >= :since ORDER BY j.updated_at, j.id LIMIT :limit`, {
    since,
    limit,
  }).map(toView);
}

/**
 * The next queued job due now that the account `accountKey` sends (its own, its side's unset key,
 * or an older job queued before jobs were stamped: shared/outbox-filters.ts `accountSendsJob`):
 * Normal before Low, then oldest first. `skip` passes over jobs that must wait (a look-alike of
 * theirs is uploading), so the ones behind them still go.
 */
export function nextQueuedJob(db: Db, now: number, accountKey: string, skip?: (job: Job) => boolean): Job | undefined {
  const unsetKey = unsetAccountKey(sideOfAccountKey(accountKey) ?? 'live');
  const limit = skip ? 50 : 1;
  for (let offset = 0; ; offset += limit) {
    const rows = all<JobRowRaw>(
      db,
      `SELECT * FROM jobs WHERE state = 'queued' AND coalesce(next_try_at, 0) <= :now
         AND (account_key IS NULL OR account_key IN (:accountKey, :unsetKey))
       ORDER BY (priority = 'Low'), id LIMIT :limit OFFSET :offset`,
      { now, limit, offset, accountKey, unsetKey },
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

/** An earlier job Openfax accepted (it has an OutTransID) for one of these numbers with this content. */
export interface AcceptedSend {
  id: number;
  faxNumber: string;
  submittedAt: number;
  state: Job['state'];
  lastStatus: number | null;
}

/**
 * Jobs of this account and content key that Openfax accepted after `since` (ms), for any of
 * `faxNumbers`, newest first: what the duplicate guard compares with (index jobs_by_content).
 */
export function acceptedSends(
  db: Db,
  q: { accountKey: string; contentKey: string; faxNumbers: readonly string[]; since: number },
): AcceptedSend[] {
  if (!q.faxNumbers.length) return [];
  return all<{ id: number; fax_number: string; submitted_at: number; state: Job['state']; last_status: number | null }>(
    db,
    `SELECT id, fax_number, submitted_at, state, last_status FROM jobs
     WHERE content_key = :contentKey AND fax_number IN (SELECT value FROM json_each(:numbers)) AND account_key = :accountKey
       AND out_trans_id IS NOT NULL AND submitted_at > :since
     ORDER BY submitted_at DESC, id DESC`,
    { contentKey: q.contentKey, numbers: JSON.stringify([...new Set(q.faxNumbers)]), accountKey: q.accountKey, since: q.since },
  ).map((r) => ({ id: r.id, faxNumber: r.fax_number, submittedAt: r.submitted_at, state: r.state, lastStatus: r.last_status }));
}

/** A job of this content still in the Outbox, not yet accepted by Openfax (queued, uploading, waiting to retry its upload). */
export interface PendingSend {
  id: number;
  faxNumber: string;
  createdAt: number;
}

/**
 * Jobs with this content key for any of `faxNumbers` that Openfax has not accepted and that will
 * go by themselves (queued, uploading, waiting to retry their upload; not one held for a person,
 * whose action may be "send the original again"), which the account `accountKey` would send
 * (shared/outbox-filters.ts `accountSendsJob`; null: any), newest first.
 */
export function pendingSends(db: Db, q: { accountKey: string | null; contentKey: string; faxNumbers: readonly string[] }): PendingSend[] {
  if (!q.faxNumbers.length) return [];
  const unsetKey = q.accountKey == null ? null : unsetAccountKey(sideOfAccountKey(q.accountKey) ?? 'live');
  return all<{ id: number; fax_number: string; created_at: number }>(
    db,
    `SELECT id, fax_number, created_at FROM jobs
     WHERE content_key = :contentKey AND fax_number IN (SELECT value FROM json_each(:numbers))
       AND state IN ('queued', 'submitting') AND out_trans_id IS NULL
       AND (:accountKey IS NULL OR account_key IS NULL OR account_key IN (:accountKey, :unsetKey))
     ORDER BY created_at DESC, id DESC`,
    { contentKey: q.contentKey, numbers: JSON.stringify([...new Set(q.faxNumbers)]), accountKey: q.accountKey, unsetKey },
  ).map((r) => ({ id: r.id, faxNumber: r.fax_number, createdAt: r.created_at }));
}
