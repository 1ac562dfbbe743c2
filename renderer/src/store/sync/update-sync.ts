// Events of in-app updates → store actions. Returns a disposer.

import { subscribe } from '../../ipc/api.ts';
import { useStore } from '../index.ts';

export function startUpdateSync(): () => void {
  return subscribe('updateChanged', (view) => useStore.getState().setUpdate(view));
}
