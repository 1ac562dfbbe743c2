// Turns events pushed from main into store actions, one module per feature. Started once
// by the app; returns a disposer. This is the one place the renderer subscribes to main.

import { call, subscribe } from '../ipc/api.ts';
import { runShortcut } from '../keyboard/shortcut-keys.ts';
import { shortcutActions, useStore } from './index.ts';
import { startAccountSync } from './sync/account-sync.ts';
import { startComposeSync } from './sync/compose-sync.ts';
import { startContactsSync } from './sync/contacts-sync.ts';
import { startJobsSync } from './sync/jobs-sync.ts';
import { startMergeSync } from './sync/merge-sync.ts';
import { startPrinterSync } from './sync/printer-sync.ts';
import { startReportSync } from './sync/report-sync.ts';
import { startUpdateSync } from './sync/update-sync.ts';

export function startEventSync(): () => void {
  const offs = [
    subscribe('navigate', ({ screen }) => useStore.getState().navigate(screen)),
    // The desktop app's menu bar: the same command the key runs.
    subscribe('runShortcut', ({ id }) => void runShortcut(id, shortcutActions)),
    subscribe('showGettingStarted', () => useStore.getState().showGettingStarted()),
    subscribe('notice', (notice) => useStore.getState().pushToast(notice)),
    startAccountSync(),
    startComposeSync(),
    startContactsSync(),
    startJobsSync(),
    startMergeSync(),
    startPrinterSync(),
    startReportSync(),
    startUpdateSync(),
  ];
  // Every subscription is in place from here on: main may send events now, starting with what
  // it held while the page loaded.
  void call('rendererReady').catch(() => undefined);
  return () => {
    for (const off of offs) off();
  };
}
