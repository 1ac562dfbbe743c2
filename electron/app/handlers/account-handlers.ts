import type { accountMethods } from '../../../shared/ipc/contract/account.ts';
import type { Handlers } from '../ipc-router.ts';
import type { AppServices } from '../services.ts';

export function accountHandlers(_s: AppServices): Pick<Handlers, keyof typeof accountMethods> {
  return {};
}
