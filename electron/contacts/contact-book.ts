// The address book as the app uses it: checked writes (every number through the shared fax
// rules), fast reads through the search index, groups. Electron-free; the IPC handlers are
// thin glue over this.

import { checkHeader, normalizeFaxNumber } from '../../shared/fax-rules.ts';
import type {
  ContactDetail,
  ContactField,
  ContactGroup,
  ContactInput,
  ContactList,
  ContactRecipient,
  ContactSummary,
  ListContactsRequest,
  SaveContactResult,
} from '../../shared/ipc/contract/contacts.ts';
import {
  type Contact,
  deleteContacts,
  findContactsByNumber,
  getContact,
  insertContact,
  setFavourite,
  updateContact,
} from '../store/contacts-repo.ts';
import { createGroup, deleteGroup, listGroups, renameGroup } from '../store/groups-repo.ts';
import type { Db } from '../store/sql.ts';
import { formatFaxNumber } from '../../shared/fax-number.ts';
import { displayOf, type IndexEntry } from './contact-index.ts';
import { type ContactSearch, createContactSearch } from './contact-search.ts';
import { defaultToHeader } from './to-header.ts';

export type ChangeReason = 'saved' | 'deleted' | 'imported' | 'groups';

export interface ContactBookOptions {
  db: Db;
  /** Country assumed for numbers typed without one (the defaultCountry setting). */
  defaultCountry: () => string;
  onChanged?: (reason: ChangeReason) => void;
  now?: () => number;
}

export interface ContactBook {
  readonly db: Db;
  readonly search: ContactSearch;
  defaultCountry(): string;
  list(req: Required<Omit<ListContactsRequest, 'groupId'>> & { groupId?: number }): ContactList;
  searchRecipients(query: string, limit: number, groupId?: number): ContactRecipient[];
  get(id: number): ContactDetail | undefined;
  save(input: Required<Omit<ContactInput, 'id'>> & { id?: number }): SaveContactResult;
  remove(ids: readonly number[]): number;
  setFavourite(id: number, favourite: boolean): boolean;
  listGroups(): ContactGroup[];
  saveGroup(id: number | undefined, name: string): { ok: true; group: ContactGroup } | { ok: false; reason: string };
  deleteGroup(id: number): boolean;
  groupRecipients(groupId: number): { items: ContactRecipient[]; skipped: number };
  /** Bulk writes (import) call this when done. */
  changed(reason: ChangeReason): void;
}

function summaryOf(e: IndexEntry): ContactSummary {
  return { id: e.id, name: e.name, company: e.company, faxNumber: e.faxNumber, faxDisplay: displayOf(e), favourite: e.favourite };
}

function recipientOf(e: IndexEntry): ContactRecipient {
  return {
    contactId: e.id,
    name: e.name,
    company: e.company,
    faxNumber: e.faxNumber,
    faxDisplay: displayOf(e),
    toHeader: defaultToHeader(e),
  };
}

function detailOf(c: Contact): ContactDetail {
  return {
    id: c.id,
    name: c.name,
    company: c.company,
    faxNumber: c.faxNumber,
    faxDisplay: formatFaxNumber(c.faxNumber, c.faxRaw),
    favourite: c.favourite,
    faxRaw: c.faxRaw,
    toHeader: c.toHeader,
    defaultToHeader: defaultToHeader(c),
    notes: c.notes,
    groupIds: c.groupIds,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function createContactBook(opts: ContactBookOptions): ContactBook {
  const { db } = opts;
  const search = createContactSearch(db);
  const now = opts.now ?? Date.now;
  const changed = (reason: ChangeReason) => opts.onChanged?.(reason);

  function knownGroupIds(ids: readonly number[]): number[] {
    const known = new Set(listGroups(db).map((g) => g.id));
    return ids.filter((id) => known.has(id));
  }

  return {
    db,
    search,
    defaultCountry: opts.defaultCountry,
    list(req) {
      const all = search.list({ query: req.query, groupId: req.groupId, favouritesOnly: req.favouritesOnly, sort: req.sort });
      return { total: all.length, offset: req.offset, items: all.slice(req.offset, req.offset + req.limit).map(summaryOf) };
    },
    searchRecipients(query, limit, groupId) {
      return search
        .rank(query, limit, groupId)
        .filter((e) => e.faxNumber)
        .map(recipientOf);
    },
    get(id) {
      const c = getContact(db, id);
      return c && detailOf(c);
    },
    save(input) {
      const errors: Partial<Record<ContactField, string>> = {};
      if (!input.name.trim() && !input.company.trim()) errors.name = 'Give the contact a name or a company, so you can find it again.';
      const number = normalizeFaxNumber(input.fax, opts.defaultCountry());
      if (!number.ok) errors.fax = number.reason;
      const header = checkHeader('To', input.toHeader);
      if (!header.ok) errors.toHeader = header.reason;
      if (!number.ok || Object.keys(errors).length) return { ok: false, errors };
      const fields = {
        name: input.name,
        company: input.company,
        faxRaw: input.fax,
        faxNumber: number.value.digits,
        toHeader: input.toHeader,
        notes: input.notes,
        favourite: input.favourite,
        groupIds: knownGroupIds(input.groupIds),
      };
      let saved: Contact | undefined;
      if (input.id !== undefined) {
        saved = updateContact(db, input.id, fields, now());
        if (!saved) return { ok: false, errors: { name: 'This contact was deleted in the meantime: add it again.' } };
      } else {
        saved = insertContact(db, fields, now());
      }
      search.refreshContact(saved.id);
      changed('saved');
      const sameNumberAs = findContactsByNumber(db, saved.faxNumber)
        .filter((c) => c.id !== saved.id)
        .map((c) => ({ id: c.id, name: c.name, company: c.company }));
      return { ok: true, contact: detailOf(saved), sameNumberAs };
    },
    remove(ids) {
      const n = deleteContacts(db, ids);
      if (ids.length > 20) search.invalidate();
      else for (const id of ids) search.refreshContact(id);
      if (n) changed('deleted');
      return n;
    },
    setFavourite(id, favourite) {
      const ok = setFavourite(db, id, favourite, now());
      if (ok) {
        search.refreshContact(id);
        changed('saved');
      }
      return ok;
    },
    listGroups: () => listGroups(db).map((g) => ({ id: g.id, name: g.name, members: g.members })),
    saveGroup(id, name) {
      const clean = name.trim();
      if (!clean) return { ok: false, reason: 'Give the group a name.' };
      const taken = listGroups(db).find((g) => g.name.toLowerCase() === clean.toLowerCase() && g.id !== id);
      if (taken) return { ok: false, reason: `There is already a group called “${taken.name}”: choose another name.` };
      let group: ContactGroup | undefined;
      if (id === undefined) {
        const g = createGroup(db, clean, now());
        group = { id: g.id, name: g.name, members: g.members };
      } else {
        if (!renameGroup(db, id, clean)) return { ok: false, reason: 'This group was deleted in the meantime.' };
        group = this.listGroups().find((g) => g.id === id);
      }
      changed('groups');
      return group ? { ok: true, group } : { ok: false, reason: 'This group was deleted in the meantime.' };
    },
    deleteGroup(id) {
      const ok = deleteGroup(db, id);
      if (ok) {
        search.invalidate();
        changed('groups');
      }
      return ok;
    },
    groupRecipients(groupId) {
      const members = search.list({ query: '', groupId, sort: 'name' }).slice();
      const items = members.filter((e) => e.faxNumber).map(recipientOf);
      return { items, skipped: members.length - items.length };
    },
    changed(reason) {
      search.invalidate();
      changed(reason);
    },
  };
}
