// Events of the account feature → store actions. Returns a disposer. Loads the account,
// connection, hot folder and settings once at start (the top bar and sidebar show them).

import { subscribe } from '../../ipc/api.ts';
import { useStore } from '../index.ts';

export function startAccountSync(): () => void {
  const offs = [
    subscribe('accountChanged', (a) => {
      useStore.getState().setAccount(a);
      // A new account or mode is shown as unconfirmed until a call answers: make that call.
      void useStore.getState().checkAccountIfUnknown();
    }),
    subscribe('connectionChanged', (c) => useStore.getState().setConnection(c)),
    subscribe('settingsChanged', (s) => useStore.getState().setSettings(s)),
    subscribe('hotFolderChanged', (h) => useStore.getState().setHotFolder(h)),
  ];
  void useStore
    .getState()
    .loadAccountState()
    .then(() => useStore.getState().checkAccountIfUnknown());
  return () => {
    for (const off of offs) off();
  };
}
