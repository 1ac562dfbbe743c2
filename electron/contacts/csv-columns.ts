// Recognises the column layout of a contacts CSV and suggests which columns feed which
// field. Outlook exports one column per phone kind ("Business Fax", "Home Fax", "Other
// Fax"); Google exports numbered pairs ("Phone 1 - Type" = "Work Fax", "Phone 1 - Value"),
// which we expose as one computed column so the mapping step stays "field ← columns".

import type { ImportFieldName, ImportLayout, ImportMapping } from '../../shared/ipc/contract/contacts.ts';

/** The computed column holding the first of Google's numbered phones whose type says fax. */
export const TYPED_FAX_COLUMN = 'Phone marked Fax (Phone N - Type)';

const key = (column: string) =>
  column
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .trim();

const NAME_WHOLE = ['name', 'full name', 'display name', 'contact name', 'contact', 'recipient', 'recipient name'];
const NAME_PARTS = [
  ['first name', 'given name', 'firstname', 'first'],
  ['middle name', 'additional name', 'middlename'],
  ['last name', 'family name', 'surname', 'lastname', 'last'],
];
const COMPANY = [
  'company',
  'company name',
  'organization 1 - name',
  'organization name',
  'organization',
  'organisation',
  'org',
  'business',
  'firm',
];
const OUTLOOK_FAX = ['business fax', 'other fax', 'home fax'];
const TO_HEADER = ['to header', 'to-header', 'fax header', 'header', 'toheader'];
const NOTES = ['notes', 'note', 'comments', 'comment', 'remarks'];
const GROUPS = ['categories', 'group membership', 'labels', 'groups', 'group', 'tags'];
const FAVOURITE = ['favourite', 'favorite', 'starred', 'favourites', 'favorites'];

interface TypedPair {
  type: number;
  value: number;
}

/** Google's numbered phone columns: "Phone 1 - Type" (old) or "Phone 1 - Label" (new) with "Phone 1 - Value". */
export function typedPhonePairs(columns: readonly string[]): TypedPair[] {
  const pairs: TypedPair[] = [];
  columns.forEach((column, type) => {
    const m = /^phone (\d+) - (type|label)$/.exec(key(column));
    if (!m) return;
    const value = columns.findIndex((c) => key(c) === `phone ${m[1]} - value`);
    if (value >= 0) pairs.push({ type, value });
  });
  return pairs;
}

/** Google's typed fax for one row: a work fax first, any fax next. Multiple values share a cell, split by ":::". */
export function typedFax(row: readonly string[], pairs: readonly TypedPair[]): string {
  let any = '';
  for (const p of pairs) {
    const type = (row[p.type] ?? '').toLowerCase();
    if (!type.includes('fax')) continue;
    const value = (row[p.value] ?? '').split(':::')[0]?.trim() ?? '';
    if (!value) continue;
    if (type.includes('work') || type.includes('business')) return value;
    any ||= value;
  }
  return any;
}

export interface ColumnPlan {
  layout: ImportLayout;
  /** The file's columns, then computed ones. */
  columns: string[];
  mapping: ImportMapping;
}

export function planColumns(fileColumns: readonly string[]): ColumnPlan {
  const keys = fileColumns.map(key);
  const has = (k: string) => keys.includes(k);
  const pick = (candidates: readonly string[]): string[] => {
    for (const c of candidates) {
      const i = keys.indexOf(c);
      if (i >= 0) return [fileColumns[i] as string];
    }
    return [];
  };
  const pairs = typedPhonePairs(fileColumns);
  const columns = [...fileColumns];
  if (pairs.length) columns.push(TYPED_FAX_COLUMN);

  const outlookFax = OUTLOOK_FAX.flatMap((c) => pick([c]));
  const layout: ImportLayout = outlookFax.length
    ? 'outlook'
    : pairs.length || has('given name') || has('organization 1 - name') || has('group membership')
      ? 'google'
      : 'generic';

  let name = pick(NAME_WHOLE);
  if (!name.length) name = NAME_PARTS.flatMap((alternatives) => pick(alternatives));

  let fax: string[];
  if (outlookFax.length) fax = outlookFax;
  else if (pairs.length) fax = [TYPED_FAX_COLUMN];
  else fax = fileColumns.filter((c) => /fax/i.test(c) && !/header/i.test(c)).slice(0, 3);

  const mapping: Record<ImportFieldName, string[]> = {
    name,
    company: pick(COMPANY),
    fax,
    toHeader: pick(TO_HEADER),
    notes: pick(NOTES),
    groups: pick(GROUPS),
    favourite: pick(FAVOURITE),
  };
  return { layout, columns, mapping };
}
