// The outbox engine: queue, uploads, report polling, reconciliation, spool retention,
// events. Plain Node, shared by the app, the browser host, the CLI and the tests.
//
//   const outbox = createOutbox({ db, dataDir, getAccount });
//   const off = outbox.on('job-changed', (job) => …);
//   await outbox.start();
//   await outbox.submit({ pdfPath, to: { number: '212 555 0100' } });
//   …
//   await outbox.stop(); off();

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { FINAL_JOB_STATES } from '../../shared/domain.ts';
import { createLogger } from '../core/logger.ts';
import { getAccountState, saveCredit } from '../store/account-state-repo.ts';
import { broadcastProgress } from '../store/broadcasts-repo.ts';
import { countJobsInStates, getJobViews, type JobView } from '../store/jobs-repo.ts';
import { spoolDir } from '../store/paths.ts';
import { get } from '../store/sql.ts';
import { accountKey, DEFAULT_TIMING, type EngineContext, queueAccountKey } from './context.ts';
import { createDbWatch } from './db-watch.ts';
import { createDispatcher } from './dispatcher.ts';
import { findDuplicates } from './duplicate-guard.ts';
import { createEmitter } from './emitter.ts';
import { createEngineLease } from './engine-lease.ts';
import { creditCheck, type EnqueueDeps, enqueue } from './enqueue.ts';
import { queuePersonalJob } from './personal-job.ts';
import { cancelBroadcastJobs, cancelJob, retryJob } from './job-actions.ts';
import { resendJob, resendJobs } from './resend.ts';
import { countPdfPages } from './page-count.ts';
import { createReportPoller } from './report-poller.ts';
import { nodeSpoolFs } from './spool.ts';
import { sweepSpool } from './spool-sweep.ts';
import type { CreditInfo, Outbox, OutboxDeps, OutboxError, OutboxEvents, OutboxResult, QueueState } from './types.ts';

export type * from './types.ts';

export function createOutbox(deps: OutboxDeps): Outbox {
  const log = deps.log ?? createLogger('outbox');
  const events = createEmitter<OutboxEvents>(log);
  const owner = deps.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const ctx: EngineContext = {
    db: deps.db,
    dataDir: deps.dataDir,
    spoolDir: spoolDir(deps.dataDir),
    now: deps.clock ?? Date.now,
    random: deps.random ?? Math.random,
    log,
    getAccount: deps.getAccount,
    getSide: deps.getSide,
    timing: { ...DEFAULT_TIMING, ...stripUndefined(deps.timing ?? {}) },
    events,
    jobsChanged,
  };
  const enqueueDeps: EnqueueDeps = {
    fs: deps.fs,
    countPages: deps.countPages ?? countPdfPages,
    refreshCredit: () => refreshCredit(),
    queued(jobIds) {
      // The jobs are committed: announcing them must not turn the submission into an error.
      try {
        jobsChanged(jobIds);
      } catch (err) {
        log.warn('could not announce the queued jobs', err);
      }
      emitQueueState();
      dispatcher.kick();
    },
  };
  let running = false;
  let credit: CreditInfo | undefined;
  let lastQueueState = '';
  let sweepTimer: ReturnType<typeof setInterval> | undefined;
  let lastClient: unknown;
  // Requests not tied to a job (credit reads) end with the outbox: stop() aborts and awaits them.
  let life = new AbortController();
  const pending = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    pending.add(p);
    void p.finally(() => pending.delete(p)).catch(() => undefined);
    return p;
  };

  const dispatcher = createDispatcher(ctx, {
    onSubmitted: () => poller.wake(),
    onUncertain: () => poller.wake(),
    onStateChange: emitQueueState,
  });
  const poller = createReportPoller(ctx, {
    active: () => dispatcher.active(),
    onSettled: () => dispatcher.kick(),
    refreshCredit: () => refreshCredit(),
  });
  const lease = createEngineLease(ctx, owner, (leader) => {
    const on = leader && running;
    dispatcher.setEnabled(on);
    poller.setEnabled(on);
    if (on) {
      log.info('this process now sends faxes for this data folder');
      void poller.pollNow();
      startSweeps();
    } else stopSweeps();
    emitQueueState();
  });
  const watch = createDbWatch(
    ctx,
    (jobs) => {
      for (const j of jobs) events.emit('job-changed', j);
      emitBroadcasts(jobs);
      if (lease.isLeader()) {
        dispatcher.kick();
        poller.wake();
      }
    },
    () => {
      const client = ctx.getAccount()?.client;
      if (client !== lastClient) {
        lastClient = client;
        if (client && lease.isLeader()) {
          dispatcher.kick();
          void poller.pollNow();
        }
        emitQueueState();
      }
    },
  );

  function jobsChanged(ids: readonly number[]): void {
    if (!ids.length) return;
    const views = getJobViews(ctx.db, [...new Set(ids)]);
    for (const v of views) events.emit('job-changed', v);
    emitBroadcasts(views);
  }

  function emitBroadcasts(views: readonly JobView[]): void {
    const ids = new Set(views.map((v) => v.broadcastId).filter((b): b is number => b !== null));
    for (const id of ids) events.emit('broadcast-progress', broadcastProgress(ctx.db, id));
  }

  function queueState(): QueueState {
    return {
      leader: lease.isLeader(),
      running,
      paused: dispatcher.paused(),
      noAccount: !ctx.getAccount(),
      uploading: dispatcher.active().size,
      queued: countJobsInStates(ctx.db, ['queued']),
    };
  }

  /** Announces the queue state when it changed. Called from timers: never throws. */
  function emitQueueState(): void {
    try {
      const text = JSON.stringify(queueState());
      if (text === lastQueueState) return;
      lastQueueState = text;
      events.emit('queue-state', JSON.parse(text) as QueueState);
    } catch (err) {
      log.warn('could not read the queue state', err);
    }
  }

  function startSweeps(): void {
    const sweep = () => void sweepSpool(ctx, deps.fs ?? nodeSpoolFs).catch((err) => log.warn('spool sweep failed', err));
    sweep();
    if (!sweepTimer) sweepTimer = setInterval(sweep, ctx.timing.sweepEveryMs);
  }

  function stopSweeps(): void {
    if (sweepTimer) clearInterval(sweepTimer);
    sweepTimer = undefined;
  }

  async function refreshCredit(): Promise<OutboxResult<number>> {
    const account = ctx.getAccount();
    if (!account) return { ok: false, error: noAccountError() };
    const r = await track(account.client.getCredit(life.signal));
    if (!r.ok) {
      return {
        ok: false,
        error: { kind: r.error.kind === 'auth' ? 'auth' : 'no-credit', message: r.error.message, action: r.error.action },
      };
    }
    const key = accountKey(account);
    const at = ctx.now();
    try {
      saveCredit(ctx.db, key, r.value, at);
    } catch (err) {
      log.warn('could not store the credit', err);
    }
    const changed = !credit || credit.credit !== r.value || credit.accountKey !== key;
    credit = { accountKey: key, credit: r.value, at };
    if (changed) events.emit('credit-changed', credit);
    return { ok: true, value: r.value };
  }

  const outbox: Outbox = {
    submit: (input) => enqueue(ctx, enqueueDeps, input),
    createBroadcast: (input) => enqueue(ctx, enqueueDeps, input),
    queuePersonal: (input) => queuePersonalJob(ctx, enqueueDeps, input),
    checkCredit: (pages) => creditCheck(ctx, enqueueDeps, pages),
    findDuplicates: (contentKey, numbers) => findDuplicates(ctx, contentKey, numbers),
    broadcastChanged(id) {
      try {
        events.emit('broadcast-progress', broadcastProgress(ctx.db, id));
      } catch (err) {
        log.warn('could not announce the broadcast', err);
      }
    },
    cancel(id) {
      const r = cancelJob(ctx, id);
      // A canceled hold frees the look-alikes queued behind it.
      if (r.ok) dispatcher.kick();
      return r;
    },
    cancelBroadcast(id) {
      const r = cancelBroadcastJobs(ctx, id);
      // A merge's broadcast may have had no job to cancel yet: its merge's rows were.
      if (r.ok) outbox.broadcastChanged(id);
      return r;
    },
    async resend(id, opts) {
      const r = await resendJob(ctx, enqueueDeps, id, opts);
      if (r.ok) dispatcher.kick();
      return r;
    },
    resendMany(ids, opts) {
      const r = resendJobs(ctx, ids, opts);
      if (r.ok) dispatcher.kick();
      return r;
    },
    retry(id, opts) {
      const r = retryJob(ctx, id, opts?.acceptDuplicateRisk);
      if (r.ok) dispatcher.kick();
      return r;
    },
    resume() {
      dispatcher.resume();
      // The account may have changed: the jobs queued in it can go now.
      dispatcher.kick();
    },
    holdUploads: (held) => dispatcher.hold(held),
    accountInUse: () => queueAccountKey(ctx),
    pollNow: () => poller.pollNow(),
    refreshCredit,
    async start() {
      if (running) return;
      running = true;
      life = new AbortController();
      const account = ctx.getAccount();
      lastClient = account?.client;
      if (account) {
        const st = getAccountState(ctx.db, accountKey(account));
        if (st.credit !== null && st.creditAt !== null) credit = { accountKey: st.accountKey, credit: st.credit, at: st.creditAt };
      }
      lease.tick();
      lease.start();
      watch.start();
      emitQueueState();
      if (account) void refreshCredit().catch(() => undefined);
    },
    async stop() {
      if (!running) return;
      running = false;
      dispatcher.setEnabled(false);
      await dispatcher.drain(ctx.timing.stopGraceMs);
      await poller.stop();
      if (pending.size) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([
          Promise.allSettled([...pending]),
          new Promise((r) => {
            timer = setTimeout(r, ctx.timing.stopGraceMs);
          }),
        ]);
        clearTimeout(timer);
      }
      life.abort();
      await Promise.allSettled([...pending]);
      watch.stop();
      stopSweeps();
      lease.stop();
      emitQueueState();
    },
    on: (event, cb) => events.on(event, cb),
    queueState,
    pollerHealth: () => poller.health(),
    lastCredit: () => credit,
    async whenIdle(opts = {}) {
      const deadline = opts.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + opts.timeoutMs;
      const settled = [...FINAL_JOB_STATES, 'needs-attention'];
      for (;;) {
        const open =
          get<{ n: number }>(
            ctx.db,
            `SELECT count(*) AS n FROM jobs WHERE state NOT IN (SELECT value FROM json_each(:settled))
             AND (:ids IS NULL OR id IN (SELECT value FROM json_each(:ids)))`,
            { settled: JSON.stringify(settled), ids: opts.jobIds?.length ? JSON.stringify(opts.jobIds) : null },
          )?.n ?? 0;
        if (open === 0) return true;
        if (Date.now() >= deadline) return false;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
  return outbox;
}

function noAccountError(): OutboxError {
  return {
    kind: 'auth',
    message: 'No Openfax account is set up.',
    action: 'Enter the account ID and API key in Settings → Account (or use the sandbox).',
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
