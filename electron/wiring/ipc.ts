// Registers exactly one ipcMain handler per contract channel, each behind the sender check.

import { type IpcMainInvokeEvent, ipcMain } from 'electron';
import { METHOD_NAMES } from '../../shared/ipc/contract.ts';
import { methodChannel } from '../../shared/ipc/define.ts';
import { createLogger } from '../core/logger.ts';
import type { IpcRouter } from '../app/ipc-router.ts';

const log = createLogger('ipc-main');

export function setupIpc(router: IpcRouter, isTrustedSender: (event: IpcMainInvokeEvent) => boolean): () => void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(methodChannel(name), async (event, payload: unknown) => {
      if (!isTrustedSender(event)) {
        log.warn(`refused ${name} from an untrusted frame`);
        return { ok: false, error: { code: 'forbidden-sender', message: 'Request from an unknown window refused.' } };
      }
      return router.dispatch(name, payload, { transport: 'electron' });
    });
  }
  return () => {
    for (const name of METHOD_NAMES) ipcMain.removeHandler(methodChannel(name));
  };
}
