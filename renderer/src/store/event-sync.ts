// Turns events pushed from main into store actions. Started once by the app; returns a disposer.

import { subscribe } from '../ipc/api.ts';
import { useStore } from './index.ts';

export function startEventSync(): () => void {
  const offs = [
    subscribe('navigate', ({ screen }) => useStore.getState().navigate(screen)),
    subscribe('notice', (notice) => useStore.getState().pushToast(notice)),
  ];
  return () => {
    for (const off of offs) off();
  };
}
