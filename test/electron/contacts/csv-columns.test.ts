import { describe, expect, it } from 'vitest';
import { planColumns, TYPED_FAX_COLUMN } from '../../../electron/contacts/csv-columns.ts';
import { readCsv } from '../../../electron/contacts/csv-read.ts';
import { candidatesFromCsv } from '../../../electron/contacts/import-candidates.ts';
import { csv } from './helpers.ts';

// The header rows as Outlook (2016–365, "Comma Separated Values") and Google Contacts write them (abridged).
const OUTLOOK = [
  'Title',
  'First Name',
  'Middle Name',
  'Last Name',
  'Suffix',
  'Company',
  'Department',
  'Job Title',
  'Business Street',
  'Business City',
  'Business Fax',
  'Business Phone',
  'Home Fax',
  'Home Phone',
  'Mobile Phone',
  'Other Fax',
  'Other Phone',
  'Categories',
  'E-mail Address',
  'E-mail Type',
  'Notes',
];
const GOOGLE_OLD = [
  'Name',
  'Given Name',
  'Additional Name',
  'Family Name',
  'Nickname',
  'Notes',
  'Group Membership',
  'E-mail 1 - Type',
  'E-mail 1 - Value',
  'Phone 1 - Type',
  'Phone 1 - Value',
  'Phone 2 - Type',
  'Phone 2 - Value',
  'Organization 1 - Type',
  'Organization 1 - Name',
  'Organization 1 - Title',
];
const GOOGLE_NEW = [
  'First Name',
  'Middle Name',
  'Last Name',
  'Nickname',
  'File As',
  'Organization Name',
  'Organization Title',
  'Notes',
  'Labels',
  'E-mail 1 - Label',
  'E-mail 1 - Value',
  'Phone 1 - Label',
  'Phone 1 - Value',
  'Phone 2 - Label',
  'Phone 2 - Value',
];

function row(columns: string[], values: Record<string, string>): string[] {
  return columns.map((c) => values[c] ?? '');
}

describe('CSV header recognition', () => {
  it('recognises an Outlook export: name parts, company, the fax columns in order, categories', () => {
    const text = csv([
      OUTLOOK,
      row(OUTLOOK, {
        'First Name': 'Ann',
        'Middle Name': 'B.',
        'Last Name': 'Lee',
        Company: 'Acme Corp',
        'Business Fax': '(212) 555-0100',
        'Home Fax': '(212) 555-0199',
        Categories: 'Clients;VIP',
        Notes: 'Orders by fax',
      }),
      row(OUTLOOK, {
        'First Name': 'Bo',
        'Last Name': 'Chan',
        Company: 'Globex',
        'Other Fax': '+44 20 7946 0000',
        'Business Phone': '212 555 0111',
      }),
    ]);
    const read = readCsv(text);
    if (!read.ok) throw new Error(read.reason);
    const plan = planColumns(read.table.columns);
    expect(plan.layout).toBe('outlook');
    expect(plan.mapping.name).toEqual(['First Name', 'Middle Name', 'Last Name']);
    expect(plan.mapping.company).toEqual(['Company']);
    expect(plan.mapping.fax).toEqual(['Business Fax', 'Other Fax', 'Home Fax']);
    expect(plan.mapping.groups).toEqual(['Categories']);
    expect(plan.mapping.notes).toEqual(['Notes']);
    const [a, b] = candidatesFromCsv(read.table, plan.mapping);
    expect(a).toMatchObject({
      row: 2,
      name: 'Ann B. Lee',
      company: 'Acme Corp',
      faxRaw: '(212) 555-0100',
      groups: ['Clients', 'VIP'],
      notes: 'Orders by fax',
    });
    expect(b).toMatchObject({ row: 3, name: 'Bo Chan', company: 'Globex', faxRaw: '+44 20 7946 0000' });
  });

  it('recognises an older Google export: the phone whose type says Fax, Organization 1, group membership and stars', () => {
    const text = csv([
      GOOGLE_OLD,
      row(GOOGLE_OLD, {
        Name: 'Carla Diaz',
        'Given Name': 'Carla',
        'Family Name': 'Diaz',
        'Group Membership': '* myContacts ::: * starred ::: Suppliers',
        'Phone 1 - Type': 'Mobile',
        'Phone 1 - Value': '+1 415 555 0101',
        'Phone 2 - Type': 'Work Fax',
        'Phone 2 - Value': '+1 415 555 0102 ::: +1 415 555 0109',
        'Organization 1 - Name': 'Initech',
      }),
      row(GOOGLE_OLD, {
        Name: 'Dev Patel',
        'Phone 1 - Type': 'Home Fax',
        'Phone 1 - Value': '020 7946 0001',
        'Phone 2 - Type': '* Work Fax',
        'Phone 2 - Value': '+44 20 7946 0002',
      }),
      row(GOOGLE_OLD, { Name: 'Eve Only Phone', 'Phone 1 - Type': 'Work', 'Phone 1 - Value': '212 555 0123' }),
    ]);
    const read = readCsv(text);
    if (!read.ok) throw new Error(read.reason);
    const plan = planColumns(read.table.columns);
    expect(plan.layout).toBe('google');
    expect(plan.columns).toContain(TYPED_FAX_COLUMN);
    expect(plan.mapping).toMatchObject({
      name: ['Name'],
      company: ['Organization 1 - Name'],
      fax: [TYPED_FAX_COLUMN],
      groups: ['Group Membership'],
    });
    const [c, d, e] = candidatesFromCsv(read.table, plan.mapping);
    expect(c).toMatchObject({ name: 'Carla Diaz', company: 'Initech', faxRaw: '+1 415 555 0102', groups: ['Suppliers'], favourite: true });
    // A work fax wins over a home fax, whatever the order.
    expect(d).toMatchObject({ name: 'Dev Patel', faxRaw: '+44 20 7946 0002', favourite: false });
    expect(e?.faxRaw).toBe('');
  });

  it('recognises the current Google export (Phone N - Label, Organization Name, Labels)', () => {
    const text = csv([
      GOOGLE_NEW,
      row(GOOGLE_NEW, {
        'First Name': 'Fay',
        'Last Name': 'Wong',
        'Organization Name': 'Hooli',
        Labels: 'Partners ::: * myContacts',
        'Phone 1 - Label': 'Fax',
        'Phone 1 - Value': '650-555-0177',
      }),
    ]);
    const read = readCsv(text);
    if (!read.ok) throw new Error(read.reason);
    const plan = planColumns(read.table.columns);
    expect(plan.layout).toBe('google');
    expect(plan.mapping).toMatchObject({
      name: ['First Name', 'Middle Name', 'Last Name'],
      company: ['Organization Name'],
      fax: [TYPED_FAX_COLUMN],
      groups: ['Labels'],
    });
    expect(candidatesFromCsv(read.table, plan.mapping)[0]).toMatchObject({
      name: 'Fay Wong',
      company: 'Hooli',
      faxRaw: '650-555-0177',
      groups: ['Partners'],
    });
  });

  it('maps a custom semicolon-separated file by its column names, and honours a changed mapping', () => {
    const text = 'Firma;Contact name;Fax number;Phone;Comments\r\nUmbrella;Gus Fring;212.555.0144;212 555 0000;"Line one\nline two"\r\n';
    const read = readCsv(text);
    if (!read.ok) throw new Error(read.reason);
    expect(read.table.columns).toEqual(['Firma', 'Contact name', 'Fax number', 'Phone', 'Comments']);
    const plan = planColumns(read.table.columns);
    expect(plan.layout).toBe('generic');
    expect(plan.mapping).toMatchObject({ name: ['Contact name'], company: [], fax: ['Fax number'], notes: ['Comments'] });
    const mapped = candidatesFromCsv(read.table, { ...plan.mapping, company: ['Firma'] })[0];
    expect(mapped).toMatchObject({ name: 'Gus Fring', company: 'Umbrella', faxRaw: '212.555.0144', notes: 'Line one\nline two' });
    // Pointing the fax field at another column is the person's call.
    expect(candidatesFromCsv(read.table, { ...plan.mapping, fax: ['Phone'] })[0]?.faxRaw).toBe('212 555 0000');
  });

  it('refuses an empty file and a header without rows, saying so', () => {
    expect(readCsv('')).toMatchObject({ ok: false, reason: expect.stringMatching(/empty/) });
    expect(readCsv('Name,Fax\r\n')).toMatchObject({ ok: false, reason: expect.stringMatching(/no contacts/) });
  });
});
