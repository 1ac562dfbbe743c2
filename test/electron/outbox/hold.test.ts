// The outbox's hold, which an update's install puts on it: no new upload starts while held (the
// jobs stay queued, nothing reaches Openfax), an upload already going finishes and its end is
// announced (also by a process that lost the lease meanwhile), and lifting the hold sends what
// waited.

import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { QueueState } from '../../../electron/outbox/types.ts';
import { getJob } from '../../../electron/store/jobs-repo.ts';
import { run } from '../../../electron/store/sql.ts';
import { type Harness, startHarness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SUBMIT = '/faxSendSubmit.php';

async function submit(harness: Harness, name: string): Promise<number> {
  const r = await harness.outbox.submit({ pdfPath: await harness.writePdf(name), to: { number: '212 555 0100' } });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.jobIds[0] as number;
}

describe('holding uploads', () => {
  it('starts no upload while held, and sends the queued job once the hold is lifted', async () => {
    h = await startHarness();
    h.outbox.holdUploads(true);
    const id = await submit(h, 'held.pdf');
    // The submission kicks the queue at once; another look once the report has been polled.
    await h.outbox.pollNow();
    expect(getJob(h.store.db, id)?.state).toBe('queued');
    expect(h.requests.get(SUBMIT) ?? 0).toBe(0);
    expect(h.outbox.queueState()).toMatchObject({ uploading: 0, queued: 1, paused: null });
    h.outbox.holdUploads(false);
    expect(await h.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    expect(getJob(h.store.db, id)?.state).toBe('delivered');
    expect(h.requests.get(SUBMIT)).toBe(1);
  });

  it('lets an upload in progress finish, announces it, and holds the one queued after it', async () => {
    // Each upload takes a while at the sandbox: long enough to hold the queue during one.
    const harness = await startHarness({ faults: { rate: 1, kinds: ['latency'], latencyMs: 300, paths: [SUBMIT] } });
    h = harness;
    const states: QueueState[] = [];
    h.outbox.on('queue-state', (q) => states.push(q));
    const first = await submit(h, 'first.pdf');
    expect(h.outbox.queueState().uploading).toBe(1);
    h.outbox.holdUploads(true);
    const second = await submit(h, 'second.pdf');
    await expect.poll(() => getJob(harness.store.db, first)?.state, { timeout: 10_000 }).not.toBe('submitting');
    // The end of the upload was announced while held: whoever waits for it hears it.
    await expect.poll(() => states.at(-1)?.uploading, { timeout: 5_000 }).toBe(0);
    expect(getJob(h.store.db, second)?.state).toBe('queued');
    expect(h.requests.get(SUBMIT)).toBe(1);
    h.outbox.holdUploads(false);
    expect(await h.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    expect(getJob(h.store.db, second)?.state).toBe('delivered');
  });

  it('announces the end of an upload when this process lost the lease during it (nothing kicks the queue then)', async () => {
    const harness = await startHarness({ faults: { rate: 1, kinds: ['latency'], latencyMs: 1_500, paths: [SUBMIT] } });
    h = harness;
    const states: QueueState[] = [];
    h.outbox.on('queue-state', (q) => states.push(q));
    const id = await submit(h, 'lease.pdf');
    expect(h.outbox.queueState()).toMatchObject({ leader: true, uploading: 1 });
    // Another live process takes the lease over mid-upload: at the next heartbeat this one stops sending.
    run(harness.store.db, 'UPDATE engine_lease SET owner = :owner, pid = :pid, host = :host, heartbeat_at = :at WHERE id = 1', {
      owner: 'another process',
      pid: process.pid,
      host: hostname(),
      at: Date.now() + 3_600_000,
    });
    await expect.poll(() => states.at(-1)?.leader, { timeout: 5_000 }).toBe(false);
    expect(states.at(-1)?.uploading).toBe(1);
    // The upload still ends; whoever waits on the count (an update's restart) hears it fall to 0.
    await expect.poll(() => getJob(harness.store.db, id)?.state, { timeout: 10_000 }).not.toBe('submitting');
    await expect.poll(() => states.at(-1)?.uploading, { timeout: 5_000 }).toBe(0);
  });
});
