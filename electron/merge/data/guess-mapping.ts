// A first mapping for the person to check: each template field to the column of the same name
// (ignoring case, spaces, "_" and "-": «First Name» ↔ first_name), and the fax number to the
// column named for it, else to the contacts importer's pick (Outlook's "Business Fax", any
// "…fax…" column that is not a header), else to the one column whose cells mostly are fax
// numbers. The To header field is left for the person to pick.

import { normalizeFaxNumber } from '../../../shared/fax-number.ts';
import { planColumns } from '../../contacts/csv-columns.ts';
import type { MergeMapping, MergeTable } from '../types.ts';

const key = (name: string) => name.toLowerCase().replace(/[\s_\-.]+/g, '');

const NUMBER_NAMES = new Set(
  [
    'fax',
    'fax number',
    'fax no',
    'fax nr',
    'fax num',
    'fax #',
    'faxnumber',
    'telefax',
    'telefax number',
    'fax nummer',
    'numéro de fax',
    'recipient fax',
  ].map(key),
);
// A column named for a voice line holds numbers that parse as fax numbers but ring a person:
// never guessed from content (the person can still pick it).
const VOICE = /phone|\btel\b|mobile|\bcell|\bhandy\b/i;
/** Cells looked at per column when guessing from content (enough to tell, cheap for 10,000 rows). */
const SAMPLE = 50;

export function guessMapping(fields: readonly string[], table: MergeTable, defaultCountry = 'US'): MergeMapping {
  const byKey = new Map<string, string>();
  for (const column of table.columns) if (!byKey.has(key(column))) byKey.set(key(column), column);
  const mapping = Object.fromEntries(fields.map((field) => [field, byKey.get(key(field)) ?? null]));
  return { fields: mapping, numberColumn: guessNumberColumn(table, defaultCountry), toHeaderField: null };
}

function guessNumberColumn(table: MergeTable, defaultCountry: string): string | null {
  const named = table.columns.find((c) => NUMBER_NAMES.has(key(c)));
  if (named) return named;
  // The importer's own pick; its computed Google column is not one of the table's.
  const imported = planColumns(table.columns).mapping.fax.find((c) => table.columns.includes(c));
  if (imported) return imported;
  const numeric = table.columns.filter((c, i) => !VOICE.test(c) && mostlyFaxNumbers(table.rows, i, defaultCountry));
  return numeric.length === 1 ? (numeric[0] as string) : null;
}

function mostlyFaxNumbers(rows: readonly string[][], column: number, defaultCountry: string): boolean {
  let seen = 0;
  let valid = 0;
  for (const row of rows) {
    const cell = row[column] ?? '';
    if (!cell) continue;
    seen++;
    if (/\d/.test(cell) && normalizeFaxNumber(cell, defaultCountry).ok) valid++;
    if (seen === SAMPLE) break;
  }
  return seen > 0 && valid / seen > 0.5;
}
