// Events of the account feature → store actions. Returns a disposer. Loads the account,
// connection, hot folder and settings once at start (the top bar and sidebar show them).

import { subscribe } from '../../ipc/api.ts';
import { useStore } from '../index.ts';

export function startAccountSync(): () => void {
  const offs = [
    subscribe('accountChanged', (a) => useStore.getState().setAccount(a)),
    subscribe('connectionChanged', (c) => useStore.getState().setConnection(c)),
    subscribe('settingsChanged', (s) => useStore.getState().setSettings(s)),
    subscribe('hotFolderChanged', (h) => useStore.getState().setHotFolder(h)),
  ];
  void useStore.getState().loadAccountState();
  return () => {
    for (const off of offs) off();
  };
}
