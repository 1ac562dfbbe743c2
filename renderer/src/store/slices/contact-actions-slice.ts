// What the address book asks main to do beyond listing: save and delete contacts and groups,
// look contacts up for Compose, fax a whole group, export. The list itself refreshes on
// main's contactsChanged event; these actions only add what the screen shows at once.

import type { StateCreator } from 'zustand';
import type { ContactRecipient, ExportFormat } from '../../../../shared/ipc/contract/contacts.ts';
import type { MethodRequest, MethodResponse } from '../../../../shared/ipc/contract.ts';
import { downloadBlob } from '../../files/download.ts';
import { call } from '../../ipc/api.ts';
import { messageOf } from '../../ipc/message-of.ts';
import type { RootState } from '../index.ts';

export interface ContactActionsSlice {
  /** Address-book matches for Compose's recipient box, best first. */
  searchContacts(query: string, limit: number): Promise<ContactRecipient[]>;
  /** Main's answer, with the reason under each refused field. */
  saveContact(input: MethodRequest<'saveContact'>): Promise<MethodResponse<'saveContact'>>;
  deleteContacts(ids: number[]): Promise<void>;
  /** Creates (no id) or renames a group; the filter chips follow when main took it. */
  saveContactGroup(group: MethodRequest<'saveGroup'>): Promise<MethodResponse<'saveGroup'>>;
  /** Deletes a group (its contacts stay) and shows everyone again. */
  deleteContactGroup(id: number): Promise<void>;
  /** Opens Compose with every member of the group that has a usable fax number. */
  faxContactGroup(groupId: number, groupName: string): Promise<void>;
  exportContacts(format: ExportFormat, scope?: { groupId?: number; groupName?: string }): Promise<void>;
}

const FORMAT_LABEL: Record<ExportFormat, string> = { csv: 'CSV', vcard: 'vCard' };

export const createContactActionsSlice: StateCreator<RootState, [], [], ContactActionsSlice> = (_set, get) => ({
  async searchContacts(query, limit) {
    return (await call('searchContacts', { query, limit })).items;
  },

  saveContact: (input) => call('saveContact', input),

  async deleteContacts(ids) {
    await call('deleteContacts', { ids });
    const selected = get().selectedContactId;
    if (selected !== undefined && ids.includes(selected)) await get().selectContact(undefined);
  },

  async saveContactGroup(group) {
    const r = await call('saveGroup', group);
    if (r.ok) await get().loadContactGroups();
    return r;
  },

  async deleteContactGroup(id) {
    await call('deleteGroup', { id });
    await get().setContactFilter({ kind: 'all' });
    await get().loadContactGroups();
  },

  async faxContactGroup(groupId, groupName) {
    const { pushToast } = get();
    try {
      const { items, skipped } = await call('groupRecipients', { groupId });
      if (!items.length) {
        pushToast({
          level: 'warning',
          title: `“${groupName}” has no one to fax`,
          message: 'Add contacts with fax numbers to the group first.',
        });
        return;
      }
      if (skipped) {
        pushToast({
          level: 'warning',
          title: `${skipped} member${skipped === 1 ? '' : 's'} left out`,
          message: `They have no usable fax number: fix them in the address book.`,
        });
      }
      get().faxContacts(items);
    } catch (err) {
      pushToast({ level: 'error', title: 'Could not fax the group', message: messageOf(err) });
    }
  },

  async exportContacts(format, scope = {}) {
    const { pushToast } = get();
    try {
      const r = await call('exportContacts', { format, groupId: scope.groupId });
      if (r.kind === 'canceled') return;
      if (r.kind === 'download') downloadBlob(new Blob([r.content], { type: `${r.mime};charset=utf-8` }), r.fileName);
      const what = scope.groupName ? `the group “${scope.groupName}”` : 'the address book';
      const where = r.kind === 'saved' ? ` to ${r.path}` : ` as ${r.fileName}`;
      pushToast({
        level: 'success',
        title: `Exported ${FORMAT_LABEL[format]}`,
        message: `${r.count} contact${r.count === 1 ? '' : 's'} of ${what} saved${where}.`,
      });
    } catch (err) {
      pushToast({ level: 'error', title: 'Export failed', message: `The contacts could not be exported: ${messageOf(err)}` });
    }
  },
});
