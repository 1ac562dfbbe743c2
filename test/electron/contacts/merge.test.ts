import { describe, expect, it } from 'vitest';
import { checkCandidates, countRows } from '../../../electron/contacts/import-check.ts';
import type { ImportCandidate } from '../../../electron/contacts/import-candidates.ts';
import { mergeFields } from '../../../electron/contacts/merge.ts';

const base = { name: 'Ann Lee', company: 'Acme', toHeader: '', notes: 'Mornings', favourite: false, groups: ['Clients'] };

function candidate(row: number, fields: Partial<ImportCandidate>): ImportCandidate {
  return { row, name: '', company: '', faxRaw: '', toHeader: '', notes: '', groups: [], favourite: false, ...fields };
}

describe('merge rules', () => {
  it('keeps what the existing record has and fills its gaps from the newcomer', () => {
    const merged = mergeFields(
      { ...base, company: '' },
      { name: 'ann lee', company: 'Acme Corp', toHeader: 'ACME', notes: 'Ask for Ann', favourite: true, groups: ['clients', 'VIP'] },
    );
    expect(merged).toEqual({
      name: 'Ann Lee',
      company: 'Acme Corp',
      toHeader: 'ACME',
      notes: 'Mornings\nAsk for Ann',
      favourite: true,
      groups: ['Clients', 'VIP'],
    });
  });

  it('keeps a different name in the notes rather than losing it, once', () => {
    const once = mergeFields(base, { ...base, name: 'Bob Stone', notes: '' });
    expect(once.name).toBe('Ann Lee');
    expect(once.notes).toBe('Mornings\nAlso at this number: Bob Stone, Acme');
    expect(mergeFields(once, { ...base, name: 'Bob Stone', notes: '' }).notes).toBe(once.notes);
  });

  it('does not repeat notes already there', () => {
    expect(mergeFields(base, { ...base, notes: 'Mornings' }).notes).toBe('Mornings');
  });
});

describe('duplicate detection on import', () => {
  const existing = new Map([['12125550100', { id: 7, name: 'Ann Lee', company: 'Acme' }]]);
  const rows = checkCandidates(
    [
      candidate(2, { name: 'First', faxRaw: '(415) 555-0101' }),
      candidate(3, { name: 'Same again', faxRaw: '+1 415.555.0101' }),
      candidate(4, { name: 'In the book', faxRaw: '212-555-0100' }),
      candidate(5, { name: 'Letters', faxRaw: '212-555-CALL' }),
      candidate(6, { name: 'Short', faxRaw: '555-0100' }),
      candidate(7, { name: 'Empty' }),
      candidate(8, { faxRaw: '415 555 0188' }),
      candidate(9, { name: 'Long header', faxRaw: '415 555 0177', toHeader: 'A header far too long' }),
      candidate(10, { name: 'Book twice', faxRaw: '1 212 555 0100' }),
    ],
    { defaultCountry: 'US', findExisting: (n) => existing.get(n) },
  );

  it('normalises before comparing: punctuation and the leading 1 do not hide a duplicate', () => {
    expect(rows.map((r) => r.status)).toEqual([
      'ready',
      'duplicate-in-file',
      'duplicate-in-book',
      'invalid',
      'invalid',
      'invalid',
      'invalid',
      'ready',
      'duplicate-in-file',
    ]);
    expect(rows[1]?.reason).toBe('Same number as row 2 (First).');
    expect(rows[2]?.reason).toBe('Already in the address book as Ann Lee, Acme.');
    expect(rows[8]?.reason).toBe('Same number as row 4 (In the book).');
  });

  it('gives every bad row its reason, in the shared rules’ words', () => {
    expect(rows[3]?.reason).toMatch(/letter/);
    expect(rows[4]?.reason).toMatch(/too short/);
    expect(rows[5]?.reason).toMatch(/No fax number/);
    expect(rows[6]?.reason).toMatch(/No name or company/);
    expect(rows[7]?.warnings[0]).toMatch(/To header left out: The To header is 21 characters/);
    expect(countRows(rows)).toEqual({ total: 9, ready: 2, invalid: 4, duplicateInFile: 2, duplicateInBook: 1 });
  });
});
