// Address-book channels: thin glue over electron/contacts (the book, import sessions,
// export). File access happens only here, and only for paths main itself chose (dialogs).

import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { contactsMethods } from '../../../shared/ipc/contract/contacts.ts';
import { createContactBook } from '../../contacts/contact-book.ts';
import { exportFile } from '../../contacts/contacts-export.ts';
import { loadExportContacts } from '../../contacts/export-source.ts';
import { createImportSessions } from '../../contacts/import-session.ts';
import type { Handlers } from '../ipc-router.ts';
import type { AppServices } from '../services.ts';

const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export function contactsHandlers(s: AppServices): Pick<Handlers, keyof typeof contactsMethods> {
  const book = createContactBook({
    db: s.store.db,
    defaultCountry: () => s.settings.get().defaultCountry,
    onChanged: (reason) => s.events.emit('contactsChanged', { reason }),
  });
  const imports = createImportSessions(book, (p) => s.events.emit('contactsImportProgress', p));

  return {
    listContacts: (req) => book.list(req),
    searchContacts: ({ query, limit, groupId }) => ({ items: book.searchRecipients(query, limit, groupId) }),
    getContact: ({ id }) => ({ contact: book.get(id) ?? null }),
    saveContact: (req) => book.save(req),
    deleteContacts: ({ ids }) => ({ deleted: book.remove(ids) }),
    setFavourite: ({ id, favourite }) => ({ ok: book.setFavourite(id, favourite) }),
    listGroups: () => ({ groups: book.listGroups() }),
    saveGroup: ({ id, name }) => book.saveGroup(id, name),
    deleteGroup: ({ id }) => ({ deleted: book.deleteGroup(id) }),
    groupRecipients: ({ groupId }) => book.groupRecipients(groupId),

    async importOpen({ source }) {
      if (source.kind === 'bytes') {
        const bytes = Buffer.from(source.base64, 'base64');
        if (bytes.length > MAX_IMPORT_BYTES)
          return { ok: false, canceled: false, reason: 'The file is over 50 MB: split it into smaller files.' };
        return imports.open(bytes, source.fileName);
      }
      if (!s.host.pickFiles) return { ok: false, canceled: false, reason: 'Choose or drop the file in the window.' };
      const [path] = await s.host.pickFiles({
        title: 'Import contacts',
        filters: [{ name: 'Contacts (CSV, vCard)', extensions: ['csv', 'vcf', 'vcard', 'txt'] }],
        multiple: false,
      });
      if (!path) return { ok: false, canceled: true, reason: '' };
      if ((await stat(path)).size > MAX_IMPORT_BYTES)
        return { ok: false, canceled: false, reason: 'The file is over 50 MB: split it into smaller files.' };
      return imports.open(await readFile(path), basename(path));
    },
    importAnalyze: ({ importId, mapping }) => imports.analyze(importId, mapping),
    importFixRow: ({ importId, row, field, value }) => imports.fixRow(importId, row, field, value),
    importCommit: ({ importId, duplicates, groupName }) => imports.commit(importId, duplicates, groupName),
    importCancel: ({ importId }) => ({ ok: imports.cancel(importId) }),

    async exportContacts({ format, groupId, ids }, ctx) {
      const contacts = loadExportContacts(book.db, { groupId, ids });
      const file = exportFile(format, contacts, new Date());
      if (ctx.transport === 'electron' && s.host.pickSavePath) {
        const path = await s.host.pickSavePath({
          title: 'Export contacts',
          defaultPath: file.fileName,
          filters: [format === 'csv' ? { name: 'CSV', extensions: ['csv'] } : { name: 'vCard', extensions: ['vcf'] }],
        });
        if (!path) return { kind: 'canceled' };
        await writeFile(path, file.content, 'utf8');
        return { kind: 'saved', path, count: contacts.length };
      }
      return { kind: 'download', ...file, count: contacts.length };
    },
  };
}
