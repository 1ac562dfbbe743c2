// Contact groups (many-to-many with contacts), used to pick broadcast recipients.

import type { Contact } from './contacts-repo.ts';
import { listContacts } from './contacts-repo.ts';
import { all, type Db, get, run, transaction } from './sql.ts';

export interface Group {
  id: number;
  name: string;
  members: number;
  createdAt: number;
}

interface Row {
  id: number;
  name: string;
  members: number;
  created_at: number;
}

const SELECT = `SELECT g.id, g.name, g.created_at,
  (SELECT count(*) FROM contact_groups cg WHERE cg.group_id = g.id) AS members FROM groups g`;

function toGroup(r: Row): Group {
  return { id: r.id, name: r.name, members: r.members, createdAt: r.created_at };
}

/** Creates a group; a name already in use (ignoring case) returns the existing group. */
export function createGroup(db: Db, name: string, now = Date.now()): Group {
  const clean = name.trim();
  if (!clean) throw new Error('A group needs a name.');
  run(db, 'INSERT INTO groups(name, created_at) VALUES (:name, :now) ON CONFLICT(name) DO NOTHING', { name: clean, now });
  return toGroup(get<Row>(db, `${SELECT} WHERE g.name = :name`, { name: clean }) as Row);
}

export function getGroup(db: Db, id: number): Group | undefined {
  const r = get<Row>(db, `${SELECT} WHERE g.id = :id`, { id });
  return r && toGroup(r);
}

/** Renames; returns false when the group does not exist. Throws when the name is taken. */
export function renameGroup(db: Db, id: number, name: string): boolean {
  const clean = name.trim();
  if (!clean) throw new Error('A group needs a name.');
  return run(db, 'UPDATE groups SET name = :name WHERE id = :id', { id, name: clean }).changes > 0;
}

/** Deletes the group; its contacts stay. */
export function deleteGroup(db: Db, id: number): boolean {
  return run(db, 'DELETE FROM groups WHERE id = :id', { id }).changes > 0;
}

export function listGroups(db: Db): Group[] {
  return all<Row>(db, `${SELECT} ORDER BY g.name`).map(toGroup);
}

export function addToGroup(db: Db, groupId: number, contactIds: readonly number[]): number {
  return transaction(db, () => {
    let added = 0;
    for (const contactId of contactIds) {
      added += run(db, 'INSERT OR IGNORE INTO contact_groups(contact_id, group_id) VALUES (:contactId, :groupId)', {
        contactId,
        groupId,
      }).changes;
    }
    return added;
  });
}

export function removeFromGroup(db: Db, groupId: number, contactIds: readonly number[]): number {
  if (!contactIds.length) return 0;
  return run(db, 'DELETE FROM contact_groups WHERE group_id = :groupId AND contact_id IN (SELECT value FROM json_each(:ids))', {
    groupId,
    ids: JSON.stringify(contactIds),
  }).changes;
}

export function listGroupMembers(db: Db, groupId: number, limit = 10_000): Contact[] {
  return listContacts(db, { groupId, limit });
}

export function groupsOfContact(db: Db, contactId: number): Group[] {
  return all<Row>(db, `${SELECT} WHERE g.id IN (SELECT group_id FROM contact_groups WHERE contact_id = :contactId) ORDER BY g.name`, {
    contactId,
  }).map(toGroup);
}
