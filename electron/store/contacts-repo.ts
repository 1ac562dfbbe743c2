// Address book rows. `faxNumber` is the normalised vendor form (normalizeFaxNumber in
// shared/fax-rules.ts) and is what search and de-duplication use; `faxRaw` is what the
// person typed or imported, shown back as is.

import { all, type Db, get, likeEscape, type Params, run, transaction } from './sql.ts';

export interface Contact {
  id: number;
  name: string;
  company: string;
  faxRaw: string;
  faxNumber: string;
  toHeader: string;
  notes: string;
  favourite: boolean;
  groupIds: number[];
  createdAt: number;
  updatedAt: number;
}

export interface ContactInput {
  name?: string;
  company?: string;
  faxRaw: string;
  /** Normalised vendor digits; '' when the raw number could not be normalised. */
  faxNumber: string;
  toHeader?: string;
  notes?: string;
  favourite?: boolean;
  groupIds?: number[];
}

export type ContactPatch = Partial<ContactInput>;

interface Row {
  id: number;
  name: string;
  company: string;
  fax_raw: string;
  fax_number: string;
  to_header: string;
  notes: string;
  favourite: number;
  group_ids: string | null;
  created_at: number;
  updated_at: number;
}

const SELECT = `SELECT c.*, (SELECT group_concat(group_id) FROM contact_groups g WHERE g.contact_id = c.id) AS group_ids
  FROM contacts c`;

function toContact(r: Row): Contact {
  return {
    id: r.id,
    name: r.name,
    company: r.company,
    faxRaw: r.fax_raw,
    faxNumber: r.fax_number,
    toHeader: r.to_header,
    notes: r.notes,
    favourite: r.favourite === 1,
    groupIds: r.group_ids ? r.group_ids.split(',').map(Number) : [],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function insertContact(db: Db, input: ContactInput, now = Date.now()): Contact {
  return transaction(db, () => {
    const { lastInsertRowid: id } = run(
      db,
      `INSERT INTO contacts(name, company, fax_raw, fax_number, to_header, notes, favourite, created_at, updated_at)
       VALUES (:name, :company, :faxRaw, :faxNumber, :toHeader, :notes, :favourite, :now, :now)`,
      {
        name: input.name?.trim() ?? '',
        company: input.company?.trim() ?? '',
        faxRaw: input.faxRaw.trim(),
        faxNumber: input.faxNumber,
        toHeader: input.toHeader ?? '',
        notes: input.notes ?? '',
        favourite: input.favourite ? 1 : 0,
        now,
      },
    );
    if (input.groupIds?.length) setContactGroups(db, id, input.groupIds);
    return getContact(db, id) as Contact;
  });
}

/** Imports many contacts in one transaction (all or none). Returns the new ids in input order. */
export function insertContacts(db: Db, inputs: readonly ContactInput[], now = Date.now()): number[] {
  return transaction(db, () => inputs.map((c) => insertContact(db, c, now).id));
}

export function getContact(db: Db, id: number): Contact | undefined {
  const r = get<Row>(db, `${SELECT} WHERE c.id = :id`, { id });
  return r && toContact(r);
}

export function updateContact(db: Db, id: number, patch: ContactPatch, now = Date.now()): Contact | undefined {
  return transaction(db, () => {
    const cur = getContact(db, id);
    if (!cur) return undefined;
    const next = { ...cur, ...stripUndefined(patch) };
    run(
      db,
      `UPDATE contacts SET name = :name, company = :company, fax_raw = :faxRaw, fax_number = :faxNumber,
         to_header = :toHeader, notes = :notes, favourite = :favourite, updated_at = :now WHERE id = :id`,
      {
        id,
        name: next.name.trim(),
        company: next.company.trim(),
        faxRaw: next.faxRaw.trim(),
        faxNumber: next.faxNumber,
        toHeader: next.toHeader,
        notes: next.notes,
        favourite: next.favourite ? 1 : 0,
        now,
      },
    );
    if (patch.groupIds) setContactGroups(db, id, patch.groupIds);
    return getContact(db, id);
  });
}

export function setFavourite(db: Db, id: number, favourite: boolean, now = Date.now()): boolean {
  return run(db, 'UPDATE contacts SET favourite = :f, updated_at = :now WHERE id = :id', { id, f: favourite ? 1 : 0, now }).changes > 0;
}

export function deleteContact(db: Db, id: number): boolean {
  return run(db, 'DELETE FROM contacts WHERE id = :id', { id }).changes > 0;
}

export function deleteContacts(db: Db, ids: readonly number[]): number {
  if (!ids.length) return 0;
  return run(db, 'DELETE FROM contacts WHERE id IN (SELECT value FROM json_each(:ids))', { ids: JSON.stringify(ids) }).changes;
}

export interface ListContactsOptions {
  limit?: number;
  offset?: number;
  groupId?: number;
  favouritesOnly?: boolean;
}

/** Favourites first, then by name. */
export function listContacts(db: Db, opts: ListContactsOptions = {}): Contact[] {
  const params: Params = { limit: opts.limit ?? 500, offset: opts.offset ?? 0 };
  const where = filters(opts, params);
  return all<Row>(
    db,
    `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY c.favourite DESC, c.name, c.company, c.id LIMIT :limit OFFSET :offset`,
    params,
  ).map(toContact);
}

export function countContacts(db: Db, opts: Pick<ListContactsOptions, 'groupId' | 'favouritesOnly'> = {}): number {
  const params: Params = {};
  const where = filters(opts, params);
  return (
    get<{ n: number }>(db, `SELECT count(*) AS n FROM contacts c ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, params)?.n ?? 0
  );
}

/**
 * Search as you type over name, company and number. Matches at the start of the name,
 * company or a word in them rank first, then anywhere; favourites before others.
 * Digits in the query (3 or more) also match anywhere in the number.
 */
export function searchContacts(db: Db, query: string, opts: { limit?: number; groupId?: number } = {}): Contact[] {
  const q = query.trim();
  if (!q) return listContacts(db, { limit: opts.limit ?? 20, groupId: opts.groupId });
  const params: Params = { limit: opts.limit ?? 20, prefix: `${likeEscape(q)}%`, word: `% ${likeEscape(q)}%`, any: `%${likeEscape(q)}%` };
  const digits = q.replace(/\D/g, '');
  const numberMatch = digits.length >= 3 ? ` OR c.fax_number LIKE :digits ESCAPE '\\'` : '';
  if (numberMatch) params.digits = `%${digits}%`;
  const where = [`(c.name LIKE :any ESCAPE '\\' OR c.company LIKE :any ESCAPE '\\'${numberMatch})`];
  if (opts.groupId !== undefined) {
    params.groupId = opts.groupId;
    where.push('c.id IN (SELECT contact_id FROM contact_groups WHERE group_id = :groupId)');
  }
  return all<Row>(
    db,
    `${SELECT} WHERE ${where.join(' AND ')}
     ORDER BY (CASE WHEN c.name LIKE :prefix ESCAPE '\\' OR c.company LIKE :prefix ESCAPE '\\' THEN 0
                    WHEN c.name LIKE :word ESCAPE '\\' OR c.company LIKE :word ESCAPE '\\' THEN 1 ELSE 2 END),
              c.favourite DESC, c.name, c.company, c.id
     LIMIT :limit`,
    params,
  ).map(toContact);
}

/** Contacts whose normalised number equals `faxNumber` (to label jobs and spot duplicates on import). */
export function findContactsByNumber(db: Db, faxNumber: string): Contact[] {
  if (!faxNumber) return [];
  return all<Row>(db, `${SELECT} WHERE c.fax_number = :faxNumber ORDER BY c.id`, { faxNumber }).map(toContact);
}

/** Replaces the contact's group memberships. */
function setContactGroups(db: Db, contactId: number, groupIds: readonly number[]): void {
  transaction(db, () => {
    run(db, 'DELETE FROM contact_groups WHERE contact_id = :contactId', { contactId });
    for (const groupId of new Set(groupIds)) {
      run(db, 'INSERT INTO contact_groups(contact_id, group_id) VALUES (:contactId, :groupId)', { contactId, groupId });
    }
  });
}

function filters(opts: Pick<ListContactsOptions, 'groupId' | 'favouritesOnly'>, params: Params): string[] {
  const where: string[] = [];
  if (opts.favouritesOnly) where.push('c.favourite = 1');
  if (opts.groupId !== undefined) {
    params.groupId = opts.groupId;
    where.push('c.id IN (SELECT contact_id FROM contact_groups WHERE group_id = :groupId)');
  }
  return where;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
