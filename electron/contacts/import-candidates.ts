// Turns a CSV table plus a column mapping into import candidates: one per data row, with
// the fields of a contact still as the file wrote them (numbers are checked later).

import type { ImportFieldName, ImportMapping } from '../../shared/ipc/contract/contacts.ts';
import { unmarkSpreadsheetText } from '../core/spreadsheet-csv.ts';
import type { CsvTable } from './csv-read.ts';
import { TYPED_FAX_COLUMN, typedFax, typedPhonePairs } from './csv-columns.ts';

export interface ImportCandidate {
  /** Spreadsheet row (the header is row 1) or card number. */
  row: number;
  name: string;
  company: string;
  faxRaw: string;
  toHeader: string;
  notes: string;
  groups: string[];
  favourite: boolean;
  /** Why the row could not be read at all (a broken vCard). */
  readError?: string;
  /** The record has phone numbers, none of them a fax: said in the reason. */
  hasOtherPhones?: boolean;
}

// Google marks built-in memberships with "* ": "* myContacts" is everyone, "* starred" a favourite.
const SYSTEM_GROUPS = new Set(['mycontacts', 'my contacts', 'starred', 'friends', 'family', 'coworkers']);

/**
 * Splits a groups cell: Outlook's "A;B", Google's "A ::: B", "A | B", or else "A, B". Commas
 * split only when no other separator is present, so "Clients; VIP, Gold" keeps "VIP, Gold".
 */
function parseGroupCell(cell: string): { groups: string[]; starred: boolean } {
  const separator = /:::|;|\|/.test(cell) ? /\s*(?::::|;|\|)\s*/ : /\s*,\s*/;
  return collectGroups(cell.split(separator));
}

/** Cleans split group names: Google's "* " system groups dropped ("* starred" = favourite), repeats removed. */
export function collectGroups(parts: readonly string[]): { groups: string[]; starred: boolean } {
  let starred = false;
  const groups: string[] = [];
  for (const raw of parts) {
    const part = raw.trim();
    if (!part) continue;
    if (part.startsWith('* ')) {
      const name = part.slice(2).trim().toLowerCase();
      if (name === 'starred') starred = true;
      if (SYSTEM_GROUPS.has(name)) continue;
      groups.push(part.slice(2).trim());
      continue;
    }
    if (!groups.some((g) => g.toLowerCase() === part.toLowerCase())) groups.push(part);
  }
  return { groups, starred };
}

const TRUE_WORDS = /^(1|y|yes|true|x|\*|starred|favou?rite)$/i;

export function candidatesFromCsv(table: CsvTable, mapping: ImportMapping): ImportCandidate[] {
  const pairs = typedPhonePairs(table.columns);
  const indexOf = (column: string) => table.columns.indexOf(column);
  // Column names become indexes once; TYPED marks the computed Google fax, unknown names drop out.
  const TYPED = -2;
  const resolved = Object.fromEntries(
    Object.entries(mapping).map(([field, columns]) => [
      field,
      columns.map((c) => (c === TYPED_FAX_COLUMN && pairs.length ? TYPED : indexOf(c))).filter((i) => i !== -1),
    ]),
  ) as Record<ImportFieldName, number[]>;

  // Our own export marks formula-like cells as text ('+1 212…, '=…); the mark is not part of the value.
  const cell = (row: readonly string[], i: number) => unmarkSpreadsheetText((i === TYPED ? typedFax(row, pairs) : (row[i] ?? '')).trim());
  const joined = (row: readonly string[], field: ImportFieldName, sep: string) =>
    (resolved[field] ?? [])
      .map((i) => cell(row, i))
      .filter(Boolean)
      .join(sep);

  return table.rows.map((row, n) => {
    const groupCell = joined(row, 'groups', ';');
    const { groups, starred } = parseGroupCell(groupCell);
    const favouriteCell = joined(row, 'favourite', ' ');
    const fax = (resolved.fax ?? []).map((i) => cell(row, i)).find(Boolean) ?? '';
    return {
      row: n + 2,
      name: joined(row, 'name', ' ').replace(/\s+/g, ' '),
      company: joined(row, 'company', ' '),
      faxRaw: fax,
      toHeader: joined(row, 'toHeader', ' '),
      notes: joined(row, 'notes', '\n'),
      groups,
      favourite: starred || TRUE_WORDS.test(favouriteCell),
    };
  });
}
