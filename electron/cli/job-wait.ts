// Seeing the faxes of one command through. A CLI command is often the only thing running for
// its data folder, so it must not leave while the outbox is still finding out what happened
// to an upload (a lost answer is settled by reading the report, and only then sent again):
// nothing would be left to do it. It waits until every job is handed over (or, with --wait,
// final), or truly needs a person, and then says what that person must do.

import { FINAL_JOB_STATES } from '../../shared/domain.ts';
import { isHeldAsLookAlike } from '../outbox/look-alike.ts';
import type { Outbox } from '../outbox/types.ts';
import { accountKeyOf } from '../store/account-state-repo.ts';
import { getJobViews, type JobView } from '../store/jobs-repo.ts';
import type { CliContext, ResolvedAccount } from './types.ts';

/** Where a job stands for a command waiting on it. */
type Standing = 'done' | 'working' | 'person';

const FINAL = new Set<string>(FINAL_JOB_STATES);

/**
 * `done` when the command may leave it (final; or with Openfax, unless waiting for the end),
 * `person` when nothing automatic will move it, `working` while the outbox is on it.
 */
function standing(job: JobView, accountKey: string, untilFinal: boolean): Standing {
  if (FINAL.has(job.state)) return 'done';
  if (job.state === 'submitted') return untilFinal ? 'working' : 'done';
  if (job.state !== 'needs-attention') return 'working';
  // A lost answer the report will settle, for this account: the outbox keeps polling for it.
  const settling = job.error?.kind === 'unknown-outcome' && !isHeldAsLookAlike(job) && job.accountKey === accountKey;
  return settling ? 'working' : 'person';
}

export interface SeenThrough {
  /** False when interrupted (Ctrl-C) before every job was done or needed a person. */
  finished: boolean;
  jobs: JobView[];
  /** Jobs only a person can move on, newest first. */
  needPerson: JobView[];
  /** Jobs still being worked on when the command stopped (interrupted). */
  unsettled: JobView[];
}

/** Waits on the jobs; wakes on every change the outbox announces, and looks once a second regardless. */
export async function seeThrough(
  ctx: CliContext,
  outbox: Outbox,
  account: ResolvedAccount,
  jobIds: readonly number[],
  untilFinal: boolean,
): Promise<SeenThrough> {
  const key = accountKeyOf(account.endpoint, account.accountId);
  const mine = new Set(jobIds);
  let wake: (() => void) | undefined;
  const off = outbox.on('job-changed', (j) => {
    if (mine.has(j.id)) wake?.();
  });
  const onAbort = () => wake?.();
  ctx.io.signal?.addEventListener('abort', onAbort);
  try {
    for (;;) {
      const jobs = getJobViews(ctx.store().db, [...jobIds]);
      const by = (s: Standing) => jobs.filter((j) => standing(j, key, untilFinal) === s);
      const working = by('working');
      const paused = outbox.queueState().paused;
      // A paused queue (refused account, no credit) moves nothing until a person acts.
      const stuck = paused ? working.filter((j) => j.state === 'queued') : [];
      if (working.length === stuck.length) return { finished: true, jobs, needPerson: [...by('person'), ...stuck], unsettled: [] };
      if (ctx.io.signal?.aborted) return { finished: false, jobs, needPerson: by('person'), unsettled: working };
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, 1000);
        function done() {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        }
        wake = done;
      });
    }
  } finally {
    off();
    ctx.io.signal?.removeEventListener('abort', onAbort);
  }
}

/** What a person must do, job by job, and that nothing runs for them meanwhile. */
export function personAdvice(outbox: Outbox, jobs: readonly JobView[]): string[] {
  const lines: string[] = [];
  const paused = outbox.queueState().paused;
  for (const j of jobs) {
    if (j.state === 'queued' && paused) {
      lines.push(`Job ${j.id} is waiting to upload: ${paused.message} ${paused.action}`);
      continue;
    }
    // The outbox's own words (written for the window's Retry button), then the command for it.
    const retry =
      j.error?.kind === 'unknown-outcome'
        ? `From here, if it did not arrive: openfax retry ${j.id} --accept-duplicate (it may then arrive twice).`
        : `From here: openfax retry ${j.id}`;
    lines.push(
      `Job ${j.id} needs you: ${j.error?.message ?? 'it needs attention.'} ${j.error?.action ?? ''} ${retry}`.replace(/\s+/g, ' '),
    );
  }
  if (lines.length) lines.push('Nothing runs in the background for these: they wait until you act.');
  return lines;
}

/** Jobs left unsettled by an interrupted command: what is unknown, and how to finish them. */
export function unsettledAdvice(jobs: readonly JobView[]): string[] {
  if (!jobs.length) return [];
  const ids = jobs.map((j) => j.id).join(' ');
  return [
    `Stopped waiting. ${jobs.length === 1 ? `Job ${ids} is` : `Jobs ${ids} are`} not settled yet, and nothing runs in the background to settle ${jobs.length === 1 ? 'it' : 'them'}.`,
    `To finish: openfax retry ${ids} (it reads Openfax's report first and never sends a fax twice), or open Openfax Desktop.`,
  ];
}
