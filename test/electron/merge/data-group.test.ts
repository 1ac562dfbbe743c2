// An address-book group as merge data, from a real SQLite store.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRows, groupTable, guessMapping } from '../../../electron/merge/data/index.ts';
import { insertContact } from '../../../electron/store/contacts-repo.ts';
import { addToGroup, createGroup, deleteGroup } from '../../../electron/store/groups-repo.ts';
import { tempStore } from '../store/helpers.ts';

let s: ReturnType<typeof tempStore>;
beforeEach(() => {
  s = tempStore();
});
afterEach(() => s.cleanup());

describe('groupTable', () => {
  it('lists the members as Name, Company, Fax, To header, Notes, ready for the row check', () => {
    const alice = insertContact(s.db, {
      name: 'Alice Martin',
      company: 'Acme Legal',
      faxRaw: '(212) 555-0100',
      faxNumber: '12125550100',
      toHeader: 'A. Martin',
      notes: 'Prefers mornings',
    });
    const bob = insertContact(s.db, {
      name: 'Dr. Bartholomew Okonkwo-Smith',
      company: 'Northwind',
      faxRaw: '+44 20 7946 0000',
      faxNumber: '442079460000',
    });
    const typo = insertContact(s.db, { name: 'Carol Typo', company: '', faxRaw: '212 555 01', faxNumber: '' });
    insertContact(s.db, { name: 'Not In Group', faxRaw: '2125550199', faxNumber: '12125550199' });
    const group = createGroup(s.db, 'Doctors');
    addToGroup(s.db, group.id, [alice.id, bob.id, typo.id]);

    const read = groupTable(s.db, group.id);
    if (!read.ok) throw new Error(read.problem.message);
    const t = read.value;
    expect(t.source).toEqual({ kind: 'group', name: 'Doctors' });
    expect(t.columns).toEqual(['Name', 'Company', 'Fax', 'To header', 'Notes']);
    expect(t.rows).toEqual([
      ['Alice Martin', 'Acme Legal', '+1 212 555 0100', 'A. Martin', 'Prefers mornings'],
      ['Carol Typo', '', '212 555 01', 'Carol Typo', ''],
      ['Dr. Bartholomew Okonkwo-Smith', 'Northwind', '+44 20 7946 0000', 'Dr. Bartholomew', ''],
    ]);
    expect(t.notes).toEqual(["Group 'Doctors': 3 contacts."]);

    const fields = ['Name', 'To header'];
    const mapping = { ...guessMapping(fields, t), toHeaderField: 'To header' };
    expect(mapping.numberColumn).toBe('Fax');
    const checked = checkRows({ table: t, mapping, fields });
    expect(checked.map((r) => [r.number, r.toHeader, r.problems.length])).toEqual([
      ['12125550100', 'A. Martin', 0],
      [undefined, 'Carol Typo', 1],
      ['442079460000', 'Dr. Bartholomew', 0],
    ]);
    expect(checked[1]?.problems[0]).toMatch(/too short/);
  });

  it('refuses an empty group and one that no longer exists', () => {
    const group = createGroup(s.db, 'Nobody yet');
    const empty = groupTable(s.db, group.id);
    expect(empty.ok ? null : empty.problem.code).toBe('group-empty');
    deleteGroup(s.db, group.id);
    const gone = groupTable(s.db, group.id);
    expect(gone.ok ? null : gone.problem.code).toBe('group-missing');
  });
});
