// Registers exactly one ipcMain handler per contract channel, each behind the sender check.

import { type IpcMainInvokeEvent, ipcMain } from 'electron';
import { METHOD_NAMES } from '../../shared/ipc/contract.ts';
import { methodChannel } from '../../shared/ipc/define.ts';
import type { IpcRouter } from '../app/ipc-router.ts';
import { createLogger } from '../core/logger.ts';

const log = createLogger('ipc-main');

export interface IpcWiring {
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
  /** The sending window's renderer listens for events now; answers how many held events it got. */
  rendererReady(event: IpcMainInvokeEvent): number;
}

/** A frame disposed mid-call throws when its URL is read (Electron's WebFrameMain): not ours, then. */
function trusted(wiring: IpcWiring, event: IpcMainInvokeEvent): boolean {
  try {
    return wiring.isTrustedSender(event);
  } catch {
    return false;
  }
}

export function setupIpc(router: IpcRouter, wiring: IpcWiring): () => void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(methodChannel(name), async (event, payload: unknown) => {
      if (!trusted(wiring, event)) {
        log.warn(`refused ${name} from an untrusted frame`);
        return { ok: false, error: { code: 'forbidden-sender', message: 'Request from an unknown window refused.' } };
      }
      return router.dispatch(name, payload, { transport: 'electron', rendererReady: () => wiring.rendererReady(event) });
    });
  }
  return () => {
    for (const name of METHOD_NAMES) ipcMain.removeHandler(methodChannel(name));
  };
}
