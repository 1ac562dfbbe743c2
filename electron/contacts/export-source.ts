// Reads the contacts to export in one query (with their group names), instead of one
// lookup per contact: 50,000 contacts export in about a second, most of it number formatting.

import { all, type Db, type Params } from '../store/sql.ts';
import { formatFaxNumber } from '../../shared/fax-number.ts';
import type { ExportContact } from './contacts-export.ts';

interface Row {
  id: number;
  name: string;
  company: string;
  fax_raw: string;
  fax_number: string;
  to_header: string;
  notes: string;
  favourite: number;
  group_names: string | null;
}

export function loadExportContacts(db: Db, filter: { groupId?: number; ids?: readonly number[] } = {}): ExportContact[] {
  const params: Params = {};
  const where: string[] = [];
  if (filter.groupId !== undefined) {
    params.groupId = filter.groupId;
    where.push('c.id IN (SELECT contact_id FROM contact_groups WHERE group_id = :groupId)');
  }
  if (filter.ids) {
    if (!filter.ids.length) return [];
    params.ids = JSON.stringify(filter.ids);
    where.push('c.id IN (SELECT value FROM json_each(:ids))');
  }
  // char(31) cannot appear in a group name typed in the app; it separates them safely.
  const sql = `SELECT c.id, c.name, c.company, c.fax_raw, c.fax_number, c.to_header, c.notes, c.favourite,
      (SELECT group_concat(g.name, char(31)) FROM contact_groups cg JOIN groups g ON g.id = cg.group_id WHERE cg.contact_id = c.id) AS group_names
    FROM contacts c ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.name, c.company, c.id`;
  return all<Row>(db, sql, params).map((r) => {
    return {
      name: r.name,
      company: r.company,
      faxRaw: r.fax_raw,
      faxDisplay: formatFaxNumber(r.fax_number, r.fax_raw),
      toHeader: r.to_header,
      notes: r.notes,
      favourite: r.favourite === 1,
      groups: r.group_names ? r.group_names.split('\u001f') : [],
    };
  });
}
