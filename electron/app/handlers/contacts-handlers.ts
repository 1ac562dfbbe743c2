import type { contactsMethods } from '../../../shared/ipc/contract/contacts.ts';
import type { Handlers } from '../ipc-router.ts';
import type { AppServices } from '../services.ts';

export function contactsHandlers(_s: AppServices): Pick<Handlers, keyof typeof contactsMethods> {
  return {};
}
