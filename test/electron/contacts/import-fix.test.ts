// Problem rows fixed in the import preview: checked again at once with the same rules, imported
// like any ready row, and the person's file left exactly as it was.

import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createImportSessions } from '../../../electron/contacts/import-session.ts';
import { all } from '../../../electron/store/sql.ts';
import { csv, openTestBook, type TestBook } from './helpers.ts';

let t: TestBook;
let dir: string;
beforeEach(() => {
  t = openTestBook();
  dir = mkdtempSync(join(tmpdir(), 'openfax-import-fix-'));
});
afterEach(() => {
  t.close();
  rmSync(dir, { recursive: true, force: true });
});

const FILE = csv([
  ['Name', 'Company', 'Fax'],
  ['Ann Lee', 'Acme', '212 555 0100'],
  ['Bad Area', 'Initech', '999 555 0100'],
  ['Ann L.', 'Acme Corp', '(212) 555-0100'], // same number as row 2
  ['', '', '212 555 0155'], // no name or company
  ['Ext Person', 'Globex', '212 555 0166 ext. 204'],
]);

async function preview(text = FILE) {
  const path = join(dir, 'people.csv');
  writeFileSync(path, text);
  const sessions = createImportSessions(t.book);
  const opened = sessions.open(readFileSync(path), 'people.csv');
  if (!opened.ok) throw new Error(opened.reason);
  const first = await sessions.analyze(opened.importId);
  return { sessions, opened, first, path, id: opened.importId };
}

const contacts = () =>
  all<{ name: string; company: string; fax_number: string; fax_raw: string }>(
    t.store.db,
    'SELECT name, company, fax_number, fax_raw FROM contacts ORDER BY id',
  ).map((r) => ({ ...r }));

describe('fixing a row in the import preview', () => {
  it('keeps an extension as a note on a ready row, not a refusal', async () => {
    const { first } = await preview();
    expect(first.rows.find((r) => r.row === 6)).toMatchObject({
      status: 'ready',
      faxDisplay: '+1 212 555 0166',
      warnings: [expect.stringMatching(/^Extension 204 is left out: a fax cannot dial extensions/)],
    });
    expect(first.rows.find((r) => r.row === 3)).toMatchObject({
      status: 'invalid',
      reason: expect.stringMatching(/^Area code 999 is not in use/),
    });
  });

  it('re-checks a fixed number at once, and imports the row; the file is not touched', async () => {
    const { sessions, id, path, first } = await preview();
    const before = { bytes: readFileSync(path), mtime: statSync(path).mtimeMs };
    expect(first.counts).toEqual({ total: 5, ready: 2, invalid: 2, duplicateInFile: 1, duplicateInBook: 0 });

    const stillBad = sessions.fixRow(id, 3, 'fax', '998 555 0100');
    expect(stillBad.rows).toEqual([
      expect.objectContaining({ row: 3, status: 'invalid', reason: expect.stringMatching(/Area code 998/), edited: true }),
    ]);

    const fixed = sessions.fixRow(id, 3, 'fax', '212 555 0133');
    expect(fixed.rows).toEqual([
      expect.objectContaining({ row: 3, status: 'ready', faxRaw: '212 555 0133', faxDisplay: '+1 212 555 0133' }),
    ]);
    expect(fixed.counts).toEqual({ total: 5, ready: 3, invalid: 1, duplicateInFile: 1, duplicateInBook: 0 });

    const named = sessions.fixRow(id, 5, 'company', 'Front desk');
    expect(named.rows).toEqual([expect.objectContaining({ row: 5, status: 'ready', company: 'Front desk' })]);

    expect(await sessions.commit(id, 'skip')).toMatchObject({ added: 4, skipped: 1, invalid: 0 });
    expect(contacts()).toEqual([
      { name: 'Ann Lee', company: 'Acme', fax_number: '12125550100', fax_raw: '212 555 0100' },
      { name: 'Bad Area', company: 'Initech', fax_number: '12125550133', fax_raw: '212 555 0133' },
      { name: '', company: 'Front desk', fax_number: '12125550155', fax_raw: '212 555 0155' },
      { name: 'Ext Person', company: 'Globex', fax_number: '12125550166', fax_raw: '212 555 0166 ext. 204' },
    ]);
    expect(readFileSync(path).equals(before.bytes)).toBe(true);
    expect(statSync(path).mtimeMs).toBe(before.mtime);
  });

  it('re-decides duplicates among the rows sharing the old or the new number', async () => {
    const { sessions, id } = await preview();
    // Row 2 was first with 212 555 0100; moving it off that number makes row 4 the first, so ready.
    const moved = sessions.fixRow(id, 2, 'fax', '212 555 0122');
    expect(moved.rows.map((r) => [r.row, r.status])).toEqual([
      [2, 'ready'],
      [4, 'ready'],
    ]);
    // Fixing row 3 to row 4's number makes the later of the two the repeat.
    const clash = sessions.fixRow(id, 3, 'fax', '212 555 0100');
    expect(clash.rows.map((r) => [r.row, r.status, r.reason])).toEqual([
      [3, 'ready', ''],
      [4, 'duplicate-in-file', 'Same number as row 3 (Bad Area, Initech).'],
    ]);
    expect(clash.counts).toMatchObject({ ready: 3, invalid: 1, duplicateInFile: 1 });
  });

  it('keeps the fixes when the columns are matched again', async () => {
    const { sessions, id, opened } = await preview();
    sessions.fixRow(id, 3, 'fax', '212 555 0133');
    const again = await sessions.analyze(id, opened.mapping);
    expect(again.rows.find((r) => r.row === 3)).toMatchObject({ status: 'ready', faxRaw: '212 555 0133', edited: true });
    expect(again.rows.find((r) => r.row === 2)?.edited).toBeUndefined();
  });

  it('refuses a fix before the rows are checked, and for a row the file does not have', async () => {
    const sessions = createImportSessions(t.book);
    const opened = sessions.open(new TextEncoder().encode(FILE), 'people.csv');
    if (!opened.ok) throw new Error(opened.reason);
    expect(() => sessions.fixRow(opened.importId, 3, 'fax', '212 555 0133')).toThrow(/Check the rows before fixing one/);
    await sessions.analyze(opened.importId);
    expect(() => sessions.fixRow(opened.importId, 99, 'fax', '212 555 0133')).toThrow(/Row 99 is not in this file/);
  });
});
