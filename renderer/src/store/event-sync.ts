// Turns events pushed from main into store actions, one module per feature. Started once
// by the app; returns a disposer.

import { subscribe } from '../ipc/api.ts';
import { useStore } from './index.ts';
import { startAccountSync } from './sync/account-sync.ts';
import { startComposeSync } from './sync/compose-sync.ts';
import { startContactsSync } from './sync/contacts-sync.ts';
import { startJobsSync } from './sync/jobs-sync.ts';

export function startEventSync(): () => void {
  const offs = [
    subscribe('navigate', ({ screen }) => useStore.getState().navigate(screen)),
    subscribe('notice', (notice) => useStore.getState().pushToast(notice)),
    startAccountSync(),
    startComposeSync(),
    startContactsSync(),
    startJobsSync(),
  ];
  return () => {
    for (const off of offs) off();
  };
}
