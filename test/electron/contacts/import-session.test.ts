import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createImportSessions } from '../../../electron/contacts/import-session.ts';
import { all } from '../../../electron/store/sql.ts';
import type { ImportProgress } from '../../../shared/ipc/contract/contacts.ts';
import { bytes, csv, openTestBook, type TestBook } from './helpers.ts';

let t: TestBook;
beforeEach(() => {
  t = openTestBook();
});
afterEach(() => t.close());

const FILE = csv([
  ['Name', 'Company', 'Fax', 'Notes', 'Groups'],
  ['Ann Lee', 'Acme', '(212) 555-0100', 'first', 'Clients'],
  ['Ann L.', 'Acme Corp', '212.555.0100', 'second', 'VIP'], // same number as row 2
  ['Bob Stone', 'Globex', '415-555-0101', '', ''], // already in the book
  ['Bad Number', 'Initech', '555-01', '', ''],
  ['Carla Diaz', '', '+44 20 7946 0000', '', 'Clients'],
]);

function open(text = FILE, name = 'contacts.csv') {
  const progress: ImportProgress[] = [];
  const sessions = createImportSessions(t.book, (p) => progress.push(p));
  const opened = sessions.open(bytes(text), name);
  if (!opened.ok) throw new Error(opened.reason);
  return { sessions, opened, progress };
}

function rows() {
  return all<{ name: string; company: string; fax_number: string; notes: string; groups: string | null }>(
    t.store.db,
    `SELECT c.name, c.company, c.fax_number, c.notes,
       (SELECT group_concat(g.name, '|') FROM contact_groups cg JOIN groups g ON g.id = cg.group_id WHERE cg.contact_id = c.id) AS groups
     FROM contacts c ORDER BY c.id`,
  ).map((r) => ({ ...r }));
}

describe('import sessions against a real database', () => {
  beforeEach(() => {
    const saved = t.book.save({
      name: 'Bob Stone',
      company: '',
      fax: '+1 415 555 0101',
      toHeader: '',
      notes: 'old',
      favourite: false,
      groupIds: [],
    });
    expect(saved.ok).toBe(true);
  });

  it('previews with counts and reasons, writes nothing until commit', async () => {
    const { sessions, opened, progress } = open();
    expect(opened).toMatchObject({ format: 'csv', layout: 'generic', rowCount: 5 });
    const preview = await sessions.analyze(opened.importId);
    expect(preview.counts).toEqual({ total: 5, ready: 2, invalid: 1, duplicateInFile: 1, duplicateInBook: 1 });
    expect(preview.rows.find((r) => r.row === 5)).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/too short/) });
    expect(progress.at(-1)).toEqual({ importId: opened.importId, phase: 'checking', done: 5, total: 5 });
    expect(rows()).toHaveLength(1);
  });

  it('skip: imports the ready rows only', async () => {
    const { sessions, opened } = open();
    await sessions.analyze(opened.importId);
    const report = await sessions.commit(opened.importId, 'skip');
    expect(report).toEqual({ added: 2, merged: 0, skipped: 2, invalid: 1, total: 5 });
    expect(rows().map((r) => r.fax_number)).toEqual(['14155550101', '12125550100', '442079460000']);
    expect(rows()[1]).toMatchObject({ name: 'Ann Lee', notes: 'first', groups: 'Clients' });
    expect(t.changes).toContain('imported');
  });

  it('merge: folds duplicates into the first record and into the book’s contact', async () => {
    const { sessions, opened } = open();
    await sessions.analyze(opened.importId);
    const report = await sessions.commit(opened.importId, 'merge', 'Imported today');
    expect(report).toMatchObject({ added: 2, merged: 2, skipped: 0, invalid: 1 });
    const [bob, ann, carla] = rows();
    expect(ann).toMatchObject({ name: 'Ann Lee', company: 'Acme', notes: 'first\nsecond\nAlso at this number: Ann L., Acme Corp' });
    expect(ann?.groups?.split('|').sort()).toEqual(['Clients', 'Imported today', 'VIP']);
    expect(bob).toMatchObject({ name: 'Bob Stone', company: 'Globex', notes: 'old' });
    expect(bob?.groups).toBe('Imported today');
    expect(carla?.groups?.split('|').sort()).toEqual(['Clients', 'Imported today']);
  });

  it('add: keeps duplicates as separate contacts', async () => {
    const { sessions, opened } = open();
    await sessions.analyze(opened.importId);
    expect(await sessions.commit(opened.importId, 'add')).toMatchObject({ added: 4, merged: 0, skipped: 0, invalid: 1 });
    expect(rows().filter((r) => r.fax_number === '12125550100')).toHaveLength(2);
  });

  it('re-analyzes with a changed mapping', async () => {
    const { sessions, opened } = open();
    const preview = await sessions.analyze(opened.importId, { ...opened.mapping, fax: ['Notes'] });
    expect(preview.counts.invalid).toBe(5);
    expect(preview.rows[0]?.reason).toMatch(/letter/);
  });

  it('reads a Windows-1252 Outlook file and a vCard file', async () => {
    const latin = Uint8Array.from(
      [...'First Name,Last Name,Business Fax\r\nJ']
        .map((c) => c.charCodeAt(0))
        .concat(
          [0xfc],
          [...'rgen,M,212 555 0177\r\n'].map((c) => c.charCodeAt(0)),
        ),
    );
    const sessions = createImportSessions(t.book);
    const opened = sessions.open(latin, 'outlook.csv');
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.layout).toBe('outlook');
    const preview = await sessions.analyze(opened.importId);
    expect(preview.rows[0]).toMatchObject({ name: 'Jürgen M', status: 'ready', faxDisplay: '+1 212 555 0177' });
    const vcf = sessions.open(
      bytes('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Vee Card\r\nTEL;TYPE=FAX:212 555 0178\r\nEND:VCARD\r\n'),
      'cards.vcf',
    );
    if (!vcf.ok) throw new Error(vcf.reason);
    expect(vcf).toMatchObject({ format: 'vcard', rowCount: 1 });
    await sessions.analyze(vcf.importId);
    expect(await sessions.commit(vcf.importId, 'skip')).toMatchObject({ added: 1 });
  });

  it('says why a file cannot be read, and refuses an unknown import id', async () => {
    const sessions = createImportSessions(t.book);
    expect(sessions.open(bytes(''), 'empty.csv')).toMatchObject({ ok: false, reason: expect.stringMatching(/empty/) });
    expect(sessions.open(Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2]), 'file.pdf')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not a text file/),
    });
    await expect(sessions.analyze('nope')).rejects.toThrow(/expired/);
  });
});
