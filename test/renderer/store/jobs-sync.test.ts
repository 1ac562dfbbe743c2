// @vitest-environment happy-dom
// Sandbox and live history are apart: when the account in use changes side, the Outbox that
// follows it is read again (its rows, counts and badge are the other side's now).
import { describe, expect, it } from 'vitest';
import { startJobsSync } from '../../../renderer/src/store/sync/jobs-sync.ts';
import { account, jobRow, summary } from '../fixtures.ts';
import { fakeMain, useStore } from '../harness.ts';

describe('jobs sync', () => {
  it('reads the list and the counts again when the account switches between sandbox and live', async () => {
    let mode: 'sandbox' | 'live' = 'sandbox';
    const sideSummary = () => summary({ mode, inFlight: mode === 'live' ? 0 : 2 });
    fakeMain.answer('getOutboxSummary', sideSummary);
    fakeMain.answer('listOutbox', () => ({
      rows: [jobRow(mode === 'live' ? 2 : 1, { side: mode })],
      hasMore: false,
      summary: sideSummary(),
    }));
    const stop = startJobsSync();
    useStore.getState().setAccount(account({ mode: 'sandbox' }));
    await useStore.getState().loadOutbox();
    await expect.poll(() => useStore.getState().outboxSummary?.inFlight).toBe(2);
    expect(useStore.getState().outboxRows.map((r) => r.id)).toEqual([1]);

    // Another sandbox status (a credit change) is not a switch: nothing is read again.
    const listed = fakeMain.requestsTo('listOutbox').length;
    useStore.getState().setAccount(account({ mode: 'sandbox', credit: 3 }));
    expect(fakeMain.requestsTo('listOutbox')).toHaveLength(listed);

    mode = 'live';
    useStore.getState().setAccount(account({ mode: 'live' }));
    await expect.poll(() => useStore.getState().outboxRows.map((r) => r.id)).toEqual([2]);
    await expect.poll(() => useStore.getState().outboxSummary?.inFlight).toBe(0);
    stop();
  });
});
