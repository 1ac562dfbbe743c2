// Writes what an upload's answer means for its job, in one transaction, before anything
// else happens: accepted (OutTransID), refused for good, retried later, or uncertain.

import { withDetail } from '../../shared/wording.ts';
import type { OpenfaxError } from '../openfax/client.ts';
import { linkAttempts } from '../store/attempts-repo.ts';
import { getJob, getJobByOutTransId, type Job, updateJob, updateJobState } from '../store/jobs-repo.ts';
import { run, transaction } from '../store/sql.ts';
import { backoffMs } from './backoff.ts';
import type { EngineContext } from './context.ts';
import { type Disposition, dispositionOf, jobErrorOf, UNCERTAIN_NOTE } from './error-policy.ts';
import { refreshJobFromAttempts } from './report-apply.ts';

/** Records an accepted upload. Returns the jobs changed (two when a wrong adoption was undone). */
export function recordAccepted(ctx: EngineContext, job: Job, key: string, outTransId: string): number[] {
  const { db, log } = ctx;
  const now = ctx.now();
  const changed: number[] = [job.id];
  transaction(db, () => {
    const holder = getJobByOutTransId(db, key, outTransId);
    if (holder && holder.id !== job.id) {
      // The reconciler matched this row to a look-alike job that in fact never arrived: undo its guess.
      log.warn(`job ${holder.id} had adopted OutTransID ${outTransId}, which belongs to job ${job.id}; checking job ${holder.id} again`);
      const reset = {
        outTransId: null,
        currentState: null,
        lastStatus: null,
        attempts: 0,
        cost: null,
        pagesSent: null,
        lastHistoryId: null,
      };
      updateJob(db, holder.id, { ...reset, state: 'submitting', submittedAt: null, finalAt: null, error: null }, { now });
      run(db, 'UPDATE attempts SET job_id = NULL WHERE account_key = :key AND out_trans_id = :outTransId', { key, outTransId });
      changed.push(holder.id);
    }
    const patch = { outTransId, submittedAt: now, nextTryAt: null, error: null };
    if (!updateJobState(db, job.id, 'submitted', ['submitting', 'queued', 'needs-attention'], patch, now)) {
      log.error(`job ${job.id} was accepted as OutTransID ${outTransId} but had already left the submitting state`);
      return;
    }
    linkAttempts(db, key, outTransId, job.id);
    const fresh = getJob(db, job.id);
    if (fresh) refreshJobFromAttempts(db, key, fresh, now);
  });
  return changed;
}

/** Records a failed upload as its disposition says; returns the disposition for the queue to act on. */
export function recordFailure(ctx: EngineContext, job: Job, e: OpenfaxError): Disposition {
  const { db, log } = ctx;
  const now = ctx.now();
  const d = dispositionOf(e);
  const error = jobErrorOf(e);
  switch (d.kind) {
    case 'final':
      updateJobState(db, job.id, d.state, ['submitting'], { error, finalAt: now }, now);
      break;
    case 'attention':
      updateJobState(db, job.id, 'needs-attention', ['submitting'], { error }, now);
      break;
    case 'retry': {
      // `submitTries` already counts this try (the claim incremented it).
      const tries = job.submitTries;
      if (tries >= ctx.timing.maxSubmitTries) {
        const message = `Openfax did not accept this fax after ${tries} tries: ${e.message}`;
        updateJobState(db, job.id, 'needs-attention', ['submitting'], { error: { ...error, kind: 'retries-exhausted', message } }, now);
      } else {
        const delay = backoffMs(tries, ctx.timing.retryBaseMs, ctx.timing.retryMaxMs, ctx.random);
        updateJobState(db, job.id, 'queued', ['submitting'], { error, nextTryAt: now + delay }, now);
        log.info(`job ${job.id}: ${e.kind} ${e.code ?? ''}; retrying in ${Math.round(delay / 1000)} s`);
      }
      break;
    }
    case 'uncertain':
      updateJob(db, job.id, { error: { ...error, message: withDetail(UNCERTAIN_NOTE, e.message) } }, { from: ['submitting'], now });
      log.warn(`job ${job.id}: outcome unknown after ${e.kind} ${e.code ?? ''}; will check the report before any resend`);
      break;
  }
  return d;
}
