// Every row checked before anything is sent, and the first mapping guessed from the columns.

import { describe, expect, it } from 'vitest';
import { checkRows, guessMapping, NO_NUMBER_COLUMN } from '../../../electron/merge/data/index.ts';
import type { MergeMapping, MergeTable, RowEdit } from '../../../electron/merge/types.ts';
import { checkHeader } from '../../../shared/fax-header.ts';

const csvTable = (columns: string[], rows: string[][]): MergeTable => ({
  source: { kind: 'csv', name: 'list.csv' },
  columns,
  rows,
  lines: rows.map((_, i) => i + 2),
  notes: [],
});
const FIELDS = ['Name', 'Account'];
const MAPPING: MergeMapping = { fields: { Name: 'Name', Account: 'Account' }, numberColumn: 'Fax', toHeaderField: null };

/** 50 doctors on distinct valid numbers (212 555 0100…0149). */
function fiftyDoctors(): string[][] {
  return Array.from({ length: 50 }, (_, i) => [`Doctor ${i}`, `(212) 555-${String(100 + i).padStart(4, '0')}`, `AC-${1000 + i}`]);
}

describe('checkRows', () => {
  it('names the 3 bad numbers out of 50, each with the fax rule’s reason, and passes the rest', () => {
    const rows = fiftyDoctors();
    rows[4]![1] = '212 555 010'; // a digit short
    rows[17]![1] = '212 555 O100'; // a letter O for a zero
    rows[33]![1] = '+44 20 7946'; // too short for the UK
    const t = csvTable(['Name', 'Fax', 'Account'], rows);
    const before = structuredClone(t);
    const checked = checkRows({ table: t, mapping: MAPPING, fields: FIELDS, edits: [], leftOut: new Set() });

    const bad = checked.filter((r) => r.problems.length);
    expect(bad.map((r) => r.row)).toEqual([4, 17, 33]);
    expect(bad[0]?.problems).toEqual([
      '9 digits is too short: a North American fax number has 10 digits (area code + number), e.g. 212 555 0100.',
    ]);
    expect(bad[1]?.problems[0]).toMatch(/^Fax numbers take digits only: 'O' at position 9 is a letter\./);
    expect(bad[2]?.problems[0]).toMatch(/^\+44 20 7946 has too few digits for country code \+44: /);
    // A bad number is shown as typed; a good one as people read it, with the vendor's digits.
    expect(bad.map((r) => [r.display, r.number])).toEqual([
      ['212 555 010', undefined],
      ['212 555 O100', undefined],
      ['+44 20 7946', undefined],
    ]);
    const good = checked.filter((r) => !r.problems.length);
    expect(good).toHaveLength(47);
    expect(good[0]).toEqual({
      row: 0,
      number: '12125550100',
      display: '+1 212 555 0100',
      values: { Name: 'Doctor 0', Account: 'AC-1000' },
      problems: [],
      leftOut: false,
    });
    expect(t).toEqual(before);
  });

  it('flags a number an earlier kept row has, and a left-out row is not the earlier one', () => {
    const rows = fiftyDoctors();
    rows[10]![1] = '+1 212-555-0103'; // row 3's number, typed otherwise
    rows[20]![1] = '2125550103';
    const t = csvTable(['Name', 'Fax', 'Account'], rows);
    const checked = checkRows({ table: t, mapping: MAPPING, fields: FIELDS });
    expect(checked.filter((r) => r.duplicateOf !== undefined).map((r) => [r.row, r.duplicateOf])).toEqual([
      [10, 3],
      [20, 3],
    ]);
    expect(checked[10]?.problems).toEqual([]);

    const without3 = checkRows({ table: t, mapping: MAPPING, fields: FIELDS, leftOut: [3] });
    expect(without3[3]).toMatchObject({ leftOut: true, number: '12125550103' });
    expect(without3[3]?.duplicateOf).toBeUndefined();
    expect(without3[10]?.duplicateOf).toBeUndefined();
    expect(without3[20]?.duplicateOf).toBe(10);
  });

  it('an edit fixes a row in place: a number, a missing value', () => {
    const rows = fiftyDoctors();
    rows[4]![1] = '212 555 010';
    rows[6]![2] = '';
    const t = csvTable(['Name', 'Fax', 'Account'], rows);
    const first = checkRows({ table: t, mapping: MAPPING, fields: FIELDS });
    expect(first[6]?.problems).toEqual(['No value for «Account»: type one in «Account», or leave the row out.']);

    const edits: RowEdit[] = [
      { row: 4, values: { Fax: '212 555 0999' } },
      { row: 6, values: { Account: 'typo' } },
      { row: 6, values: { Account: 'AC-1006' } }, // the later edit of a cell wins
    ];
    const fixed = checkRows({ table: t, mapping: MAPPING, fields: FIELDS, edits });
    expect(fixed[4]).toMatchObject({ number: '12125550999', display: '+1 212 555 0999', problems: [] });
    expect(fixed[6]).toMatchObject({ values: { Name: 'Doctor 6', Account: 'AC-1006' }, problems: [] });
    expect(fixed.every((r) => r.problems.length === 0)).toBe(true);
    expect(t.rows[4]?.[1]).toBe('212 555 010'); // the table itself is untouched
  });

  it('a field without a column is no row problem and reads empty; an empty number cell names the column', () => {
    const t = csvTable(
      ['Name', 'Fax'],
      [
        ['Ann', ''],
        ['Bob', '2125550101'],
      ],
    );
    const mapping: MergeMapping = { fields: { Name: 'Name', Account: null }, numberColumn: 'Fax', toHeaderField: null };
    const checked = checkRows({ table: t, mapping, fields: FIELDS });
    expect(checked[0]?.problems).toEqual(['No fax number in «Fax»: type one, or leave the row out.']);
    expect(checked[1]).toMatchObject({ values: { Name: 'Bob', Account: '' }, problems: [] });
  });

  it('without a number column every row says so', () => {
    const t = csvTable(['Name'], [['Ann']]);
    const checked = checkRows({
      table: t,
      mapping: { fields: { Name: 'Name' }, numberColumn: null, toHeaderField: null },
      fields: ['Name'],
    });
    expect(checked[0]?.problems).toEqual([NO_NUMBER_COLUMN]);
  });

  it('an extension stops the row (a fax cannot dial it), naming it', () => {
    const t = csvTable(['Name', 'Fax', 'Account'], [['Ann', '212 555 0100 x12', 'A']]);
    const [row] = checkRows({ table: t, mapping: MAPPING, fields: FIELDS });
    expect(row?.number).toBe('12125550100');
    expect(row?.problems).toHaveLength(1);
    expect(row?.problems[0]).toMatch(/^Extension 12 cannot be dialled/);
  });

  it('cuts the To header field to the header rule, and keeps one that already fits', () => {
    const t = csvTable(
      ['Name', 'Fax', 'Account'],
      [
        ['Dr. Françoise Süßmilch-Ölberg', '2125550100', 'A'],
        ['Dr Lee', '2125550101', 'B'],
        ['Ann\tBerg', '2125550102', 'C'],
      ],
    );
    const checked = checkRows({ table: t, mapping: { ...MAPPING, toHeaderField: 'Name' }, fields: FIELDS });
    expect(checked.map((r) => r.toHeader)).toEqual(['Dr. Francoise', 'Dr Lee', 'Ann Berg']);
    for (const r of checked) expect(checkHeader('To', r.toHeader ?? '')).toEqual({ ok: true, value: r.toHeader });
    expect(checkRows({ table: t, mapping: MAPPING, fields: FIELDS })[0]?.toHeader).toBeUndefined();
  });
});

describe('guessMapping', () => {
  const empty = (columns: string[], rows: string[][] = [columns.map(() => 'x')]) => csvTable(columns, rows);

  it('maps each field to the column of the same name, ignoring case, spaces, _ and -', () => {
    const t = empty(['first_name', 'Last Name', 'Account No', 'Fax Number']);
    expect(guessMapping(['First Name', 'last-name', 'ACCOUNT_NO', 'Balance'], t)).toEqual({
      fields: { 'First Name': 'first_name', 'last-name': 'Last Name', ACCOUNT_NO: 'Account No', Balance: null },
      numberColumn: 'Fax Number',
      toHeaderField: null,
    });
  });

  it('finds the fax column by its name in the forms people use', () => {
    for (const name of ['Fax', 'fax_number', 'FAX NO.', 'Telefax', 'Fax-Nr']) {
      expect(guessMapping([], empty(['Name', 'Phone', name])).numberColumn).toBe(name);
    }
    expect(guessMapping([], empty(['Name', 'Business Phone', 'Business Fax'])).numberColumn).toBe('Business Fax');
    expect(guessMapping([], empty(['Name', 'Fax header', 'Doctor fax'])).numberColumn).toBe('Doctor fax');
  });

  it('else takes the one column whose cells mostly are fax numbers, never a phone column', () => {
    const rows = Array.from({ length: 20 }, (_, i) => [
      `P${i}`,
      `212 555 ${String(100 + i).padStart(4, '0')}`,
      i === 3 ? 'n/a' : `+44 20 7946 ${String(i).padStart(4, '0')}`,
      `AC${i}`,
    ]);
    expect(guessMapping([], csvTable(['Name', 'Phone', 'Line', 'Account'], rows)).numberColumn).toBe('Line');
    // Two columns of numbers: not a guess to make.
    expect(guessMapping([], csvTable(['Name', 'Office', 'Line', 'Account'], rows)).numberColumn).toBeNull();
    expect(
      guessMapping(
        [],
        csvTable(
          ['Name', 'Phone', 'Mobile', 'Account'],
          rows.map((r) => [r[0]!, r[1]!, r[1]!, r[3]!]),
        ),
      ).numberColumn,
    ).toBeNull();
  });
});

describe('names that are also JavaScript’s', () => {
  it('a field or column called __proto__ or constructor is a field like any other', () => {
    const t = csvTable(['constructor', '__proto__', 'Fax'], [['c', 'p', '2125550100']]);
    const fields = ['constructor', '__proto__', 'toString'];
    const mapping = guessMapping(fields, t);
    expect(Object.keys(mapping.fields)).toEqual(fields);
    expect(mapping.fields.toString).toBeNull();
    const [row] = checkRows({ table: t, mapping, fields, edits: [{ row: 0, values: JSON.parse('{"__proto__":"fixed"}') }] });
    expect(Object.entries(row?.values ?? {})).toEqual([
      ['constructor', 'c'],
      ['__proto__', 'fixed'],
      ['toString', ''],
    ]);
    expect(row?.problems).toEqual([]);
  });
});
