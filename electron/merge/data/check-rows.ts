// Every row checked before anything is sent: its fax number through the shared rule (the
// rule's own reason when it fails), a value for each template field that has a column, the To
// header cut to the fax header rule, and numbers an earlier row already has flagged. Pure and
// fast (2,000 rows in tens of milliseconds the first time, a few after), so it runs after every fix.

import { formatFaxNumber, type NormalizedFaxNumber, normalizeFaxNumber } from '../../../shared/fax-number.ts';
import type { Check } from '../../../shared/check.ts';
import { MAX_HEADER_LENGTH } from '../../../shared/domain.ts';
import { defaultToHeader } from '../../contacts/to-header.ts';
import type { CheckedRow, MergeMapping, MergeTable, RowEdit } from '../types.ts';

export interface CheckRowsInput {
  table: MergeTable;
  mapping: MergeMapping;
  /** The template's fields, in its order. */
  fields: readonly string[];
  /** Cells fixed in place; a later edit of the same cell wins. */
  edits?: readonly RowEdit[];
  /** Rows the person left out, as indexes into table.rows (a Set or a list: both are read as a set). */
  leftOut?: ReadonlySet<number> | readonly number[];
  /** The country assumed for numbers typed without one (the defaultCountry setting). */
  defaultCountry?: string;
}

export const NO_NUMBER_COLUMN = 'No column is picked for the fax number: pick the column that holds the numbers.';

export function checkRows(input: CheckRowsInput): CheckedRow[] {
  const { table, mapping, fields } = input;
  const country = input.defaultCountry ?? 'US';
  const leftOut = input.leftOut instanceof Set ? input.leftOut : new Set(input.leftOut as readonly number[] | undefined);
  const index = new Map(table.columns.map((c, i) => [c, i]));
  const edits = new Map<number, Record<string, string>>();
  for (const e of input.edits ?? []) edits.set(e.row, { ...edits.get(e.row), ...e.values });

  const numberAt = mapping.numberColumn !== null && index.has(mapping.numberColumn) ? mapping.numberColumn : null;
  // Field → its column, for fields whose column is in this table (a mapping from an older table may name others).
  const filled = fields.map((field) => {
    const column = Object.hasOwn(mapping.fields, field) ? mapping.fields[field] : null;
    return { field, column: column != null && index.has(column) ? column : null };
  });
  const firstByNumber = new Map<string, number>();

  return table.rows.map((cells, row) => {
    const fixed = edits.get(row);
    const cell = (column: string) =>
      ((fixed && Object.hasOwn(fixed, column) ? fixed[column] : cells[index.get(column) as number]) ?? '').trim();
    const problems: string[] = [];
    const out: CheckedRow = { row, display: '', values: {}, problems, leftOut: leftOut.has(row) };

    if (numberAt === null) problems.push(NO_NUMBER_COLUMN);
    else {
      const raw = cell(numberAt);
      out.display = raw;
      if (raw === '') problems.push(`No fax number in «${numberAt}»: type one, or leave the row out.`);
      else {
        const checked = normalizeCached(raw, country);
        if (!checked.ok) problems.push(checked.reason);
        else {
          out.number = checked.value.digits;
          out.display = formatFaxNumber(checked.value.digits, raw);
          // Compose drops an extension with a note; here there is no one to read a note before the send, so it stops the row.
          if (checked.value.extension) {
            problems.push(
              `Extension ${checked.value.extension} cannot be dialled (a fax cannot dial extensions): remove it to send to the main number, or ask for a direct fax number.`,
            );
          }
        }
      }
    }

    const values: [string, string][] = [];
    for (const { field, column } of filled) {
      const value = column === null ? '' : cell(column);
      values.push([field, value]);
      if (column !== null && value === '') problems.push(`No value for «${field}»: type one in «${column}», or leave the row out.`);
    }
    // fromEntries defines each field as the row's own (a field named "__proto__" stays a field).
    out.values = Object.fromEntries(values);

    const headerField = mapping.toHeaderField;
    if (headerField !== null) out.toHeader = fitToHeader(Object.hasOwn(out.values, headerField) ? (out.values[headerField] as string) : '');

    // A left-out row is not "the earlier one"; a row with another problem but a good number is (it may be fixed).
    if (out.number !== undefined && !out.leftOut) {
      const first = firstByNumber.get(out.number);
      if (first === undefined) firstByNumber.set(out.number, row);
      else out.duplicateOf = first;
    }
    return out;
  });
}

// What passes the header rule (checkHeader) untouched: at most 15 printable ASCII characters.
// Tested here first because the rule's own check segments the text into graphemes, which costs
// tens of microseconds a call, and the check runs over every row after every fix.
const FITS_HEADER = new RegExp(`^[\\x20-\\x7e]{0,${MAX_HEADER_LENGTH}}$`);

/**
 * A value as a To header: kept when it already passes the header rule (≤ 15 printable ASCII
 * characters), else the address book's own cut (accents dropped, look-alikes replaced, cut at a word).
 */
function fitToHeader(value: string): string {
  if (FITS_HEADER.test(value)) return value;
  return defaultToHeader({ toHeader: '', name: '', company: value });
}

// Numbers parse in tens of microseconds (libphonenumber's full metadata); the check runs again
// after every fix, so each typed number is parsed once. Bounded: cleared when it grows past a
// few merges' worth.
const parsed = new Map<string, Check<NormalizedFaxNumber>>();
const PARSED_MAX = 50_000;

function normalizeCached(raw: string, country: string): Check<NormalizedFaxNumber> {
  const key = `${country}\u0000${raw}`;
  let checked = parsed.get(key);
  if (!checked) {
    if (parsed.size >= PARSED_MAX) parsed.clear();
    checked = normalizeFaxNumber(raw, country);
    parsed.set(key, checked);
  }
  return checked;
}
