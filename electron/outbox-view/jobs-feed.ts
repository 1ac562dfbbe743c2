// Outbox changes → the renderer's `jobsChanged` event. Changes are coalesced into one batch per
// interval (a broadcast of 500 moves many jobs at once), each job as its latest row, each
// touched broadcast recomputed once, with fresh counts for the filters and the badge.

import type { EventPayload } from '../../shared/ipc/contract.ts';
import type { JobRow } from '../../shared/ipc/contract/jobs.ts';
import type { JobSide } from '../../shared/outbox-filters.ts';
import type { OutboxEvents } from '../outbox/types.ts';
import type { Db } from '../store/sql.ts';
import { broadcastRows, jobRows, outboxSummary } from './outbox-query.ts';

export interface JobsFeedDeps {
  db: Db;
  outbox: {
    on(event: 'job-changed', cb: (job: OutboxEvents['job-changed']) => void): () => void;
    on(event: 'broadcast-progress', cb: (p: OutboxEvents['broadcast-progress']) => void): () => void;
  };
  emit: (payload: EventPayload<'jobsChanged'>) => void;
  /** The side of the account in use (its counts and badge); default sandbox. */
  mode?: () => JobSide;
  /** The key of the account in use (Outbox.accountInUse): a job queued in another says it waits for it. */
  inUse?: () => string | null;
  /** Default 150 ms: quick enough to feel live, slow enough to batch a burst. */
  coalesceMs?: number;
}

/** Starts forwarding; returns the disposer (a pending batch is dropped). */
export function startJobsFeed(deps: JobsFeedDeps): () => void {
  const jobs = new Map<number, JobRow>();
  const broadcasts = new Set<number>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    timer = undefined;
    const batchJobs = [...jobs.values()];
    const batchBroadcasts = [...broadcasts];
    jobs.clear();
    broadcasts.clear();
    deps.emit({
      jobs: batchJobs,
      broadcasts: broadcastRows(deps.db, batchBroadcasts),
      summary: outboxSummary(deps.db, deps.mode?.() ?? 'sandbox'),
    });
  };
  const schedule = () => {
    if (timer) return;
    timer = setTimeout(flush, deps.coalesceMs ?? 150);
    timer.unref?.();
  };

  const offJob = deps.outbox.on('job-changed', (job) => {
    const [row] = jobRows(deps.db, [job], deps.inUse?.() ?? undefined);
    if (row) jobs.set(job.id, row);
    if (job.broadcastId != null) broadcasts.add(job.broadcastId);
    schedule();
  });
  const offBroadcast = deps.outbox.on('broadcast-progress', (p) => {
    broadcasts.add(p.broadcastId);
    schedule();
  });
  return () => {
    offJob();
    offBroadcast();
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
}
