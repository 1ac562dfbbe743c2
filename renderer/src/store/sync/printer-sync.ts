// Events of the printer feature → store actions. Returns a disposer.

import { subscribe } from '../../ipc/api.ts';
import { useStore } from '../index.ts';

export function startPrinterSync(): () => void {
  return subscribe('printerStep', (payload) => useStore.getState().applyPrinterStep(payload));
}
