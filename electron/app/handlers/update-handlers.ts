// In-app updates: thin glue over the update service. Where nothing updates itself (the browser
// host, a development build) every channel answers the view that says why.

import type { updateMethods } from '../../../shared/ipc/contract/update.ts';
import type { Handlers } from '../ipc-router.ts';
import type { AppServices } from '../services.ts';

export function updateHandlers(s: AppServices): Pick<Handlers, keyof typeof updateMethods> {
  return {
    getUpdate: () => s.updates.view(),
    checkForUpdate: () => s.updates.check(),
    restartToUpdate: () => s.updates.restart(),
    postponeUpdate: () => s.updates.postpone(),
  };
}
