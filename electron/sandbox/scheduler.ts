// Drives every fax in flight: one timer per fax, armed for the end of its current state.
// Steps are chained from the scheduled time, not from when a timer happened to fire, so a
// fax resumed after a restart catches up on the states it missed in one go and ends exactly
// as it would have if the sandbox had never stopped. A fax whose image is still being drawn
// (fax-images.ts) stays in rendering until the drawing ends, whatever the clock says; it then
// catches up from its schedule, so a manual clock gives the same states as ever.

import type { Logger } from '../core/logger.ts';
import { type MachineEnv, STATE, step } from './fax-machine.ts';
import type { Store } from './store.ts';
import type { FaxRecord } from './store-records.ts';
import type { Clock } from './types.ts';
import { postWebhook, webhookFields } from './webhook.ts';

export interface Scheduler {
  /** Starts driving a fax (just accepted, or found in flight at start-up). */
  track(fax: FaxRecord): void;
  /** Picks up everything in flight and every postback owed (after a restart). */
  resume(): void;
  settle(): Promise<void>;
  stop(): void;
}

export function createScheduler(deps: {
  store: Store;
  clock: Clock;
  env: MachineEnv;
  webhookUrl?: string;
  log: Logger;
  /** The drawing of a fax's image while it is under way (it never rejects). */
  drawing?: (outTransId: number) => Promise<void> | undefined;
}): Scheduler {
  const { store, clock, env, log } = deps;
  const timers = new Map<number, unknown>();
  // Faxes whose rendering is due but whose image is still being drawn.
  const held = new Set<number>();
  let webhooksInFlight = 0;
  let waiters: Array<() => void> = [];
  let stopped = false;

  const checkSettled = () => {
    if (timers.size > 0 || held.size > 0 || webhooksInFlight > 0) return;
    const w = waiters;
    waiters = [];
    for (const resolve of w) resolve();
  };

  const deliver = (fax: FaxRecord) => {
    const url = deps.webhookUrl;
    if (!url || stopped) return;
    webhooksInFlight++;
    const fields = webhookFields(fax, store.row(fax.rowId));
    postWebhook(url, fields)
      .then((ok) => {
        if (!ok) log.warn('webhook postback not accepted', { outTransId: fax.outTransId });
        if (!stopped) store.updateFax({ ...fax, webhook: 2 });
      })
      .catch((e) => log.warn('webhook postback failed', e))
      .finally(() => {
        webhooksInFlight--;
        checkSettled();
      });
  };

  const run = (outTransId: number) => {
    timers.delete(outTransId);
    if (stopped) return;
    try {
      advance(outTransId);
    } catch (e) {
      // A broken fax must not take the sandbox (or the app embedding it) down; it stays as it was.
      log.error('fax could not advance', e);
    }
    checkSettled();
  };

  const advance = (outTransId: number) => {
    let fax = store.fax(outTransId);
    if (!fax) return;
    const now = clock.now();
    const moved = store.transaction(() => {
      let f = fax as FaxRecord;
      while (!f.final && f.nextAt !== null && f.nextAt <= now) {
        const drawing = f.state === STATE.rendering ? deps.drawing?.(f.outTransId) : undefined;
        if (drawing) return { fax: f, drawing };
        const row = store.row(f.rowId);
        if (!row) throw new Error(`attempt row ${f.rowId} missing for fax ${f.outTransId}`);
        const s = step(f, row, env);
        if (s.charge > 0) store.charge(s.fax.accountId, s.charge);
        store.updateRow(s.row);
        if (s.newRow) {
          s.fax.rowId = store.insertRow(s.fax.outTransId, s.newRow.retryCount, s.newRow.currentState);
          s.fax.rowCount += 1;
        }
        store.updateFax(s.fax);
        f = s.fax;
      }
      return { fax: f, drawing: undefined };
    });
    fax = moved.fax;
    if (moved.drawing) {
      const id = fax.outTransId;
      held.add(id);
      void moved.drawing.then(() => {
        // Stopped meanwhile: the hold was dropped with everything else.
        if (held.delete(id)) run(id);
      });
    } else if (fax.final) {
      if (fax.webhook === 1) deliver(fax);
    } else if (fax.nextAt !== null) {
      const id = fax.outTransId;
      timers.set(
        id,
        clock.setTimeout(() => run(id), Math.max(0, fax.nextAt - now)),
      );
    }
  };

  return {
    track(fax) {
      if (stopped || timers.has(fax.outTransId) || held.has(fax.outTransId)) return;
      run(fax.outTransId);
    },
    resume() {
      for (const fax of store.inFlight()) run(fax.outTransId);
      for (const fax of store.webhooksOwed()) deliver(fax);
    },
    settle() {
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        checkSettled();
      });
    },
    stop() {
      stopped = true;
      for (const t of timers.values()) clock.clearTimeout(t);
      timers.clear();
      held.clear();
      checkSettled();
    },
  };
}
