// Address-book actions used by several parts of the screen: exporting, and faxing a group.

import type { ExportFormat } from '../../../../shared/ipc/contract/contacts.ts';
import { call, messageOf } from '../../ipc/api.ts';
import { useStore } from '../../store/index.ts';
import { offerDownload } from './file-transfer.ts';

const FORMAT_LABEL: Record<ExportFormat, string> = { csv: 'CSV', vcard: 'vCard' };

export async function exportContacts(format: ExportFormat, scope: { groupId?: number; groupName?: string } = {}): Promise<void> {
  const toast = useStore.getState().pushToast;
  try {
    const r = await call('exportContacts', { format, groupId: scope.groupId });
    const what = scope.groupName ? `the group “${scope.groupName}”` : 'the address book';
    if (r.kind === 'canceled') return;
    if (r.kind === 'download') offerDownload(r.content, r.fileName, r.mime);
    const where = r.kind === 'saved' ? ` to ${r.path}` : ` as ${r.fileName}`;
    toast({
      level: 'success',
      title: `Exported ${FORMAT_LABEL[format]}`,
      message: `${r.count} contact${r.count === 1 ? '' : 's'} of ${what} saved${where}.`,
    });
  } catch (err) {
    toast({ level: 'error', title: 'Export failed', message: `The contacts could not be exported: ${messageOf(err)}` });
  }
}

/** Opens Compose with every member of the group that has a usable fax number. */
export async function faxGroup(groupId: number, groupName: string): Promise<void> {
  const s = useStore.getState();
  try {
    const { items, skipped } = await call('groupRecipients', { groupId });
    if (!items.length) {
      s.pushToast({
        level: 'warning',
        title: `“${groupName}” has no one to fax`,
        message: 'Add contacts with fax numbers to the group first.',
      });
      return;
    }
    if (skipped) {
      s.pushToast({
        level: 'warning',
        title: `${skipped} member${skipped === 1 ? '' : 's'} left out`,
        message: `They have no usable fax number: fix them in the address book.`,
      });
    }
    s.faxContacts(items);
  } catch (err) {
    s.pushToast({ level: 'error', title: 'Could not fax the group', message: messageOf(err) });
  }
}
