// Events of the contacts feature → store actions. Returns a disposer.

import { subscribe } from '../../ipc/api.ts';
import { useStore } from '../index.ts';

/** Changes arrive in bursts (an import, a multi-delete): refresh once they settle. */
const SETTLE_MS = 150;

export function startContactsSync(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = () => {
    const s = useStore.getState();
    // Nothing to refresh until the address book has been opened once.
    if (!s.contactListLoaded) return;
    void s.refreshContacts();
    void s.loadContactGroups();
    if (s.selectedContactId !== undefined) void s.selectContact(s.selectedContactId);
  };
  const offs = [
    subscribe('contactsChanged', () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, SETTLE_MS);
    }),
    subscribe('contactsImportProgress', (p) => useStore.getState().setContactImportProgress(p)),
  ];
  return () => {
    clearTimeout(timer);
    for (const off of offs) off();
  };
}
