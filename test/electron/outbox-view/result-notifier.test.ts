import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IN_FLIGHT_JOB_STATES } from '../../../shared/domain.ts';
import { createHeadlessHost } from '../../../electron/core/host.ts';
import { createLogger } from '../../../electron/core/logger.ts';
import { startJobsFeed } from '../../../electron/outbox-view/jobs-feed.ts';
import { startResultNotifier } from '../../../electron/outbox-view/result-notifier.ts';
import { createEmitter } from '../../../electron/outbox/emitter.ts';
import type { OutboxEvents } from '../../../electron/outbox/types.ts';
import { broadcastProgress } from '../../../electron/store/broadcasts-repo.ts';
import { countJobsInStates, getJobView, updateJob } from '../../../electron/store/jobs-repo.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';
import type { EventPayload } from '../../../shared/ipc/contract.ts';
import { seedBroadcast, seedDocument, seedJob } from './seed-jobs.ts';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-notify-'));
  store = openStore(dir);
});
afterEach(() => {
  vi.useRealTimers();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function setup(enabled = { value: true }) {
  const outbox = createEmitter<OutboxEvents>(createLogger('test'));
  const host = createHeadlessHost('electron');
  const counts: number[] = [];
  const stop = startResultNotifier({
    outbox,
    host,
    notificationsEnabled: () => enabled.value,
    countInFlight: () => countJobsInStates(store.db, IN_FLIGHT_JOB_STATES),
    broadcastProgress: (id) => broadcastProgress(store.db, id),
    onInFlight: (n) => counts.push(n),
    coalesceMs: 5,
  });
  /** Moves a job and emits job-changed the way the engine does. */
  const move = (id: number, patch: Parameters<typeof updateJob>[2]) => {
    updateJob(store.db, id, patch);
    const view = getJobView(store.db, id);
    if (view) outbox.emit('job-changed', view);
  };
  return { outbox, host, counts, stop, move };
}

describe('startResultNotifier', () => {
  it('notifies once per final result, in words with the code, and keeps the badge on the in-flight count', async () => {
    vi.useFakeTimers();
    seedDocument(store.db, 'd', 'Invoice 7.pdf', 2);
    const a = seedJob(store.db, { documentId: 'd', state: 'submitted', toHeader: 'Alice' });
    const b = seedJob(store.db, { documentId: 'd', state: 'submitted', toHeader: 'Bob', number: '12025550102' });
    const { host, counts, stop, move } = setup();
    expect(host.badge).toBe(2);
    move(a, { state: 'delivered', lastStatus: 0, currentState: 8, finalAt: Date.now() });
    move(a, { cost: 0.14 });
    move(b, { state: 'failed', lastStatus: 1, currentState: 9, finalAt: Date.now() });
    // The badge waits out the coalescing window (5 ms here), then moves once for all three changes.
    await vi.advanceTimersByTimeAsync(4);
    expect(counts).toEqual([2]);
    await vi.advanceTimersByTimeAsync(1);
    expect(host.notifications).toEqual([
      { title: 'Fax delivered', body: 'To Alice (+1 202 555 0199): Invoice 7.pdf, 2 pages.' },
      { title: 'Fax failed', body: 'To Bob (+1 202 555 0102): No answer (LastStatus 1).' },
    ]);
    expect(host.badge).toBe(0);
    expect(counts).toEqual([2, 0]);
    stop();
  });

  it('gives a broadcast one notification when its last recipient is final, and honours the setting', async () => {
    seedDocument(store.db, 'd', 'Menu.pdf', 1);
    const { jobIds } = seedBroadcast(store.db, 'd', ['submitted', 'submitted', 'submitted']);
    const enabled = { value: true };
    const { host, stop, move } = setup(enabled);
    move(jobIds[0] as number, { state: 'delivered', lastStatus: 0, finalAt: Date.now() });
    move(jobIds[1] as number, { state: 'failed', lastStatus: 3, finalAt: Date.now() });
    expect(host.notifications).toEqual([]);
    move(jobIds[2] as number, { state: 'delivered', lastStatus: 0, finalAt: Date.now() });
    expect(host.notifications).toEqual([{ title: 'Broadcast finished with failures', body: 'Menu.pdf: 2 delivered, 1 failed of 3.' }]);
    const solo = seedJob(store.db, { documentId: 'd', state: 'submitted' });
    enabled.value = false;
    move(solo, { state: 'delivered', lastStatus: 0, finalAt: Date.now() });
    expect(host.notifications).toHaveLength(1);
    stop();
  });

  it('stays quiet about old results replayed at start-up and about cancels', () => {
    seedDocument(store.db, 'd', 'Old.pdf');
    const old = seedJob(store.db, { documentId: 'd', state: 'delivered', createdAt: Date.now() - 86400_000 });
    const canceled = seedJob(store.db, { documentId: 'd', state: 'queued' });
    const { outbox, host, stop, move } = setup();
    const view = getJobView(store.db, old);
    if (view) outbox.emit('job-changed', { ...view });
    move(canceled, { state: 'canceled', finalAt: Date.now() });
    expect(host.notifications).toEqual([]);
    stop();
  });
});

describe('startJobsFeed', () => {
  it('batches a burst of changes into one jobsChanged with rows, broadcasts and counts', async () => {
    vi.useFakeTimers();
    seedDocument(store.db, 'd', 'Menu.pdf', 1);
    const { broadcastId, jobIds } = seedBroadcast(store.db, 'd', ['submitted', 'submitted']);
    const outbox = createEmitter<OutboxEvents>(createLogger('test'));
    const batches: Array<EventPayload<'jobsChanged'>> = [];
    const stop = startJobsFeed({ db: store.db, outbox, emit: (p) => batches.push(p), coalesceMs: 10 });
    for (const id of jobIds) {
      updateJob(store.db, id, { state: 'delivered', lastStatus: 0, finalAt: Date.now() });
      const v = getJobView(store.db, id);
      if (v) outbox.emit('job-changed', v);
      outbox.emit('broadcast-progress', broadcastProgress(store.db, broadcastId));
    }
    await vi.advanceTimersByTimeAsync(9);
    expect(batches).toEqual([]);
    // One batch when the 10 ms window closes, and none after it.
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(batches).toHaveLength(1);
    const [batch] = batches;
    expect(batch?.jobs.map((j) => [j.id, j.state])).toEqual(jobIds.map((id) => [id, 'delivered']));
    expect(batch?.broadcasts).toHaveLength(1);
    expect(batch?.broadcasts[0]).toMatchObject({
      id: broadcastId,
      counts: { delivered: 2, sent: 2, total: 2 },
      total: 2,
      status: { tone: 'delivered' },
    });
    expect(batch?.summary).toMatchObject({ inFlight: 0, counts: { delivered: 2 } });
    stop();
  });
});
