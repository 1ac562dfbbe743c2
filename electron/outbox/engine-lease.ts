// Keeps (or waits for) the engine lease: one process per data folder uploads and polls.
// Checked every heartbeat; a lease lost (another process took over a stale one) turns this
// process into a watcher at once.

import { hostname } from 'node:os';
import { getLease, releaseLease, renewLease, tryAcquireLease } from '../store/lease-repo.ts';
import type { EngineContext } from './context.ts';

export interface EngineLease {
  /** Tries to take the lease now; calls onChange when leadership flips. */
  tick(): boolean;
  start(): void;
  stop(): void;
  isLeader(): boolean;
}

export function createEngineLease(ctx: EngineContext, owner: string, onChange: (leader: boolean) => void): EngineLease {
  let leader = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  const host = hostname();

  function tick(): boolean {
    const now = ctx.now();
    let next: boolean;
    try {
      next = leader
        ? renewLease(ctx.db, owner, now)
        : tryAcquireLease(ctx.db, { owner, pid: process.pid, host, heartbeatAt: now, staleAfterMs: ctx.timing.leaseStaleMs, isAlive });
    } catch (err) {
      // A busy database (another writer) is not a lost lease; try again next beat.
      ctx.log.warn('lease check failed', err);
      return leader;
    }
    if (next !== leader) {
      leader = next;
      try {
        if (!leader) ctx.log.warn(`another process took over sending (lease now held by ${getLease(ctx.db)?.owner ?? 'nobody'})`);
        onChange(leader);
      } catch (err) {
        ctx.log.error('switching between sending and watching failed', err);
      }
    }
    return leader;
  }

  return {
    tick,
    start() {
      if (!timer) timer = setInterval(tick, ctx.timing.leaseHeartbeatMs);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      if (leader) {
        try {
          releaseLease(ctx.db, owner);
        } catch (err) {
          ctx.log.warn('could not release the lease', err);
        }
        leader = false;
        onChange(false);
      }
    },
    isLeader: () => leader,
  };
}

/** Whether process `pid` of this computer still runs (EPERM: it does, as another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}
