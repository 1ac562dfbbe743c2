import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertContact } from '../../../electron/store/contacts-repo.ts';
import { openTestBook, type TestBook } from './helpers.ts';

let t: TestBook;
beforeEach(() => {
  t = openTestBook();
});
afterEach(() => t.close());

const blank = { name: '', company: '', fax: '', toHeader: '', notes: '', favourite: false, groupIds: [] as number[] };

function add(fields: Partial<typeof blank>) {
  const r = t.book.save({ ...blank, ...fields });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.contact;
}

describe('saving contacts', () => {
  it('normalises the number with the shared rules and derives a To header', () => {
    const c = add({ name: 'Jürgen Müller-Lüdenscheidt', company: 'Stahlwerk', fax: '(212) 555-0100' });
    expect(c).toMatchObject({ faxNumber: '12125550100', faxDisplay: '+1 212 555 0100', faxRaw: '(212) 555-0100', toHeader: '' });
    expect(c.defaultToHeader).toBe('Jurgen Muller-L');
  });

  it('refuses a bad number, a bad header and a nameless contact, each with its reason', () => {
    const r = t.book.save({ ...blank, fax: '555-0100', toHeader: 'Zoë’s office desk' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.fax).toMatch(/too short/);
    expect(r.errors.toHeader).toMatch(/position 3/);
    expect(r.errors.name).toMatch(/name or a company/);
  });

  it('tells when another contact has the same number', () => {
    const a = add({ name: 'Ann', fax: '212 555 0100' });
    const r = t.book.save({ ...blank, name: 'Bob', fax: '+1 (212) 555-0100' });
    expect(r.ok && r.sameNumberAs).toEqual([{ id: a.id, name: 'Ann', company: '' }]);
  });

  it('keeps group memberships (a contact in several groups) and drops unknown group ids', () => {
    const g1 = t.book.saveGroup(undefined, 'Clients');
    const g2 = t.book.saveGroup(undefined, 'VIP');
    if (!g1.ok || !g2.ok) throw new Error('groups');
    expect(t.book.saveGroup(undefined, 'clients')).toMatchObject({ ok: false, reason: expect.stringMatching(/already a group/) });
    const c = add({ name: 'Ann', fax: '212 555 0100', groupIds: [g1.group.id, g2.group.id, 999] });
    expect(c.groupIds.sort()).toEqual([g1.group.id, g2.group.id].sort());
    expect(t.book.listGroups().map((g) => [g.name, g.members])).toEqual([
      ['Clients', 1],
      ['VIP', 1],
    ]);
    expect(t.book.groupRecipients(g2.group.id).items.map((r) => r.name)).toEqual(['Ann']);
  });
});

describe('search as you type', () => {
  beforeEach(() => {
    add({ name: 'Ann Lee', company: 'Acme Widgets', fax: '212 555 0100' });
    add({ name: 'Bob Stone', company: 'Globex', fax: '+44 20 7946 0000', favourite: true });
    add({ name: 'Carla Acosta', company: 'Initech', fax: '415-555-0123' });
    add({ name: 'Müller', company: 'Stahlwerk', fax: '212 555 0199' });
  });
  const names = (query: string, extra: object = {}) =>
    t.book.list({ query, favouritesOnly: false, sort: 'name', offset: 0, limit: 50, ...extra }).items.map((c) => c.name);

  it('finds by part of the company, name, or accents left out', () => {
    expect(names('widg')).toEqual(['Ann Lee']);
    expect(names('ACME')).toEqual(['Ann Lee']);
    expect(names('ac')).toEqual(['Ann Lee', 'Carla Acosta']);
    expect(names('muller')).toEqual(['Müller']);
    expect(names('stone glob')).toEqual(['Bob Stone']);
  });

  it('finds numbers by digits typed with any punctuation', () => {
    expect(names('(212) 555')).toEqual(['Ann Lee', 'Müller']);
    expect(names('555-0123')).toEqual(['Carla Acosta']);
    expect(names('+44 20 79')).toEqual(['Bob Stone']);
  });

  it('sorts, filters favourites, and ranks starts-with first for autocomplete', () => {
    expect(names('', { sort: 'company' })).toEqual(['Ann Lee', 'Bob Stone', 'Carla Acosta', 'Müller']);
    expect(names('', { favouritesOnly: true })).toEqual(['Bob Stone']);
    expect(t.book.searchRecipients('ac', 10).map((r) => r.name)).toEqual(['Ann Lee', 'Carla Acosta']);
    expect(t.book.searchRecipients('a', 10)[0]?.name).toBe('Ann Lee');
    expect(t.book.searchRecipients('o', 10)[0]?.name).toBe('Bob Stone'); // a favourite, among matches anywhere
    expect(t.book.searchRecipients('bob', 1)[0]).toEqual({
      contactId: expect.any(Number),
      name: 'Bob Stone',
      company: 'Globex',
      faxNumber: '442079460000',
      faxDisplay: '+44 20 7946 0000',
      toHeader: 'Bob Stone',
    });
  });

  it('sees writes made behind its back (another module on the same database)', () => {
    expect(names('zed')).toEqual([]);
    insertContact(t.store.db, { name: 'Zed Zulu', faxRaw: '212 555 0111', faxNumber: '12125550111' });
    expect(names('zed')).toEqual(['Zed Zulu']);
    t.store.db.exec("UPDATE contacts SET name = 'Zed Renamed', updated_at = updated_at + 1000 WHERE name = 'Zed Zulu'");
    expect(names('zed')).toEqual(['Zed Renamed']);
  });

  it('updates the list after edits, deletes and favourites', () => {
    const carla = t.book.list({ query: 'carla', favouritesOnly: false, sort: 'name', offset: 0, limit: 5 }).items[0];
    if (!carla) throw new Error('missing');
    t.book.setFavourite(carla.id, true);
    expect(names('', { favouritesOnly: true })).toEqual(['Bob Stone', 'Carla Acosta']);
    t.book.save({ ...blank, id: carla.id, name: 'Carla Zapata', company: 'Initech', fax: '415-555-0123', favourite: true });
    expect(names('acosta')).toEqual([]);
    expect(names('zapata')).toEqual(['Carla Zapata']);
    expect(names('', { sort: 'name' })).toEqual(['Ann Lee', 'Bob Stone', 'Carla Zapata', 'Müller']);
    t.book.remove([carla.id]);
    expect(names('carla')).toEqual([]);
  });
});

describe('the default To header', () => {
  it('uses the name when it fits, an initial when that fits, else cuts at a word', async () => {
    const { defaultToHeader } = await import('../../../electron/contacts/to-header.ts');
    const h = (name: string, company = '', toHeader = '') => defaultToHeader({ name, company, toHeader });
    expect(h('Ann Lee')).toBe('Ann Lee');
    expect(h('Person Number 500')).toBe('P. Number 500');
    expect(h('Jürgen Müller-Lüdenscheidt')).toBe('Jurgen Muller-L');
    expect(h('', 'Zephyrine Shipping Lines')).toBe('Zephyrine');
    expect(h('Ann Lee', '', 'ACME Sales')).toBe('ACME Sales');
    for (const name of ['Zoë’s Café — Ünïcode', 'Ωμέγα', 'Bartholomew Fitzgerald-Smythe Jr']) {
      const header = h(name, 'Fallback Company');
      expect(header.length).toBeLessThanOrEqual(15);
      expect(header).toMatch(/^[\x20-\x7e]*$/);
    }
  });
});

describe('number display', () => {
  it('lays out North American numbers exactly as the shared rules do, and others through them', async () => {
    const { formatFaxNumber: displayNumber } = await import('../../../shared/fax-number.ts');
    const { normalizeFaxNumber } = await import('../../../shared/fax-rules.ts');
    for (const typed of ['212 555 0100', '(415) 555-0199', '+1 800 555 0123', '+1 416 555 0145', '+44 20 7946 0000', '+49 30 1234567']) {
      const n = normalizeFaxNumber(typed);
      if (!n.ok) throw new Error(n.reason);
      expect(displayNumber(n.value.digits, typed)).toBe(n.value.display);
    }
    expect(displayNumber('', '555-CALL')).toBe('555-CALL');
  });
});
