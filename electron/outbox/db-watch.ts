// Notices writes by other processes sharing the database (the CLI while the app runs, or
// the other way round) through PRAGMA data_version, which changes only when another
// connection commits. Our own changes are announced where they are made.

import type { JobView } from '../store/jobs-repo.ts';
import { listJobsChangedSince } from '../store/jobs-repo.ts';
import { get } from '../store/sql.ts';
import type { EngineContext } from './context.ts';

export interface DbWatch {
  start(): void;
  stop(): void;
}

// Two processes' clocks and commit order may disagree by a little: look back this far.
const LOOKBACK_MS = 5_000;

export function createDbWatch(ctx: EngineContext, onForeignChange: (jobs: JobView[]) => void, onTick: () => void): DbWatch {
  let timer: ReturnType<typeof setInterval> | undefined;
  let version = -1;
  let since = ctx.now();
  const seen = new Map<number, number>();

  function check(): void {
    try {
      const v = get<{ data_version: number }>(ctx.db, 'PRAGMA data_version')?.data_version ?? 0;
      if (v !== version) {
        const first = version === -1;
        version = v;
        if (!first) {
          const from = since - LOOKBACK_MS;
          const fresh = listJobsChangedSince(ctx.db, from).filter((j) => seen.get(j.id) !== j.updatedAt);
          for (const j of fresh) {
            seen.set(j.id, j.updatedAt);
            if (j.updatedAt > since) since = j.updatedAt;
          }
          for (const [id, at] of seen) if (at < from) seen.delete(id);
          onForeignChange(fresh);
        }
      }
      onTick();
    } catch (err) {
      ctx.log.warn('database watch failed', err);
    }
  }

  return {
    start() {
      if (timer) return;
      version = -1;
      check();
      timer = setInterval(check, ctx.timing.dbWatchMs);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
