import { describe, expect, it } from 'vitest';
import { createContactIndex, type IndexRow } from '../../../electron/contacts/contact-index.ts';
import { digitsOf, foldText, isNumberLike } from '../../../electron/contacts/search-text.ts';

function rng(seed: number) {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const NAMES = ['Ann Lee', 'Bob Stone', 'Zoë Müller', 'Carla 7 Acosta', 'Dev Patel', 'Éva Kovács', 'Jon Smith', 'Smithers'];
const COMPANIES = ['Acme', 'Acme Widgets', 'Globex 12', 'Initech', '', 'Umbrella Corp', 'Stahlwerk GmbH'];

function rows(n: number): IndexRow[] {
  const r = rng(7);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)] as T;
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    name: pick(NAMES),
    company: pick(COMPANIES),
    faxRaw: '',
    faxNumber: `1${212 + Math.floor(r() * 700)}${String(Math.floor(r() * 10_000_000)).padStart(7, '0')}`,
    toHeader: '',
    favourite: r() < 0.2,
    createdAt: Math.floor(r() * 1000),
    groupIds: r() < 0.3 ? [1] : r() < 0.5 ? [1, 2] : [],
  }));
}

/** The rules spelled out plainly, to check the index's shortcuts (pre-sliced text, narrowing, caching) against. */
function naive(all: IndexRow[], query: string, groupId?: number, favouritesOnly = false): number[] {
  const q = query.trim();
  return all
    .filter((c) => (groupId === undefined || c.groupIds.includes(groupId)) && (!favouritesOnly || c.favourite))
    .filter((c) => {
      const hay = `${foldText(c.name)}\n${foldText(c.company)}`;
      if (!q) return true;
      if (isNumberLike(q)) return c.faxNumber.includes(digitsOf(q)) || hay.includes(foldText(q).replace(/\s+/g, ' '));
      return foldText(q)
        .split(/\s+/)
        .every((w) => hay.includes(w) || (/\d/.test(w) && c.faxNumber.includes(digitsOf(w))));
    })
    .map((c) => c.id)
    .sort((a, b) => a - b);
}

describe('the search index', () => {
  const data = rows(600);
  const index = createContactIndex(data);
  const ids = (query: string, groupId?: number, favouritesOnly = false) =>
    index
      .list({ query, groupId, favouritesOnly, sort: 'name' })
      .slice()
      .map((e) => e.id)
      .sort((a, b) => a - b);

  it('agrees with a plain filter while typing forward, backspacing and switching filters', () => {
    const typed = [
      'a',
      'ac',
      'acm',
      'acme',
      'acme ',
      'acme w',
      'acme',
      'ac',
      'sm',
      'smi',
      'smith',
      'smithe',
      'mu',
      'mül',
      'muller',
      '2',
      '21',
      '212',
      '212 5',
      '(212) 55',
      'c',
      'ca',
      'carla 7',
      'carla 71',
      '7',
      'globex 1',
      'globex 12',
      'ev',
      'eva',
      'éva k',
    ];
    for (const [groupId, favouritesOnly] of [
      [undefined, false],
      [1, false],
      [2, true],
      [undefined, true],
    ] as const) {
      for (const q of typed)
        expect(ids(q, groupId, favouritesOnly), `${q} / group ${groupId} / fav ${favouritesOnly}`).toEqual(
          naive(data, q, groupId, favouritesOnly),
        );
    }
  });

  it('keeps agreeing after edits and deletes', () => {
    index.upsert({ ...(data[0] as IndexRow), name: 'Acme Renamed Person', favourite: true });
    data[0] = { ...(data[0] as IndexRow), name: 'Acme Renamed Person', favourite: true };
    index.remove(2);
    data.splice(1, 1);
    for (const q of ['acme', 'renamed', 'a', '']) expect(ids(q)).toEqual(naive(data, q));
    expect(index.list({ query: '', sort: 'name' }).length).toBe(599);
  });

  it('orders by name, company and recency', () => {
    const byName = index
      .list({ query: '', sort: 'name' })
      .slice()
      .map((e) => foldText(e.name || e.company));
    expect(byName).toEqual([...byName].sort());
    const byCompany = index.list({ query: '', sort: 'company' }).slice();
    const withCompany = byCompany.filter((e) => e.company);
    expect(byCompany.slice(0, withCompany.length)).toEqual(withCompany); // no company goes last
    const recent = index
      .list({ query: '', sort: 'recent' })
      .slice()
      .map((e) => e.createdAt);
    expect(recent).toEqual([...recent].sort((a, b) => b - a));
  });
});
