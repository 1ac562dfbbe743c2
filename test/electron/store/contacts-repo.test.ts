import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  countContacts,
  deleteContact,
  deleteContacts,
  findContactsByNumber,
  getContact,
  insertContact,
  insertContacts,
  listContacts,
  searchContacts,
  setFavourite,
  updateContact,
} from '../../../electron/store/contacts-repo.ts';
import {
  addToGroup,
  createGroup,
  deleteGroup,
  getGroup,
  groupsOfContact,
  listGroupMembers,
  listGroups,
  removeFromGroup,
  renameGroup,
} from '../../../electron/store/groups-repo.ts';
import { tempStore } from './helpers.ts';

let s: ReturnType<typeof tempStore>;
beforeEach(() => {
  s = tempStore();
});
afterEach(() => s.cleanup());

const alice = { name: 'Alice Martin', company: 'Acme Legal', faxRaw: '(212) 555-0100', faxNumber: '12125550100', toHeader: 'A. Martin' };
const bob = { name: 'Bob Stone', company: 'Stone & Co', faxRaw: '+44 20 7946 0000', faxNumber: '442079460000' };
const carol = { name: 'Carol Acker', company: 'Northwind', faxRaw: '312-555-0199', faxNumber: '13125550199', favourite: true };

describe('contacts', () => {
  it('inserts, reads, updates and deletes', () => {
    const a = insertContact(s.db, alice, 1000);
    expect(a).toMatchObject({ ...alice, notes: '', favourite: false, groupIds: [], createdAt: 1000, updatedAt: 1000 });
    const u = updateContact(s.db, a.id, { notes: 'Call first', favourite: true }, 2000);
    expect(u).toMatchObject({ name: 'Alice Martin', notes: 'Call first', favourite: true, updatedAt: 2000, createdAt: 1000 });
    expect(setFavourite(s.db, a.id, false)).toBe(true);
    expect(getContact(s.db, a.id)?.favourite).toBe(false);
    expect(updateContact(s.db, 999, { name: 'x' })).toBeUndefined();
    expect(deleteContact(s.db, a.id)).toBe(true);
    expect(getContact(s.db, a.id)).toBeUndefined();
  });

  it('imports many in one transaction, all or none', () => {
    const ids = insertContacts(s.db, [alice, bob, carol]);
    expect(ids).toHaveLength(3);
    expect(countContacts(s.db)).toBe(3);
    // The second row breaks a constraint (unknown group): nothing of the batch stays.
    expect(() => insertContacts(s.db, [alice, { ...bob, groupIds: [12345] }])).toThrow();
    expect(countContacts(s.db)).toBe(3);
    expect(deleteContacts(s.db, ids.slice(0, 2))).toBe(2);
    expect(countContacts(s.db)).toBe(1);
  });

  it('searches as you type over name, company and number; prefix matches and favourites first', () => {
    insertContacts(s.db, [alice, bob, carol]);
    // 'Acme Legal' starts with it; 'Carol Acker' has a word starting with it; 'Bob Stone & Co' has it nowhere.
    expect(searchContacts(s.db, 'ac').map((c) => c.name)).toEqual(['Alice Martin', 'Carol Acker']);
    expect(searchContacts(s.db, 'ar').map((c) => c.name)).toEqual(['Carol Acker', 'Alice Martin']);
    expect(searchContacts(s.db, 'STONE').map((c) => c.name)).toEqual(['Bob Stone']);
    expect(searchContacts(s.db, 'mart').map((c) => c.name)).toEqual(['Alice Martin']);
    expect(
      searchContacts(s.db, '555-01')
        .map((c) => c.name)
        .sort(),
    ).toEqual(['Alice Martin', 'Carol Acker']);
    expect(searchContacts(s.db, '7946').map((c) => c.name)).toEqual(['Bob Stone']);
    expect(searchContacts(s.db, '%')).toEqual([]);
    expect(searchContacts(s.db, 'a', { limit: 1 })).toHaveLength(1);
    expect(searchContacts(s.db, '').map((c) => c.name)[0]).toBe('Carol Acker');
    expect(findContactsByNumber(s.db, '12125550100').map((c) => c.name)).toEqual(['Alice Martin']);
  });

  it('lists favourites first, pages, and filters', () => {
    insertContacts(s.db, [alice, bob, carol]);
    expect(listContacts(s.db).map((c) => c.name)).toEqual(['Carol Acker', 'Alice Martin', 'Bob Stone']);
    expect(listContacts(s.db, { limit: 1, offset: 1 }).map((c) => c.name)).toEqual(['Alice Martin']);
    expect(listContacts(s.db, { favouritesOnly: true }).map((c) => c.name)).toEqual(['Carol Acker']);
  });
});

describe('groups', () => {
  it('groups contacts many-to-many', () => {
    const [a, b, c] = insertContacts(s.db, [alice, bob, carol]);
    const clients = createGroup(s.db, 'Clients');
    const legal = createGroup(s.db, 'Legal');
    expect(createGroup(s.db, 'clients').id).toBe(clients.id);
    expect(addToGroup(s.db, clients.id, [a, b, b])).toBe(2);
    addToGroup(s.db, legal.id, [a]);
    expect(getGroup(s.db, clients.id)?.members).toBe(2);
    expect(listGroupMembers(s.db, clients.id).map((x) => x.name)).toEqual(['Alice Martin', 'Bob Stone']);
    expect(getContact(s.db, a)?.groupIds.sort()).toEqual([clients.id, legal.id].sort());
    expect(groupsOfContact(s.db, a).map((g) => g.name)).toEqual(['Clients', 'Legal']);
    expect(
      searchContacts(s.db, 'e', { groupId: clients.id })
        .map((x) => x.name)
        .sort(),
    ).toEqual(['Alice Martin', 'Bob Stone']);
    expect(removeFromGroup(s.db, clients.id, [b])).toBe(1);
    updateContact(s.db, c, { groupIds: [legal.id] });
    expect(listGroupMembers(s.db, legal.id).map((x) => x.name)).toEqual(['Carol Acker', 'Alice Martin']);
    expect(renameGroup(s.db, legal.id, 'Lawyers')).toBe(true);
    expect(() => renameGroup(s.db, legal.id, 'Clients')).toThrow();
    deleteContact(s.db, a);
    expect(getGroup(s.db, clients.id)?.members).toBe(0);
    expect(deleteGroup(s.db, legal.id)).toBe(true);
    expect(getContact(s.db, c)?.groupIds).toEqual([]);
    expect(listGroups(s.db).map((g) => g.name)).toEqual(['Clients']);
  });
});
