import type { StateCreator } from 'zustand';
import type {
  ContactDetail,
  ContactGroup,
  ContactRecipient,
  ContactSort,
  ContactSummary,
} from '../../../../shared/ipc/contract/contacts.ts';
import { call } from '../../ipc/api.ts';
import { messageOf } from '../../ipc/message-of.ts';
import type { RootState } from '../index.ts';

/** Rows fetched per request as the list scrolls. */
export const CONTACT_PAGE_SIZE = 100;

export type ContactFilter = { kind: 'all' } | { kind: 'favourites' } | { kind: 'group'; groupId: number };

export interface ContactsSlice {
  contactQuery: string;
  contactSort: ContactSort;
  contactFilter: ContactFilter;
  /** Matches for the current query and filter (the virtual list's length). */
  contactTotal: number;
  /** Fetched rows by page index; pages not yet fetched are absent. */
  contactPages: Record<number, ContactSummary[]>;
  /** Bumps whenever the list must be fetched afresh (query, filter, sort, a change in main). */
  contactListVersion: number;
  /** Bumps when the list starts over (new query, filter or sort): the view goes back to the top. */
  contactListResets: number;
  contactListLoaded: boolean;
  contactListError: string | undefined;
  contactGroups: ContactGroup[];
  selectedContactId: number | undefined;
  selectedContact: ContactDetail | undefined;
  /** Recipients handed to Compose ("Fax this contact/group"); Compose takes them with takePendingRecipients(). */
  pendingRecipients: ContactRecipient[];

  setContactQuery(query: string): Promise<void>;
  setContactSort(sort: ContactSort): Promise<void>;
  setContactFilter(filter: ContactFilter): Promise<void>;
  /** Starts the list over for the current query, filter and sort: the first page, from the top. */
  reloadContacts(): Promise<void>;
  /** After a change in main: re-fetches the pages on screen in place (no jump, no flash). */
  refreshContacts(): Promise<void>;
  loadContactPage(page: number): Promise<void>;
  loadContactGroups(): Promise<void>;
  selectContact(id: number | undefined): Promise<void>;
  toggleContactFavourite(id: number, favourite: boolean): Promise<void>;
  /** Opens Compose with these recipients filled in. */
  faxContacts(recipients: ContactRecipient[]): void;
  /** Compose calls this once it shows the recipients: returns them and empties the list. */
  takePendingRecipients(): ContactRecipient[];
}

// Each list request carries the version it was made for; an answer to an older one is dropped.
const inFlightPages = new Set<string>();

function listRequest(s: RootState, page: number) {
  const f = s.contactFilter;
  return {
    query: s.contactQuery,
    sort: s.contactSort,
    favouritesOnly: f.kind === 'favourites',
    groupId: f.kind === 'group' ? f.groupId : undefined,
    offset: page * CONTACT_PAGE_SIZE,
    limit: CONTACT_PAGE_SIZE,
  };
}

export function summaryToRecipient(c: ContactDetail): ContactRecipient {
  return {
    contactId: c.id,
    name: c.name,
    company: c.company,
    faxNumber: c.faxNumber,
    faxDisplay: c.faxDisplay,
    toHeader: c.defaultToHeader,
  };
}

export const createContactsSlice: StateCreator<RootState, [], [], ContactsSlice> = (set, get) => {
  async function fetchFirstPage(): Promise<void> {
    const version = get().contactListVersion + 1;
    set((s) => ({ contactListVersion: version, contactListResets: s.contactListResets + 1 }));
    try {
      const list = await call('listContacts', listRequest(get(), 0));
      if (get().contactListVersion !== version) return;
      set({ contactTotal: list.total, contactPages: { 0: list.items }, contactListLoaded: true, contactListError: undefined });
    } catch (err) {
      if (get().contactListVersion !== version) return;
      set({ contactListError: messageOf(err), contactListLoaded: true });
    }
  }

  return {
    contactQuery: '',
    contactSort: 'name',
    contactFilter: { kind: 'all' },
    contactTotal: 0,
    contactPages: {},
    contactListVersion: 0,
    contactListResets: 0,
    contactListLoaded: false,
    contactListError: undefined,
    contactGroups: [],
    selectedContactId: undefined,
    selectedContact: undefined,
    pendingRecipients: [],

    setContactQuery(query) {
      set({ contactQuery: query });
      return fetchFirstPage();
    },
    setContactSort(sort) {
      set({ contactSort: sort });
      return fetchFirstPage();
    },
    setContactFilter(filter) {
      set({ contactFilter: filter });
      return fetchFirstPage();
    },
    reloadContacts: fetchFirstPage,

    async refreshContacts() {
      const version = get().contactListVersion + 1;
      const pages = Object.keys(get().contactPages).map(Number);
      set({ contactListVersion: version });
      try {
        const lists = await Promise.all(
          (pages.length ? pages : [0]).map(async (page) => [page, await call('listContacts', listRequest(get(), page))] as const),
        );
        if (get().contactListVersion !== version) return;
        const total = lists[0]?.[1].total ?? 0;
        set({
          contactTotal: total,
          contactPages: Object.fromEntries(lists.map(([page, list]) => [page, list.items])),
          contactListError: undefined,
        });
      } catch (err) {
        if (get().contactListVersion === version) set({ contactListError: messageOf(err) });
      }
    },

    async loadContactPage(page) {
      const s = get();
      const version = s.contactListVersion;
      const key = `${version}:${page}`;
      if (s.contactPages[page] || inFlightPages.has(key)) return;
      inFlightPages.add(key);
      try {
        const list = await call('listContacts', listRequest(s, page));
        if (get().contactListVersion !== version) return;
        set((now) => ({ contactTotal: list.total, contactPages: { ...now.contactPages, [page]: list.items } }));
      } catch (err) {
        if (get().contactListVersion === version) set({ contactListError: messageOf(err) });
      } finally {
        inFlightPages.delete(key);
      }
    },

    async loadContactGroups() {
      try {
        const { groups } = await call('listGroups');
        const f = get().contactFilter;
        // A group deleted elsewhere cannot stay the filter.
        if (f.kind === 'group' && !groups.some((g) => g.id === f.groupId)) {
          set({ contactGroups: groups });
          await get().setContactFilter({ kind: 'all' });
          return;
        }
        set({ contactGroups: groups });
      } catch (err) {
        set({ contactListError: messageOf(err) });
      }
    },

    async selectContact(id) {
      set({ selectedContactId: id, selectedContact: id === get().selectedContact?.id ? get().selectedContact : undefined });
      if (id === undefined) return;
      try {
        const { contact } = await call('getContact', { id });
        if (get().selectedContactId !== id) return;
        set({ selectedContact: contact ?? undefined, selectedContactId: contact ? id : undefined });
      } catch (err) {
        get().pushToast({ level: 'error', title: 'Could not open the contact', message: messageOf(err) });
      }
    },

    async toggleContactFavourite(id, favourite) {
      try {
        await call('setFavourite', { id, favourite });
        const sel = get().selectedContact;
        if (sel?.id === id) set({ selectedContact: { ...sel, favourite } });
        // Patch the row in place so the star changes without a refetch jump.
        set((s) => ({
          contactPages: Object.fromEntries(
            Object.entries(s.contactPages).map(([k, rows]) => [k, rows.map((r) => (r.id === id ? { ...r, favourite } : r))]),
          ),
        }));
      } catch (err) {
        get().pushToast({ level: 'error', title: 'Could not change the favourite', message: messageOf(err) });
      }
    },

    faxContacts(recipients) {
      set({ pendingRecipients: recipients });
      get().navigate('compose');
    },
    takePendingRecipients() {
      const taken = get().pendingRecipients;
      if (taken.length) set({ pendingRecipients: [] });
      return taken;
    },
  };
};
