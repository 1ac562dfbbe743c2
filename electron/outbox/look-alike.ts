// Look-alike faxes: jobs that Openfax's report cannot tell apart. A report row carries the
// number, the headers and the page count, but nothing we chose per submission (the page
// documents no such field), so two uploads with the same signature whose answers are both
// lost cannot be matched to their rows. The dispatcher therefore never has two of them
// uploading or uncertain at once, and the reconciler adopts nothing it cannot tell apart.

import { formatFaxNumber } from '../../shared/fax-number.ts';
import { type Job, type JobError, type JobRowRaw, toJob } from '../store/jobs-repo.ts';
import { all, type Db } from '../store/sql.ts';

/** The error code of a job held because the report cannot tell it from a look-alike. */
export const LOOK_ALIKE_CODE = 'look-alike';

/** What a report row shows of a job: jobs with the same key look the same to Openfax's report. */
export function lookAlikeKey(accountKey: string, j: Pick<Job, 'faxNumber' | 'pages' | 'toHeader' | 'fromHeader'>): string {
  return JSON.stringify([accountKey, j.faxNumber, j.pages, j.toHeader.trim(), j.fromHeader.trim()]);
}

/**
 * Jobs whose upload outcome is unknown: `submitting` (uploading now, or the answer was lost),
 * or held as needing attention for that reason. Oldest upload first.
 */
export function listUncertainJobs(db: Db, accountKey?: string): Job[] {
  return all<JobRowRaw>(
    db,
    `SELECT * FROM jobs WHERE (state = 'submitting' OR (state = 'needs-attention' AND error_kind = 'unknown-outcome'))
       AND (:key IS NULL OR account_key = :key)
     ORDER BY submit_started_at, id`,
    { key: accountKey ?? null },
  ).map(toJob);
}

/** Held for a person because the report cannot tell it from a look-alike: never settled automatically. */
export function isHeldAsLookAlike(j: Pick<Job, 'state' | 'error'>): boolean {
  return j.state === 'needs-attention' && j.error?.kind === 'unknown-outcome' && j.error.code === LOOK_ALIKE_CODE;
}

/**
 * Signatures a new upload must not share: those of jobs uploading or whose answer the outbox is
 * still finding out by itself. A job held for a person does not block (its look-alikes would
 * wait for ever, unseen); it stays among the reconciler's contenders instead, so a later
 * look-alike whose answer is lost is held too rather than adopting a row that may be its.
 */
export function busyLookAlikeKeys(db: Db, accountKey: string): Set<string> {
  return new Set(
    listUncertainJobs(db, accountKey)
      .filter((j) => !isHeldAsLookAlike(j))
      .map((j) => lookAlikeKey(accountKey, j)),
  );
}

/** Why a job is held: other uncertain look-alikes could own its row, or several rows could be its. */
export type LookAlikeReason = { kind: 'rival-jobs'; jobIds: readonly number[] } | { kind: 'several-rows'; rows: number };

/** The error a held look-alike carries: what is unknown, why, what the outbox will do, and what the person can do. */
export function lookAlikeHold(job: Pick<Job, 'faxNumber'>, documentName: string | undefined, why: LookAlikeReason): JobError {
  const number = formatFaxNumber(job.faxNumber);
  const cause =
    why.kind === 'rival-jobs'
      ? `Its answer was lost, and so was the answer for ${why.jobIds.length === 1 ? 'job' : 'jobs'} ${listIds(why.jobIds)} to ${number} ` +
        "with the same pages and headers: Openfax's report shows these faxes alike and cannot tell which of them arrived."
      : `Its answer was lost, and Openfax's report shows ${why.rows} faxes to ${number} with the same pages and headers since it ` +
        'was uploaded (one may have been sent from another computer or the Openfax portal): it cannot tell which one is this fax.';
  const doc = documentName ? `"${documentName}"` : 'this document';
  return {
    kind: 'unknown-outcome',
    code: LOOK_ALIKE_CODE,
    message: `It is not known whether Openfax received this fax. ${cause} The outbox will not guess, and will not send it again by itself.`,
    action:
      `Check in the Openfax portal (openfax.com) or with the recipient whether ${doc} arrived. ` +
      'Choose Retry only if you know it did not arrive (it is then sent again); if it did, cancel this job.',
  };
}

function listIds(ids: readonly number[]): string {
  return ids.length === 1 ? String(ids[0]) : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
}
