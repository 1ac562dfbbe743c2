import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactsToCsv, contactsToVcard, exportFile } from '../../../electron/contacts/contacts-export.ts';
import { loadExportContacts } from '../../../electron/contacts/export-source.ts';
import { createImportSessions } from '../../../electron/contacts/import-session.ts';
import { bytes, openTestBook, type TestBook } from './helpers.ts';

let source: TestBook;
let target: TestBook;
beforeEach(() => {
  source = openTestBook();
  target = openTestBook();
  const clients = source.book.saveGroup(undefined, 'Clients');
  const vip = source.book.saveGroup(undefined, 'VIP, Gold');
  if (!clients.ok || !vip.ok) throw new Error('groups');
  const blank = { name: '', company: '', toHeader: '', notes: '', favourite: false, groupIds: [] as number[] };
  for (const c of [
    {
      ...blank,
      name: 'Ann Lee',
      company: 'Acme; Widgets, Inc.',
      fax: '(212) 555-0100',
      toHeader: 'Attn: Ann',
      notes: 'Mornings\nAsk for "Ann"',
      favourite: true,
      groupIds: [clients.group.id, vip.group.id],
    },
    { ...blank, name: 'Jürgen Müller', company: 'Stahlwerk GmbH', fax: '+49 30 1234567', groupIds: [clients.group.id] },
    { ...blank, company: 'Front Desk Only', fax: '+44 20 7946 0000' },
    {
      ...blank,
      name: '=HYPERLINK("x")',
      fax: '415 555 0199',
      notes: 'A very long note that goes on and on so the vCard line has to be folded at seventy-five octets, ü included',
    },
  ]) {
    const r = source.book.save(c);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
  }
});
afterEach(() => {
  source.close();
  target.close();
});

async function importInto(t: TestBook, content: string, fileName: string) {
  const sessions = createImportSessions(t.book);
  const opened = sessions.open(bytes(content), fileName);
  if (!opened.ok) throw new Error(opened.reason);
  const preview = await sessions.analyze(opened.importId);
  const report = await sessions.commit(opened.importId, 'skip');
  return { opened, preview, report };
}

const snapshot = (t: TestBook) => loadExportContacts(t.store.db).map((c) => ({ ...c, groups: [...c.groups].sort() }));

describe('export, then import again', () => {
  it('CSV round-trips every field, groups and favourites included', async () => {
    const csv = contactsToCsv(loadExportContacts(source.store.db));
    expect(csv.startsWith('\ufeffName,Company,Fax,To Header,Notes,Groups,Favourite\r\n')).toBe(true);
    expect(csv).toContain("'=HYPERLINK"); // defused for spreadsheets
    expect(csv).toContain("'+1 212 555 0100"); // kept as text, '+' and all
    const { preview, report } = await importInto(target, csv, 'export.csv');
    expect(preview.counts).toMatchObject({ total: 4, ready: 4 });
    expect(report).toMatchObject({ added: 4, invalid: 0 });
    // The text marks are undone on import: every field comes back as it was.
    expect(snapshot(target)).toEqual(snapshot(source).map((c) => ({ ...c, faxRaw: c.faxDisplay })));
  });

  it('vCard round-trips, with folded lines and escaped text', async () => {
    const vcf = contactsToVcard(loadExportContacts(source.store.db));
    expect(vcf).toContain('TEL;TYPE=WORK,FAX:+1 212 555 0100');
    expect(vcf).toContain('ORG:Acme\\; Widgets\\, Inc.');
    for (const line of vcf.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const { report } = await importInto(target, vcf, 'export.vcf');
    expect(report).toMatchObject({ added: 4, invalid: 0 });
    expect(snapshot(target)).toEqual(snapshot(source).map((c) => ({ ...c, faxRaw: c.faxDisplay })));
  });

  it('exports one group, named by date', () => {
    const vip = source.book.listGroups().find((g) => g.name === 'VIP, Gold');
    const file = exportFile('csv', loadExportContacts(source.store.db, { groupId: vip?.id }), new Date('2026-03-04T10:00:00Z'));
    expect(file.fileName).toBe('openfax-contacts-2026-03-04.csv');
    expect(file.content.trim().split('\r\n')).toHaveLength(2);
  });
});
