// Reads the vendor report incrementally while anything is in flight, and not at all when
// idle. Each page is applied in one transaction with the cursor; after a full read the
// reconciler settles uncertain uploads. Errors back off exponentially.

import type { OpenfaxError } from '../openfax/client.ts';
import { getAccountState } from '../store/account-state-repo.ts';
import { getSetting } from '../store/settings-repo.ts';
import { get } from '../store/sql.ts';
import { backoffMs } from './backoff.ts';
import { accountKey, type EngineContext } from './context.ts';
import { LOOK_ALIKE_CODE } from './look-alike.ts';
import { applyReportRows } from './report-apply.ts';
import { holdUncertain, reconcile } from './reconcile.ts';
import type { PollerHealth } from './types.ts';

const REPORT_PAGE = 1000;
const DAY_MS = 86_400_000;

export interface PollerHooks {
  active: () => ReadonlySet<number>;
  /** Uncertain jobs were settled: requeued ones can go, and look-alikes waiting behind them too. */
  onSettled: () => void;
  refreshCredit: () => Promise<unknown>;
}

export interface ReportPoller {
  setEnabled(on: boolean): void;
  /** Makes sure a poll happens within `delayMs` (default: the poll interval) if anything is in flight. */
  wake(delayMs?: number): void;
  pollNow(): Promise<void>;
  health(): PollerHealth;
  /** Cancels the timer and waits for a poll in progress. */
  stop(): Promise<void>;
}

// Faxes of this account still moving: submitted, or uploads whose outcome is unknown. Jobs of
// another account (the user switched) cannot be followed with this one and do not keep us
// polling, nor do look-alikes held for a person: no report will ever settle those.
const IN_FLIGHT_SQL = `FROM jobs WHERE account_key = :key AND (state IN ('submitted', 'submitting')
  OR (state = 'needs-attention' AND error_kind = 'unknown-outcome' AND coalesce(error_code, '') <> :lookAlike))`;

export function createReportPoller(ctx: EngineContext, hooks: PollerHooks): ReportPoller {
  const { db, log } = ctx;
  let enabled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = 0;
  let current: Promise<void> | undefined;
  let health: PollerHealth = { state: 'idle', lastSuccessAt: null, lastError: null, consecutiveFailures: 0, nextPollAt: null };

  const interval = (): number => {
    if (ctx.timing.pollIntervalMs !== undefined) return ctx.timing.pollIntervalMs;
    try {
      return getSetting(db, 'pollIntervalSeconds') * 1000;
    } catch {
      return 15_000;
    }
  };

  function setHealth(patch: Partial<PollerHealth>): void {
    const next = { ...health, ...patch };
    const changed = (Object.keys(next) as Array<keyof PollerHealth>).some((k) => next[k] !== health[k]);
    health = next;
    if (changed) ctx.events.emit('poller-health', health);
  }

  function inFlight(): { count: number; oldest: number | null } {
    const account = ctx.getAccount();
    if (!account) return { count: 0, oldest: null };
    const r = get<{ n: number; oldest: number | null }>(db, `SELECT count(*) AS n, min(created_at) AS oldest ${IN_FLIGHT_SQL}`, {
      key: accountKey(account),
      lookAlike: LOOK_ALIKE_CODE,
    });
    return { count: r?.n ?? 0, oldest: r?.oldest ?? null };
  }

  function schedule(delayMs: number): void {
    if (!enabled) return;
    const at = ctx.now() + Math.max(0, delayMs);
    if (timer && timerAt <= at) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(
      () => {
        timer = undefined;
        void pollNow();
      },
      Math.max(0, delayMs),
    );
    setHealth({ nextPollAt: at });
  }

  function pollNow(): Promise<void> {
    if (!enabled) return Promise.resolve();
    if (current) return current;
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    current = cycle()
      .catch((err) => {
        log.error('report poll failed unexpectedly', err);
        failed(err instanceof Error ? err.message : String(err), false);
      })
      .finally(() => {
        current = undefined;
      });
    return current;
  }

  async function cycle(): Promise<void> {
    const account = ctx.getAccount();
    if (!account) {
      setHealth({ state: 'no-account', nextPollAt: null });
      return;
    }
    const key = accountKey(account);
    const flight = inFlight();
    if (flight.count === 0) {
      setHealth({ state: 'idle', nextPollAt: null });
      return;
    }
    const startedAt = ctx.now();
    const fromDate = isoDate((flight.oldest ?? startedAt) - DAY_MS);
    const toDate = isoDate(startedAt + DAY_MS);
    let cursor = readFrom(key, getAccountState(db, key).lastHistoryId);
    let rows = 0;
    for (;;) {
      const page = await account.client.getReportPage({ fromDate, toDate, detail: true, lastHistoryId: cursor, limit: REPORT_PAGE });
      if (!enabled) return;
      if (!page.ok) return failed(page.error.message, page.error.kind === 'auth', page.error);
      const applied = applyReportRows(db, key, page.value, ctx.now());
      rows += applied.rows;
      ctx.jobsChanged(applied.changedJobIds);
      if (page.value.length < REPORT_PAGE) break;
      // A full page that does not move forward would loop for ever.
      if (applied.maxHistoryId <= cursor) break;
      cursor = applied.maxHistoryId;
    }
    const r = reconcile(db, {
      accountKey: key,
      active: hooks.active(),
      reportReadAt: startedAt,
      graceMs: ctx.timing.reconcileGraceMs,
      maxTries: ctx.timing.maxSubmitTries,
      now: ctx.now(),
    });
    const settled = [...r.adopted, ...r.requeued, ...r.exhausted, ...r.held];
    if (settled.length) {
      log.info(
        `reconciled uploads: ${r.adopted.length} found in the report, ${r.requeued.length} sent again, ${r.exhausted.length} need attention, ` +
          `${r.held.length} held (the report cannot tell them from a look-alike)`,
      );
      ctx.jobsChanged(settled);
      hooks.onSettled();
    }
    setHealth({ state: 'ok', lastSuccessAt: ctx.now(), lastError: null, consecutiveFailures: 0 });
    if (rows > 0) await hooks.refreshCredit().catch((err) => log.warn('credit refresh failed', err));
    next();
  }

  /**
   * Where this read starts. The vendor updates a row in place while its fax is in flight,
   * so reading only past the cursor would never show a final state: start just below the
   * latest row of the oldest fax still in flight (or where an uncertain upload began).
   */
  function readFrom(key: string, cursor: number): number {
    const r = get<{ h: number | null }>(
      db,
      `SELECT min(h) AS h FROM (
         SELECT coalesce(last_history_id - 1, cursor_at_submit) AS h FROM jobs WHERE state = 'submitted' AND account_key = :key
         UNION ALL
         SELECT cursor_at_submit FROM jobs WHERE account_key = :key
           AND (state = 'submitting' OR (state = 'needs-attention' AND error_kind = 'unknown-outcome'
             AND coalesce(error_code, '') <> :lookAlike)))`,
      { key, lookAlike: LOOK_ALIKE_CODE },
    );
    return r?.h != null ? Math.min(cursor, Math.max(0, r.h)) : cursor;
  }

  function failed(message: string, hold: boolean, e?: OpenfaxError): void {
    const failures = health.consecutiveFailures + 1;
    setHealth({ state: 'error', lastError: message, consecutiveFailures: failures });
    log.warn(`report read failed (${failures} in a row): ${e?.kind ?? ''} ${message}`);
    if (hold || failures >= ctx.timing.attentionAfterPollFailures) {
      try {
        const held = holdUncertain(db, hooks.active(), message, ctx.now());
        ctx.jobsChanged(held);
      } catch (err) {
        log.error('could not mark uncertain jobs', err);
      }
    }
    schedule(backoffMs(failures + 1, interval(), Math.max(interval(), ctx.timing.pollMaxBackoffMs), ctx.random));
  }

  function next(): void {
    if (inFlight().count > 0) schedule(interval());
    else setHealth({ state: 'idle', nextPollAt: null });
  }

  return {
    setEnabled(on) {
      enabled = on;
      if (!on) {
        if (timer) clearTimeout(timer);
        timer = undefined;
        setHealth({ state: 'stopped', nextPollAt: null });
      }
    },
    wake(delayMs) {
      if (!enabled || current) return;
      try {
        if (inFlight().count > 0) schedule(delayMs ?? interval());
      } catch (err) {
        // The database is busy or failing: poll anyway; the cycle reports what it finds.
        log.warn('could not check for faxes in flight', err);
        schedule(delayMs ?? 1_000);
      }
    },
    pollNow,
    health: () => health,
    async stop() {
      enabled = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await current;
      setHealth({ state: 'stopped', nextPollAt: null });
    },
  };
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
