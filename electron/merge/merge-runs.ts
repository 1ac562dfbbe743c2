// Which running merges this process makes the documents of, and the runs themselves: one
// process at a time per merge (owner, pid, host and a heartbeat in its row, like the outbox's
// engine lease). A merge whose owner is gone (on this computer: its pid is dead; on another: its
// heartbeat is stale) is taken over (and the log says from whom): its rows caught rendering go back to pending, and what was queued is
// never made again. A process that finds its merge taken over stops making it.

import { hostname } from 'node:os';
import { isAlive } from '../outbox/engine-lease.ts';
import { claimMerge, getMerge, mergesInState, moveAllRows, releaseMerge, renewMergeOwner } from '../store/merges-repo.ts';
import type { MergeEngine } from './merge-engine.ts';
import { type RunEnd, runMerge } from './merge-pipeline.ts';

const LOST = 'taken over by another process';

export interface MergeRuns {
  /** Takes the merge (if free) and makes its documents; false: another process runs it. */
  launch(mergeId: string): boolean;
  /** Stops this process's run of the merge at once (a cancel): the converter is aborted. */
  abort(mergeId: string): void;
  isRunning(mergeId: string): boolean;
  /** Takes up every running merge whose owner is gone (at start, and every heartbeat). */
  adoptOrphans(): void;
  idle(): Promise<void>;
  /** Stops every run; rows caught rendering go back to pending, and the merges stay running for the next start. */
  dispose(): Promise<void>;
}

export function createMergeRuns(engine: MergeEngine, opts: { instanceId: string; adoptOrphans: boolean }): MergeRuns {
  const me = { owner: opts.instanceId, pid: process.pid, host: hostname() };
  const runs = new Map<string, { abort: AbortController; done: Promise<void> }>();
  let disposed = false;

  function claim(mergeId: string): boolean {
    const now = engine.now();
    const r = claimMerge(engine.db, mergeId, { ...me, heartbeatAt: now, staleAfterMs: engine.timing.staleMs, isAlive });
    if (r.ok && r.from) {
      const ago = Math.round((now - r.from.heartbeatAt) / 1000);
      const where = r.from.host === me.host ? 'this computer' : r.from.host;
      engine.log.warn(
        `taking over merge ${mergeId} from process ${r.from.pid} on ${where} (${r.from.host === me.host ? 'it is gone' : `its last heartbeat was ${ago} s ago`})`,
      );
    }
    return r.ok;
  }

  function launch(mergeId: string): boolean {
    if (disposed) return false;
    if (runs.has(mergeId)) return true;
    if (!claim(mergeId)) return false;
    // Rows another life left rendering: their work files are gone with its folder; made again.
    const back = moveAllRows(engine.db, mergeId, 'pending', ['rendering']);
    if (back.length) engine.log.info(`merge ${mergeId}: ${back.length} row(s) caught rendering are made again`);
    const abort = new AbortController();
    let end: RunEnd | undefined;
    const done = runMerge(engine, mergeId, abort.signal, me.owner)
      .then((e) => {
        end = e;
        engine.log.info(`merge ${mergeId}: run ended (${e})`);
      })
      .catch((err) => engine.log.error(`merge ${mergeId}: the run stopped`, err))
      .finally(() => {
        runs.delete(mergeId);
        // Stopped by a quit: the rows in hand are made again at the next start. Taken over: they are the new owner's now.
        if (abort.signal.aborted && abort.signal.reason !== LOST) moveAllRows(engine.db, mergeId, 'pending', ['rendering']);
        try {
          releaseMerge(engine.db, mergeId, me.owner);
        } catch (err) {
          engine.log.warn('could not release the merge', err);
        }
        engine.changed(mergeId);
        // Resumed while this run was ending (it saw the pause and was cleaning up): launch saw
        // this run and did not start another, so nothing would make the rest. Only after a
        // pause: a run that failed would fail again at once.
        if (end === 'paused' && !disposed && !abort.signal.aborted && !runs.has(mergeId)) {
          try {
            if (getMerge(engine.db, mergeId)?.state === 'running') launch(mergeId);
          } catch (err) {
            engine.log.warn('could not take up the resumed merge', err);
          }
        }
      });
    runs.set(mergeId, { abort, done });
    return true;
  }

  function adoptOrphans(): void {
    if (!opts.adoptOrphans || disposed) return;
    for (const m of mergesInState(engine.db, 'running')) if (!runs.has(m.id)) launch(m.id);
  }

  function beat(): void {
    try {
      const owned = new Set(renewMergeOwner(engine.db, me.owner, engine.now()));
      for (const [id, r] of runs) {
        if (owned.has(id)) continue;
        engine.log.warn(`merge ${id} was taken over by another process: this one stops making it`);
        r.abort.abort(LOST);
      }
      adoptOrphans();
    } catch (err) {
      // A busy database is not a lost merge: the next beat tries again.
      engine.log.warn('merge heartbeat failed', err);
    }
  }
  const timer = setInterval(beat, engine.timing.heartbeatMs);
  timer.unref?.();

  return {
    launch,
    abort(mergeId) {
      runs.get(mergeId)?.abort.abort();
    },
    isRunning: (id) => runs.has(id),
    adoptOrphans,
    async idle() {
      while (runs.size) await Promise.allSettled([...runs.values()].map((r) => r.done));
    },
    async dispose() {
      disposed = true;
      clearInterval(timer);
      for (const r of runs.values()) r.abort.abort();
      await Promise.allSettled([...runs.values()].map((r) => r.done));
    },
  };
}
