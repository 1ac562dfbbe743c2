import type { composeMethods } from '../../../shared/ipc/contract/compose.ts';
import type { Handlers } from '../ipc-router.ts';
import type { AppServices } from '../services.ts';

export function composeHandlers(_s: AppServices): Pick<Handlers, keyof typeof composeMethods> {
  return {};
}
