// Events of transmission reports → store actions. Returns a disposer.

import { subscribe } from '../../ipc/api.ts';
import { useStore } from '../index.ts';

export function startReportSync(): () => void {
  return subscribe('reportProgress', (payload) => useStore.getState().applyReportProgress(payload));
}
