// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { startEventSync } from '../../../renderer/src/store/event-sync.ts';
import { account, jobRow, settings, summary } from '../fixtures.ts';
import { fakeMain, useStore } from '../harness.ts';

describe('event sync', () => {
  it("turns main's events into store actions until it is stopped", async () => {
    fakeMain.answer('getAccount', () => account());
    fakeMain.answer('getConnection', () => ({ state: 'ok', message: null, since: null, nextTryAt: null }));
    fakeMain.answer('getHotFolder', () => ({ status: 'watching', folder: '/f', folderName: 'f', detail: null }));
    fakeMain.answer('getSettings', () => settings());
    fakeMain.answer('getOutboxSummary', () => summary({ inFlight: 2 }));
    const stop = startEventSync();
    // At start it loads what the top bar and the sidebar show.
    await expect.poll(() => useStore.getState().outboxSummary?.inFlight).toBe(2);
    await expect.poll(() => useStore.getState().account?.mode).toBe('sandbox');

    fakeMain.emit('navigate', { screen: 'outbox' });
    fakeMain.emit('notice', { level: 'info', title: 'Printed', message: 'A document arrived.' });
    fakeMain.emit('accountChanged', account({ credit: 3 }));
    fakeMain.emit('jobsChanged', { jobs: [jobRow(9)], broadcasts: [], summary: summary({ inFlight: 0 }) });
    let s = useStore.getState();
    expect(s.screen).toBe('outbox');
    expect(s.toasts.map((t) => t.title)).toEqual(['Printed']);
    expect(s.account?.credit).toBe(3);
    expect(s.outboxSummary?.inFlight).toBe(0);
    // The desktop app's menu bar runs the same command as the key.
    fakeMain.emit('runShortcut', { id: 'goContacts' });
    expect(useStore.getState().screen).toBe('contacts');
    fakeMain.emit('runShortcut', { id: 'goOutbox' });
    expect(useStore.getState().screen).toBe('outbox');

    stop();
    fakeMain.emit('navigate', { screen: 'settings' });
    fakeMain.emit('accountChanged', account({ credit: 99 }));
    s = useStore.getState();
    expect(s.screen).toBe('outbox');
    expect(s.account?.credit).toBe(3);
  });
});
