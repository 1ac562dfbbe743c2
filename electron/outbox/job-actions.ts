// What a person can do to a job from the Outbox screen or the CLI.

import type { JobState } from '../../shared/domain.ts';
import { getJob, getJobView, type JobView, listJobs, updateJobState } from '../store/jobs-repo.ts';
import { cancelMergeOfBroadcast } from '../store/merges-repo.ts';
import { type Db, transaction } from '../store/sql.ts';
import type { EngineContext } from './context.ts';
import type { OutboxResult } from './types.ts';

const CANCELABLE: readonly JobState[] = ['draft', 'queued', 'needs-attention'];

const notFound = (id: number) => ({
  ok: false as const,
  error: { kind: 'not-found' as const, message: `There is no fax job ${id}.`, action: 'Refresh the outbox.' },
});
const notAllowed = (message: string, action: string) => ({ ok: false as const, error: { kind: 'not-allowed' as const, message, action } });

export function cancelJob(ctx: EngineContext, id: number): OutboxResult<JobView> {
  const r = cancelUnsentJob(ctx.db, id, ctx.now());
  if (r.ok) ctx.jobsChanged([id]);
  return r;
}

/**
 * Cancels a job Openfax has not accepted (queued, waiting to retry, needs attention) in one
 * guarded write, so it wins or loses cleanly against an upload claiming it. Needs no running
 * outbox (the CLI's cancel; another process's outbox notices the change).
 */
export function cancelUnsentJob(db: Db, id: number, now: number): OutboxResult<JobView> {
  const job = getJob(db, id);
  if (!job) return notFound(id);
  if (!updateJobState(db, id, 'canceled', CANCELABLE, { finalAt: now, nextTryAt: null }, now)) {
    const current = getJob(db, id)?.state ?? job.state;
    if (current === 'submitting') {
      return notAllowed(
        'This fax is being uploaded to Openfax right now, and Openfax offers no way to cancel a fax once it has it.',
        'Wait for its result.',
      );
    }
    if (current === 'submitted') {
      return notAllowed(
        'Openfax has accepted this fax, and Openfax offers no way to cancel a fax it has accepted.',
        'Wait for its result.',
      );
    }
    return notAllowed(`This fax is ${current} and cannot be canceled.`, 'Nothing to do.');
  }
  return { ok: true, value: getJobView(db, id) as JobView };
}

/**
 * Cancels a broadcast's jobs not yet sent. A mail merge's broadcast grows as its documents are
 * made: its merge is canceled in the same transaction (its rows not yet queued too), so no job
 * joins it afterwards (the merge's queue hook refuses a row of a canceled merge).
 */
export function cancelBroadcastJobs(ctx: EngineContext, broadcastId: number): OutboxResult<number> {
  const now = ctx.now();
  const { ids, merge } = transaction(ctx.db, () => ({
    merge: cancelMergeOfBroadcast(ctx.db, broadcastId, now),
    ids: listJobs(ctx.db, { broadcastId, limit: 5000 })
      .filter((j) => j.state === 'queued' || j.state === 'draft')
      .filter((j) => updateJobState(ctx.db, j.id, 'canceled', ['queued', 'draft'], { finalAt: now, nextTryAt: null }, now))
      .map((j) => j.id),
  }));
  if (merge) ctx.log.info(`broadcast ${broadcastId} canceled: its merge ${merge} is canceled with it`);
  ctx.jobsChanged(ids);
  return { ok: true, value: ids.length };
}

export function retryJob(ctx: EngineContext, id: number, acceptDuplicateRisk = false): OutboxResult<JobView> {
  const job = getJob(ctx.db, id);
  if (!job) return notFound(id);
  if (job.state !== 'needs-attention')
    return notAllowed(`Only a fax that needs attention can be retried; this one is ${job.state}.`, 'Use Resend for a finished fax.');
  if (job.error?.kind === 'unknown-outcome' && !acceptDuplicateRisk) {
    return notAllowed(
      'Openfax may already have this fax: sending it again could deliver it twice.',
      'Wait for the automatic check, or confirm that you accept a possible duplicate.',
    );
  }
  const now = ctx.now();
  if (!updateJobState(ctx.db, id, 'queued', ['needs-attention'], { submitTries: 0, nextTryAt: null }, now)) {
    return notAllowed('The fax changed state meanwhile.', 'Refresh the outbox.');
  }
  ctx.jobsChanged([id]);
  return { ok: true, value: getJobView(ctx.db, id) as JobView };
}
