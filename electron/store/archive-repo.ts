// The archive folder's memory: since when faxes are archived, and each fax written there (in
// which final state: a later, different result is written again as a new file), still waiting
// after a write that failed, claimed by the process writing it now, or about to get its name.

import type { JobState } from '../../shared/domain.ts';
import { REPORT_STATES } from '../../shared/report-rules.ts';
import { all, type Db, get, run, transaction } from './sql.ts';

const REPORT_LIST = REPORT_STATES.map((s) => `'${s}'`).join(', ');
/** shared/report-rules.ts hasTransmissionReport in SQL, over a `jobs` row aliased `j`. */
const HAS_REPORT = `j.state IN (${REPORT_LIST}) AND j.out_trans_id IS NOT NULL`;
/** Due: a report, ended since archiving began, and not written in the state it is in now. */
const DUE = `${HAS_REPORT} AND coalesce(j.final_at, j.updated_at) >= s.since AND (a.path IS NULL OR a.state IS NOT j.state)`;

/** When the archive folder was set (ms), or undefined while there is none. */
export function archiveSince(db: Db): number | undefined {
  return get<{ since: number }>(db, 'SELECT since FROM archive_since WHERE id = 1')?.since;
}

/** Starts archiving from `since` (kept when already archiving: a new folder takes the faxes still waiting too). */
export function startArchiving(db: Db, since: number): void {
  run(db, 'INSERT INTO archive_since(id, since) VALUES (1, :since) ON CONFLICT(id) DO NOTHING', { since });
}

/** No archive folder any more: faxes that end from now on are not archived. */
export function stopArchiving(db: Db): void {
  run(db, 'DELETE FROM archive_since WHERE id = 1');
}

export interface ArchiveDue {
  jobId: number;
  /** Failed writes so far. */
  tries: number;
}

/** Faxes with a report that ended since archiving began and are not written (in their present state) yet, oldest first. */
export function listArchiveDue(db: Db, limit = 50): ArchiveDue[] {
  return all<ArchiveDue>(
    db,
    `SELECT j.id AS jobId, coalesce(a.tries, 0) AS tries FROM jobs j
       JOIN archive_since s ON s.id = 1
       LEFT JOIN archived_jobs a ON a.job_id = j.id
     WHERE ${DUE}
     ORDER BY coalesce(j.final_at, j.updated_at), j.id LIMIT :limit`,
    { limit },
  );
}

/** Who writes a fax into the archive: one archiver in one process. */
export interface ArchiveClaimant {
  owner: string;
  pid: number;
  host: string;
  now: number;
  /** A claim older than this is taken over (its process is gone, or on another computer and stuck). */
  staleAfterMs: number;
  /** Whether a process of this computer still runs (a claim of one that does not is void at once). */
  isAlive: (pid: number) => boolean;
}

/** A file about to get its name when its writer stopped: where, its SHA-256, and the state it holds. */
export interface ArchivePending {
  path: string;
  sha256: string;
  state: JobState;
}

/**
 * Claims fax `jobId` for writing, in one transaction, when it is still due and no other live
 * archiver holds it. Returns undefined when it is not to be written here, else what a writer
 * that stopped was about to name (so a file already written is recognised, not written again).
 */
export function claimArchive(db: Db, jobId: number, me: ArchiveClaimant): { pending?: ArchivePending } | undefined {
  return transaction(db, () => {
    const row = get<{
      owner: string | null;
      pid: number | null;
      host: string | null;
      at: number | null;
      pendingPath: string | null;
      pendingSha: string | null;
      pendingState: JobState | null;
    }>(
      db,
      `SELECT a.claim_owner AS owner, a.claim_pid AS pid, a.claim_host AS host, a.claim_at AS at,
         a.pending_path AS pendingPath, a.pending_sha256 AS pendingSha, a.pending_state AS pendingState
       FROM jobs j JOIN archive_since s ON s.id = 1 LEFT JOIN archived_jobs a ON a.job_id = j.id
       WHERE j.id = :jobId AND ${DUE}`,
      { jobId },
    );
    if (!row) return undefined;
    const heldElsewhere =
      row.owner !== null &&
      row.owner !== me.owner &&
      me.now - (row.at ?? 0) <= me.staleAfterMs &&
      !(row.host === me.host && row.pid !== null && !me.isAlive(row.pid));
    if (heldElsewhere) return undefined;
    run(
      db,
      `INSERT INTO archived_jobs(job_id, tries, updated_at, claim_owner, claim_pid, claim_host, claim_at)
         VALUES (:jobId, 0, :now, :owner, :pid, :host, :now)
       ON CONFLICT(job_id) DO UPDATE SET claim_owner = excluded.claim_owner, claim_pid = excluded.claim_pid,
         claim_host = excluded.claim_host, claim_at = excluded.claim_at, updated_at = excluded.updated_at`,
      { jobId, now: me.now, owner: me.owner, pid: me.pid, host: me.host },
    );
    return row.pendingPath && row.pendingSha && row.pendingState
      ? { pending: { path: row.pendingPath, sha256: row.pendingSha, state: row.pendingState } }
      : {};
  });
}

/** The file about to be written for fax `jobId` (before it gets its name): recognised after a crash. */
export function markArchivePending(db: Db, jobId: number, pending: ArchivePending, now = Date.now()): void {
  run(
    db,
    `UPDATE archived_jobs SET pending_path = :path, pending_sha256 = :sha256, pending_state = :state, updated_at = :now
     WHERE job_id = :jobId`,
    { jobId, ...pending, now },
  );
}

/** The fax is in the archive at `path`, as it was in `state`; its claim is let go. */
export function markArchived(db: Db, jobId: number, path: string, state: JobState, now = Date.now()): void {
  run(
    db,
    `INSERT INTO archived_jobs(job_id, path, state, written_at, tries, last_error, updated_at) VALUES (:jobId, :path, :state, :now, 0, NULL, :now)
     ON CONFLICT(job_id) DO UPDATE SET path = excluded.path, state = excluded.state, written_at = excluded.written_at,
       last_error = NULL, pending_path = NULL, pending_sha256 = NULL, pending_state = NULL,
       claim_owner = NULL, claim_pid = NULL, claim_host = NULL, claim_at = NULL, updated_at = excluded.updated_at`,
    { jobId, path, state, now },
  );
}

/** A write failed: the fax waits, with why, for the next try; its claim is let go. */
export function markArchiveFailed(db: Db, jobId: number, error: string, now = Date.now()): void {
  run(
    db,
    `INSERT INTO archived_jobs(job_id, path, written_at, tries, last_error, updated_at) VALUES (:jobId, NULL, NULL, 1, :error, :now)
     ON CONFLICT(job_id) DO UPDATE SET tries = archived_jobs.tries + 1, last_error = excluded.last_error,
       claim_owner = NULL, claim_pid = NULL, claim_host = NULL, claim_at = NULL, updated_at = excluded.updated_at`,
    { jobId, error, now },
  );
}

/** Where a fax was archived (its latest result), when it was. */
export function archivedPath(db: Db, jobId: number): string | undefined {
  return get<{ path: string | null }>(db, 'SELECT path FROM archived_jobs WHERE job_id = :jobId', { jobId })?.path ?? undefined;
}
