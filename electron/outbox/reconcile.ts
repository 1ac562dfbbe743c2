// Settles uploads whose outcome is unknown (the process died mid-upload, or the answer was
// lost). Such a job is only ever resent after a successful read of the report, taken at
// least `graceMs` after its upload began, has not shown it. If the report shows a fax with
// the same number, pages and headers that arrived after the upload began, the job adopts
// that OutTransID instead.

import { type AdoptionCandidate, findAdoptionCandidates, linkAttempts } from '../store/attempts-repo.ts';
import { getJob, type Job, type JobRowRaw, toJob, updateJob } from '../store/jobs-repo.ts';
import { all, type Db, transaction } from '../store/sql.ts';
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
  waiting: number[];
}

// The report's dates are in a time zone the vendor does not name: allow any offset.
const TZ_SLACK_MS = 15 * 3600_000;

/** Jobs whose upload outcome is unknown: `submitting` but not being uploaded, or held for that reason. */
function listUncertainJobs(db: Db, active: ReadonlySet<number>): Job[] {
  return all<JobRowRaw>(
    db,
    `SELECT * FROM jobs WHERE state = 'submitting' OR (state = 'needs-attention' AND error_kind = 'unknown-outcome')
     ORDER BY submit_started_at, id`,
  )
    .map(toJob)
    .filter((j) => !active.has(j.id));
}

export function reconcile(db: Db, o: ReconcileOptions): ReconcileResult {
  const result: ReconcileResult = { adopted: [], requeued: [], exhausted: [], waiting: [] };
  const activeSignatures = new Set<string>();
  for (const id of o.active) {
    const j = getJob(db, id);
    if (j) activeSignatures.add(signature(j));
  }
  const taken = new Set<string>();
  for (const job of listUncertainJobs(db, o.active)) {
    if (job.accountKey !== o.accountKey) {
      // Sent with another account (the user switched): only that account's report can tell.
      if (job.state === 'submitting') {
        const moved = updateJob(
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
          { from: ['submitting'], now: o.now },
        );
        if (moved) result.exhausted.push(job.id);
      }
      continue;
    }
    // A look-alike upload in progress could own the row we would adopt: decide after it returns.
    if (activeSignatures.has(signature(job))) {
      result.waiting.push(job.id);
      continue;
    }
    const startedAt = job.submitStartedAt ?? job.createdAt;
    const candidates = findAdoptionCandidates(db, {
      accountKey: o.accountKey,
      faxNumber: job.faxNumber,
      toHeader: job.toHeader,
      fromHeader: job.fromHeader,
      afterHistoryId: job.cursorAtSubmit ?? 0,
    }).filter((c) => !taken.has(c.outTransId) && plausibleDate(c.date, startedAt));
    const candidate = candidates.find((c) => pagesMatch(c, job.pages) === 'yes');
    if (!candidate && candidates.some((c) => pagesMatch(c, job.pages) === 'unknown')) {
      // A look-alike still rendering: its page count will tell. Never resend meanwhile.
      result.waiting.push(job.id);
      continue;
    }
    if (candidate) {
      taken.add(candidate.outTransId);
      const done = transaction(db, () => {
        const moved = updateJob(
          db,
          job.id,
          {
            state: 'submitted',
            outTransId: candidate.outTransId,
            submittedAt: o.now,
            nextTryAt: null,
            error: null,
          },
          { from: ['submitting', 'needs-attention'], now: o.now },
        );
        if (!moved) return false;
        linkAttempts(db, o.accountKey, candidate.outTransId, job.id);
        const fresh = getJob(db, job.id);
        if (fresh) refreshJobFromAttempts(db, o.accountKey, fresh, o.now);
        return true;
      });
      if (done) result.adopted.push(job.id);
      continue;
    }
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

/** Marks uncertain jobs as needing attention while the report cannot be read. */
export function holdUncertain(db: Db, active: ReadonlySet<number>, reason: string, now: number): number[] {
  const held: number[] = [];
  for (const job of listUncertainJobs(db, active)) {
    if (job.state !== 'submitting') continue;
    const moved = updateJob(
      db,
      job.id,
      {
        state: 'needs-attention',
        error: {
          kind: 'unknown-outcome',
          code: null,
          message: `It is not known whether Openfax received this fax: the answer was lost and the report cannot be read (${reason}).`,
          action:
            'Nothing to do: the outbox checks again automatically and will not send it twice. Choose Retry only if you know it did not arrive.',
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

function signature(j: Job): string {
  return `${j.faxNumber}|${j.pages}|${j.toHeader.trim()}|${j.fromHeader.trim()}`;
}

function plausibleDate(date: string | null, startedAt: number): boolean {
  if (!date) return true;
  const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(date) ? date : `${date.replace(' ', 'T')}Z`);
  return Number.isNaN(t) || t >= startedAt - TZ_SLACK_MS;
}
