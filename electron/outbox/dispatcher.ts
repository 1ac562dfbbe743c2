// The submission queue: claims queued jobs (Normal before Low) up to the concurrency
// setting and uploads them. Every claim is committed as `submitting` before the upload
// starts, and every answer is committed before anything else happens, so a crash at any
// moment leaves a state the reconciler can settle without sending twice. A job waits while a
// look-alike (same number, pages and headers) is uploading or uncertain: Openfax's report could
// not tell their rows apart if both answers were lost.

import { access } from 'node:fs/promises';
import type { OpenfaxClient, OpenfaxError } from '../openfax/client.ts';
import { getAccountState } from '../store/account-state-repo.ts';
import { getDocument } from '../store/documents-repo.ts';
import { getJob, type Job, nextQueuedDueAt, nextQueuedJob, updateJobState } from '../store/jobs-repo.ts';
import { getSetting } from '../store/settings-repo.ts';
import { transaction } from '../store/sql.ts';
import { accountKey, type EngineContext } from './context.ts';
import { busyLookAlikeKeys, lookAlikeKey } from './look-alike.ts';
import { recordAccepted, recordFailure } from './upload-answer.ts';
import type { OutboxAccount, QueueState } from './types.ts';

export interface DispatcherHooks {
  /** A job got its OutTransID: the poller should be running. */
  onSubmitted: () => void;
  /** An upload ended without a clear answer: the reconciler needs the report. */
  onUncertain: () => void;
  onStateChange: () => void;
}

export interface Dispatcher {
  kick(): void;
  setEnabled(on: boolean): void;
  active(): ReadonlySet<number>;
  paused(): QueueState['paused'];
  resume(): void;
  /** true: claims nothing more (uploads in progress finish); false: claims again. An update's install holds it. */
  hold(held: boolean): void;
  /** Waits for uploads to end; aborts those still running after `graceMs`. */
  drain(graceMs: number): Promise<void>;
}

export function createDispatcher(ctx: EngineContext, hooks: DispatcherHooks): Dispatcher {
  const { db, log } = ctx;
  const running = new Map<number, { abort: AbortController; done: Promise<void> }>();
  const activeIds = new Set<number>();
  let enabled = false;
  let paused: QueueState['paused'] = null;
  let held = false;
  let pausedClient: OpenfaxClient | undefined;
  let wake: ReturnType<typeof setTimeout> | undefined;
  let kicking = false;

  /** Fills free upload slots. Called from timers and events: it never throws. */
  function kick(): void {
    if (!enabled) return;
    // A listener of the claim's job-changed event may act on the queue (a cancel kicks it):
    // a kick inside a kick would claim past the concurrency limit before this one starts its upload.
    if (kicking) {
      queueMicrotask(kick);
      return;
    }
    kicking = true;
    try {
      const account = ctx.getAccount();
      if (!account) {
        hooks.onStateChange();
        return;
      }
      if (paused && pausedClient !== account.client) resume();
      // Held (an update's install): uploads in progress announce their own end (below).
      if (paused || held) return;
      const limit = getSetting(db, 'concurrency');
      while (activeIds.size < limit) {
        const job = claim(account);
        if (!job) break;
        start(job, account);
      }
      scheduleNextDue();
      hooks.onStateChange();
    } catch (err) {
      // A database that cannot be written (disk full, locked) must not spin: try again shortly.
      log.error('could not claim the next job', err);
      schedule(ctx.now() + 5_000);
    } finally {
      kicking = false;
    }
  }

  function claim(account: OutboxAccount): Job | undefined {
    const key = accountKey(account);
    const now = ctx.now();
    const claimed = transaction(db, () => {
      const busy = busyLookAlikeKeys(db, key);
      const job = nextQueuedJob(db, now, key, (j) => busy.has(lookAlikeKey(key, j)));
      if (!job) return undefined;
      const moved = updateJobState(
        db,
        job.id,
        'submitting',
        ['queued'],
        {
          submitTries: job.submitTries + 1,
          submitStartedAt: now,
          accountKey: key,
          cursorAtSubmit: getAccountState(db, key).lastHistoryId,
          nextTryAt: null,
          // A job uploading has no error; one left `submitting` with an error is an uncertain upload.
          error: null,
        },
        now,
      );
      return moved ? job.id : undefined;
    });
    if (claimed === undefined) return undefined;
    ctx.jobsChanged([claimed]);
    return getJob(db, claimed);
  }

  function start(job: Job, account: OutboxAccount): void {
    const abort = new AbortController();
    activeIds.add(job.id);
    const done = upload(job, account, abort.signal)
      .catch((err) => {
        // Whatever happened, the job stays `submitting` and the reconciler settles it.
        log.error(`job ${job.id}: upload ended unexpectedly`, err);
        hooks.onUncertain();
      })
      .finally(() => {
        activeIds.delete(job.id);
        running.delete(job.id);
        try {
          ctx.jobsChanged([job.id]);
        } catch (err) {
          log.warn(`job ${job.id}: could not announce its change`, err);
        }
        // The end of an upload is told here, not only by the kick: a dispatcher disabled
        // meanwhile (the lease lost) kicks nothing, and an update's restart waits on this count.
        hooks.onStateChange();
        queueMicrotask(kick);
      });
    running.set(job.id, { abort, done });
  }

  async function upload(job: Job, account: OutboxAccount, signal: AbortSignal): Promise<void> {
    const doc = getDocument(db, job.documentId);
    if (!doc || doc.deletedAt !== null || !(await exists(doc.spoolPath))) {
      const where = doc?.spoolPath ?? `the spool folder (${ctx.spoolDir})`;
      updateJobState(
        db,
        job.id,
        'needs-attention',
        ['submitting'],
        {
          error: {
            kind: 'spool-missing',
            code: null,
            message: `The PDF for this fax is no longer in ${where}: it was deleted or moved outside Openfax Desktop. Nothing was sent.`,
            action: 'Send the original document again as a new fax, then cancel this one.',
          },
        },
        ctx.now(),
      );
      return;
    }
    let lastProgress = 0;
    const res = await account.client.submitFax({
      pdfPath: doc.spoolPath,
      faxNumber: `+${job.faxNumber}`,
      options: {
        toHeader: job.toHeader,
        fromHeader: job.fromHeader,
        paperSize: job.paperSize,
        resolution: job.resolution,
        priority: job.priority,
      },
      signal,
      onProgress: (sentBytes, totalBytes) => {
        const t = ctx.now();
        if (sentBytes < totalBytes && t - lastProgress < 100) return;
        lastProgress = t;
        ctx.events.emit('upload-progress', { jobId: job.id, sentBytes, totalBytes });
      },
    });
    if (res.ok) commitSuccess(job, account, res.value.outTransId);
    else commitFailure(job, account, res.error);
  }

  function commitSuccess(job: Job, account: OutboxAccount, outTransId: string): void {
    const changed = recordAccepted(ctx, job, accountKey(account), outTransId);
    ctx.jobsChanged(changed);
    if (changed.length > 1) hooks.onUncertain();
    hooks.onSubmitted();
  }

  function commitFailure(job: Job, account: OutboxAccount, e: OpenfaxError): void {
    const d = recordFailure(ctx, job, e);
    if ((d.kind === 'final' || d.kind === 'attention') && d.pause) pause(d.pause, e, account.client);
    if (d.kind === 'uncertain') hooks.onUncertain();
  }

  function pause(reason: 'auth' | 'no-credit' | 'config', e: OpenfaxError, client: OpenfaxClient): void {
    if (paused) return;
    paused = { reason, message: e.message, action: e.action };
    pausedClient = client;
    log.warn(`queue paused (${reason}): ${e.message}`);
    hooks.onStateChange();
  }

  function resume(): void {
    if (!paused) return;
    paused = null;
    pausedClient = undefined;
    hooks.onStateChange();
    queueMicrotask(kick);
  }

  function scheduleNextDue(): void {
    // Jobs due now but waiting for a slot or a look-alike are started by the event that frees them.
    const due = nextQueuedDueAt(db, ctx.now());
    if (due !== undefined) schedule(due);
  }

  function schedule(at: number): void {
    if (wake) clearTimeout(wake);
    wake = setTimeout(
      () => {
        wake = undefined;
        kick();
      },
      Math.max(0, at - ctx.now()) + 5,
    );
  }

  return {
    kick,
    setEnabled(on) {
      enabled = on;
      if (!on && wake) {
        clearTimeout(wake);
        wake = undefined;
      }
      if (on) queueMicrotask(kick);
    },
    active: () => activeIds,
    paused: () => paused,
    resume,
    hold(on) {
      if (held === on) return;
      held = on;
      log.info(on ? 'no new upload starts: an update is being installed' : 'uploads go on');
      if (!on) queueMicrotask(kick);
    },
    async drain(graceMs) {
      const all = [...running.values()];
      if (!all.length) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([Promise.all(all.map((r) => r.done)), timeout]);
      clearTimeout(timer);
      for (const r of running.values()) r.abort.abort();
      await Promise.all([...running.values()].map((r) => r.done));
    },
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
