// "Openfax will redial about 10:42": the estimate for jobs the vendor holds for a redial, from
// their last call (see shared/redial-estimate.ts for what is known and what is not).

import { estimateRedialAt } from '../../shared/redial-estimate.ts';
import { currentStateInfo } from '../../shared/vendor-codes.ts';
import { type Attempt, listAttemptsForJob } from '../store/attempts-repo.ts';
import type { Job } from '../store/jobs-repo.ts';
import type { Db } from '../store/sql.ts';
import { callTime, isCallRow } from './call-rows.ts';

function waitingToRedial(job: Pick<Job, 'state' | 'currentState'>): boolean {
  return job.state === 'submitted' && currentStateInfo(job.currentState)?.outcome === 'waiting-redial';
}

/**
 * About when the next call comes, from the job's report rows; null when not waiting or unknown.
 * The job's last change is when it was seen waiting (the report's state moving to a redial).
 */
export function redialAtOf(job: Pick<Job, 'state' | 'currentState' | 'updatedAt'>, attempts: readonly Attempt[]): number | null {
  if (!waitingToRedial(job)) return null;
  const last = attempts
    .filter(isCallRow)
    .sort((a, b) => a.historyId - b.historyId)
    .at(-1);
  return last ? estimateRedialAt({ at: callTime(last), durationSeconds: last.callDuration, waitingSince: job.updatedAt }) : null;
}

/** The estimate of each job in `jobs` that waits to redial (only those rows are read). */
export function redialTimes(db: Db, jobs: ReadonlyArray<Pick<Job, 'id' | 'state' | 'currentState' | 'updatedAt'>>): Map<number, number> {
  const out = new Map<number, number>();
  for (const job of jobs) {
    if (!waitingToRedial(job)) continue;
    const at = redialAtOf(job, listAttemptsForJob(db, job.id));
    if (at !== null) out.set(job.id, at);
  }
  return out;
}
