// Settles uploads whose outcome is unknown (the process died mid-upload, or the answer was
// lost). Such a job is only ever resent after a successful read of the report, taken at
// least `graceMs` after its upload began, has not shown it. If the report shows a fax with
// the same number, pages and headers that arrived after the upload began, the job adopts
// that OutTransID instead, but only when nothing else could own that row and no other row
// could be the job's: a row two jobs could claim is adopted by neither, and both are held
// for a person (see look-alike.ts). Guessing there is how a document is lost and another
// sent twice.

import { withDetail } from '../../shared/wording.ts';
import { type AdoptionCandidate, findAdoptionCandidates, linkAttempts } from '../store/attempts-repo.ts';
import { getDocument } from '../store/documents-repo.ts';
import { getJob, type Job, updateJob } from '../store/jobs-repo.ts';
import { type Db, transaction } from '../store/sql.ts';
import { isHeldAsLookAlike, type LookAlikeReason, listUncertainJobs, lookAlikeHold, lookAlikeKey } from './look-alike.ts';
import { refreshJobFromAttempts } from './report-apply.ts';

export interface ReconcileOptions {
  accountKey: string;
  /** Jobs being uploaded by this process right now: never uncertain. */
  active: ReadonlySet<number>;
  /** When the successful report read began. */
  reportReadAt: number;
  graceMs: number;
  maxTries: number;
  now: number;
}

export interface ReconcileResult {
  adopted: number[];
  requeued: number[];
  exhausted: number[];
  /** Held for a person: the report cannot tell them from a look-alike. */
  held: number[];
  waiting: number[];
}

// The report's dates are in a time zone the vendor does not name: allow any offset.
const TZ_SLACK_MS = 15 * 3600_000;

interface Candidate extends AdoptionCandidate {
  match: 'yes' | 'unknown';
}

export function reconcile(db: Db, o: ReconcileOptions): ReconcileResult {
  const result: ReconcileResult = { adopted: [], requeued: [], exhausted: [], held: [], waiting: [] };
  const mine: Job[] = [];
  for (const job of listUncertainJobs(db)) {
    if (job.accountKey === o.accountKey) mine.push(job);
    else if (!o.active.has(job.id) && settleOtherAccount(db, job, o.now)) result.exhausted.push(job.id);
  }
  // Every job of ours whose row may be in the report unclaimed contends for it: uploading,
  // uncertain, or already held. A row is adopted only by a job with no rival for it.
  const candidates = new Map<number, Candidate[]>();
  const contenders = new Map<string, number[]>();
  for (const job of mine) {
    const list = candidatesFor(db, o.accountKey, job);
    candidates.set(job.id, list);
    for (const c of list) contenders.set(c.outTransId, [...(contenders.get(c.outTransId) ?? []), job.id]);
  }
  const activeKeys = new Set(mine.filter((j) => o.active.has(j.id)).map((j) => lookAlikeKey(o.accountKey, j)));
  for (const job of mine) {
    if (o.active.has(job.id) || isHeldAsLookAlike(job)) continue;
    const list = candidates.get(job.id) ?? [];
    const rivals = [...new Set(list.flatMap((c) => contenders.get(c.outTransId) ?? []))].filter((id) => id !== job.id);
    // A look-alike upload in progress could own the row we would adopt: decide after it returns.
    // A look-alike still rendering (0 pages) will tell by its page count. Never resend meanwhile.
    if (
      activeKeys.has(lookAlikeKey(o.accountKey, job)) ||
      rivals.some((id) => o.active.has(id)) ||
      list.some((c) => c.match === 'unknown')
    ) {
      result.waiting.push(job.id);
      continue;
    }
    if (rivals.length || list.length > 1) {
      const why: LookAlikeReason = rivals.length ? { kind: 'rival-jobs', jobIds: rivals } : { kind: 'several-rows', rows: list.length };
      if (hold(db, job, why, o.now)) result.held.push(job.id);
      continue;
    }
    if (list.length === 1) {
      if (adopt(db, o.accountKey, job, list[0].outTransId, o.now)) result.adopted.push(job.id);
      continue;
    }
    const startedAt = job.submitStartedAt ?? job.createdAt;
    if (o.reportReadAt - startedAt < o.graceMs) {
      result.waiting.push(job.id);
      continue;
    }
    // The report was read well after the upload began and does not have it: it never arrived.
    if (job.submitTries >= o.maxTries) {
      const moved = updateJob(
        db,
        job.id,
        {
          state: 'needs-attention',
          error: {
            kind: 'retries-exhausted',
            code: job.error?.code ?? null,
            message: `Openfax did not receive this fax after ${job.submitTries} tries${job.error ? ` (last: ${job.error.message})` : ''}.`,
            action: 'Check the connection and the account, then choose Retry.',
          },
        },
        { from: ['submitting', 'needs-attention'], now: o.now },
      );
      if (moved) result.exhausted.push(job.id);
    } else {
      const moved = updateJob(db, job.id, { state: 'queued', nextTryAt: o.now }, { from: ['submitting', 'needs-attention'], now: o.now });
      if (moved) result.requeued.push(job.id);
    }
  }
  return result;
}

/** Unclaimed rows that could be this job's fax (pages equal, or not known yet). */
function candidatesFor(db: Db, accountKey: string, job: Job): Candidate[] {
  const startedAt = job.submitStartedAt ?? job.createdAt;
  const out: Candidate[] = [];
  for (const c of findAdoptionCandidates(db, {
    accountKey,
    faxNumber: job.faxNumber,
    toHeader: job.toHeader,
    fromHeader: job.fromHeader,
    afterHistoryId: job.cursorAtSubmit ?? 0,
  })) {
    const match = pagesMatch(c, job.pages);
    if (match !== 'no' && plausibleDate(c.date, startedAt)) out.push({ ...c, match });
  }
  return out;
}

function adopt(db: Db, accountKey: string, job: Job, outTransId: string, now: number): boolean {
  return transaction(db, () => {
    const moved = updateJob(
      db,
      job.id,
      { state: 'submitted', outTransId, submittedAt: now, nextTryAt: null, error: null },
      { from: ['submitting', 'needs-attention'], now },
    );
    if (!moved) return false;
    linkAttempts(db, accountKey, outTransId, job.id);
    const fresh = getJob(db, job.id);
    if (fresh) refreshJobFromAttempts(db, accountKey, fresh, now);
    return true;
  });
}

function hold(db: Db, job: Job, why: LookAlikeReason, now: number): boolean {
  const error = lookAlikeHold(job, getDocument(db, job.documentId)?.originalName, why);
  return updateJob(db, job.id, { state: 'needs-attention', error }, { from: ['submitting', 'needs-attention'], now });
}

/** Sent with another account (the user switched): only that account's report can tell. */
function settleOtherAccount(db: Db, job: Job, now: number): boolean {
  if (job.state !== 'submitting') return false;
  return updateJob(
    db,
    job.id,
    {
      state: 'needs-attention',
      error: {
        kind: 'unknown-outcome',
        code: null,
        message:
          'The account was changed while this fax was being uploaded with the previous one; it is not known whether Openfax received it.',
        action: 'Switch back to that account to let the outbox check, or choose Retry to send it with the current account.',
      },
    },
    { from: ['submitting'], now },
  );
}

/** Marks uncertain jobs as needing attention while the report cannot be read. */
export function holdUncertain(db: Db, active: ReadonlySet<number>, reason: string, now: number): number[] {
  const held: number[] = [];
  for (const job of listUncertainJobs(db)) {
    if (job.state !== 'submitting' || active.has(job.id)) continue;
    const moved = updateJob(
      db,
      job.id,
      {
        state: 'needs-attention',
        error: {
          kind: 'unknown-outcome',
          code: null,
          message: withDetail(
            'It is not known whether Openfax received this fax: the answer was lost and the report cannot be read',
            reason,
          ),
          action:
            'Openfax Desktop, or the openfax command that sent it while it runs, reads the report again and will not send it twice. Choose Retry only if you know it did not arrive.',
        },
      },
      { from: ['submitting'], now },
    );
    if (moved) held.push(job.id);
  }
  return held;
}

/** A row shows 0 pages until the vendor has rendered the document (RenderStatus 0 = pending). */
function pagesMatch(c: AdoptionCandidate, pages: number): 'yes' | 'no' | 'unknown' {
  if (c.pageCount === null) return 'yes';
  if (c.pageCount === pages) return 'yes';
  if (c.pageCount === 0 && c.renderStatus === 2) return 'yes';
  if (c.pageCount === 0 && (c.renderStatus === null || c.renderStatus === 0)) return 'unknown';
  return 'no';
}

function plausibleDate(date: string | null, startedAt: number): boolean {
  if (!date) return true;
  const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(date) ? date : `${date.replace(' ', 'T')}Z`);
  return Number.isNaN(t) || t >= startedAt - TZ_SLACK_MS;
}
