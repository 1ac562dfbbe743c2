// An in-memory index of the address book for search as you type. SQLite's LIKE over 50,000
// rows takes 15–20 ms per keystroke here (a full scan plus a sort), over the 16 ms frame
// budget. This keeps, per sort order, the searchable text of every contact side by side in
// memory (one joined string, sliced), so a keystroke is one tight pass of `includes` over
// contiguous strings: about a millisecond. (Walking the contact objects themselves in sorted
// order is ten times slower: they are scattered over the heap.) The database stays the
// source of truth: contact-search.ts rebuilds or patches this from it.

import { formatFaxNumber } from '../../shared/fax-number.ts';
import type { ContactSort } from '../../shared/ipc/contract/contacts.ts';
import { buildView, matcher, narrows, type OrderView, rankAt, sameQuery } from './order-view.ts';
import type { IndexEntry, IndexRow } from './index-entry.ts';
import { digitsOf, foldText, type ParsedQuery, parseQuery } from './search-text.ts';

export type { IndexEntry, IndexRow } from './index-entry.ts';

export interface ListFilter {
  query: string;
  groupId?: number;
  favouritesOnly?: boolean;
  sort: ContactSort;
}

/** The matches of one list request, in order; entries are materialised only for the rows asked for. */
export interface Matches {
  readonly length: number;
  slice(start?: number, end?: number): IndexEntry[];
}

export interface ContactIndex {
  readonly size: number;
  get(id: number): IndexEntry | undefined;
  /** Every match in the chosen order (recent answers are kept, so paging and backspace are free). */
  list(filter: ListFilter): Matches;
  /** Best matches first: starts-with, then a word start, then anywhere; favourites first in each. */
  rank(query: string, limit: number, groupId?: number): IndexEntry[];
  upsert(row: IndexRow): void;
  remove(id: number): void;
}

const SORTS: readonly ContactSort[] = ['name', 'company', 'recent'];

function toEntry(row: IndexRow): IndexEntry {
  return { ...row, nameKey: foldText(row.name), companyKey: foldText(row.company), digits: row.faxNumber || digitsOf(row.faxRaw) };
}

export function displayOf(entry: IndexEntry): string {
  entry.display ??= formatFaxNumber(entry.faxNumber, entry.faxRaw);
  return entry.display;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const COMPARE: Record<ContactSort, (a: IndexEntry, b: IndexEntry) => number> = {
  // A contact with no name is listed under its company.
  name: (a, b) => byString(a.nameKey || a.companyKey, b.nameKey || b.companyKey) || byString(a.companyKey, b.companyKey) || a.id - b.id,
  // Contacts with no company go last.
  company: (a, b) =>
    Number(!a.companyKey) - Number(!b.companyKey) || byString(a.companyKey, b.companyKey) || byString(a.nameKey, b.nameKey) || a.id - b.id,
  recent: (a, b) => b.createdAt - a.createdAt || b.id - a.id,
};

export function createContactIndex(rows: readonly IndexRow[]): ContactIndex {
  const byId = new Map<number, IndexEntry>();
  for (const row of rows) byId.set(row.id, toEntry(row));
  const orders = {} as Record<ContactSort, IndexEntry[]>;
  for (const sort of SORTS) orders[sort] = [...byId.values()].sort(COMPARE[sort]);
  let views: Partial<Record<ContactSort, OrderView>> = {};
  // Recent answers: backspace finds its answer here, and a query that only grows (the usual
  // typing) searches within the previous answer when that is smaller than the whole book.
  let recent: Array<{ filter: ListFilter; q: ParsedQuery; positions: number[] }> = [];

  const viewOf = (sort: ContactSort): OrderView => {
    let v = views[sort];
    if (!v) {
      v = buildView(orders[sort]);
      views[sort] = v;
    }
    return v;
  };

  function groupPositions(v: OrderView, groupId: number): Int32Array {
    let members = v.groups.get(groupId);
    if (!members) {
      const found: number[] = [];
      v.entries.forEach((e, p) => {
        if (e.groupIds.includes(groupId)) found.push(p);
      });
      members = Int32Array.from(found);
      v.groups.set(groupId, members);
    }
    return members;
  }

  function positionsFor(filter: ListFilter): { v: OrderView; q: ParsedQuery; positions: number[] } {
    const v = viewOf(filter.sort);
    const q = parseQuery(filter.query);
    const same = (f: ListFilter) =>
      f.sort === filter.sort && (f.groupId ?? 0) === (filter.groupId ?? 0) && !!f.favouritesOnly === !!filter.favouritesOnly;
    const hit = recent.find((r) => same(r.filter) && sameQuery(r.q, q));
    if (hit) return { v, q, positions: hit.positions };
    const test = matcher(q);
    const positions: number[] = [];
    const base = recent.find((r) => same(r.filter) && narrows(r.q, q) && r.positions.length < v.entries.length / 4);
    if (base) {
      for (const p of base.positions) if (test(v, p)) positions.push(p);
    } else if (filter.groupId !== undefined) {
      for (const p of groupPositions(v, filter.groupId)) {
        if (filter.favouritesOnly && !v.favourite[p]) continue;
        if (test(v, p)) positions.push(p);
      }
    } else {
      const n = v.entries.length;
      for (let p = 0; p < n; p++) {
        if (filter.favouritesOnly && !v.favourite[p]) continue;
        if (test(v, p)) positions.push(p);
      }
    }
    recent = [{ filter, q, positions }, ...recent.slice(0, 7)];
    return { v, q, positions };
  }

  function changed(): void {
    views = {};
    recent = [];
  }

  function insertSorted(sort: ContactSort, entry: IndexEntry): void {
    const order = orders[sort];
    const cmp = COMPARE[sort];
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(order[mid] as IndexEntry, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    order.splice(lo, 0, entry);
  }

  function removeFromOrders(entry: IndexEntry): void {
    for (const sort of SORTS) {
      const order = orders[sort];
      const at = order.indexOf(entry);
      if (at >= 0) order.splice(at, 1);
    }
  }

  return {
    get size() {
      return byId.size;
    },
    get: (id) => byId.get(id),
    list(filter) {
      const { v, positions } = positionsFor(filter);
      return {
        length: positions.length,
        slice: (start = 0, end = positions.length) => positions.slice(start, end).map((p) => v.entries[p] as IndexEntry),
      };
    },
    rank(query, limit, groupId) {
      const { v, q, positions } = positionsFor({ query, groupId, sort: 'name' });
      // Six buckets: (starts-with, word start, anywhere) × (favourite, not), each in name order.
      const buckets: number[][] = [[], [], [], [], [], []];
      for (const p of positions) {
        const bucket = buckets[rankAt(v, p, q) * 2 + (v.favourite[p] ? 0 : 1)] as number[];
        if (bucket.length < limit) bucket.push(p);
        // Nothing later can come before a full first bucket.
        if ((buckets[0] as number[]).length >= limit) break;
      }
      return buckets
        .flat()
        .slice(0, limit)
        .map((p) => v.entries[p] as IndexEntry);
    },
    upsert(row) {
      const old = byId.get(row.id);
      if (old) removeFromOrders(old);
      const entry = toEntry(row);
      byId.set(row.id, entry);
      for (const sort of SORTS) insertSorted(sort, entry);
      changed();
    },
    remove(id) {
      const old = byId.get(id);
      if (!old) return;
      byId.delete(id);
      removeFromOrders(old);
      changed();
    },
  };
}
