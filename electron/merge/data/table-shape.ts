// The shape every file source ends in, whatever it was read from: one name per column, each
// distinct (a merge field maps to a column by name, so two "Name" columns would be one), rows
// as long as the header, and columns with neither a name nor a value dropped (a sheet's stray
// formatting reaches far to the right). Rows past the limit are refused, never cut.

import type { MergeProblem, MergeSourceKind, MergeTable } from '../types.ts';

/** A merge takes at most this many rows (split a bigger list into several merges). */
export const MAX_MERGE_ROWS = 10_000;
/** A merge takes at most this many columns that hold anything. */
const MAX_MERGE_COLUMNS = 1_000;
/** The contract's limit on a column's name. */
const MAX_COLUMN_NAME = 300;

export interface RawTable {
  /** The header's cells as read ('' where a column has no name). */
  header: string[];
  rows: string[][];
  /** Parallel to `rows`: each one's number in the source (MergeTable.lines). */
  lines: number[];
  /** A name for a column with none: "Column 3" (CSV), "Column C" (a sheet's letter). */
  unnamed(index: number): string;
}

export type Shaped = { ok: true; table: MergeTable } | { ok: false; problem: MergeProblem };

export function shapeTable(raw: RawTable, source: { kind: MergeSourceKind; name: string }, notes: string[]): Shaped {
  // Limits first, on what was read, and each cell looked at once: a header of 400,000 empty
  // columns over 8,000 rows must not cost columns × rows before it is refused.
  if (raw.rows.length > MAX_MERGE_ROWS) return tooManyRows(source.name, raw.rows.length);
  const used: boolean[] = [];
  for (const [c, cell] of raw.header.entries()) if ((cell ?? '') !== '') used[c] = true;
  for (const r of raw.rows) for (const [c, cell] of r.entries()) if ((cell ?? '') !== '') used[c] = true;
  const keep: number[] = [];
  for (const [c, isUsed] of used.entries()) if (isUsed) keep.push(c);
  if (keep.length > MAX_MERGE_COLUMNS)
    return fail(
      'too-many-columns',
      `${source.name} has ${keep.length.toLocaleString('en-US')} columns with something in them; a merge takes at most ${MAX_MERGE_COLUMNS.toLocaleString('en-US')}.`,
      'Keep only the columns the template needs (names, fax numbers, the fields it fills), save the file, and choose it again.',
    );
  // Rows with nothing in them are dropped; each kept row keeps its own number in the source.
  const rows: string[][] = [];
  const lines: number[] = [];
  for (const [i, r] of raw.rows.entries()) {
    if (!r.some((cell) => (cell ?? '') !== '')) continue;
    rows.push(keep.map((c) => r[c] ?? ''));
    lines.push(raw.lines[i] ?? i + 2);
  }
  if (keep.length === 0) {
    return fail(
      'empty-table',
      `${source.name} has no column names and no rows.`,
      'Choose the file that holds the recipients, with a header row naming the columns.',
    );
  }
  if (rows.length === 0) {
    return fail(
      'no-rows',
      `${source.name} has a header row but no rows under it.`,
      'Add one row per recipient under the column names, or choose another file.',
    );
  }
  if (rows.length > MAX_MERGE_ROWS) return tooManyRows(source.name, rows.length);
  const columns = distinctNames(keep.map((c) => columnName(raw.header[c] ?? '') || raw.unnamed(c)));
  return { ok: true, table: { source, columns, rows, lines, notes } };
}

// Header cells may hold line breaks ("Fax\nnumber") and runs of spaces; a name is one line.
function columnName(cell: string): string {
  return cell.replace(/\s+/g, ' ').trim().slice(0, MAX_COLUMN_NAME).trim();
}

/** "Name", "Name" → "Name", "Name (2)": the second keeps its place and gets a name of its own. */
function distinctNames(names: readonly string[]): string[] {
  const taken = new Set(names.map((n) => n.toLowerCase()));
  const seen = new Set<string>();
  return names.map((name) => {
    const key = name.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      return name;
    }
    let n = 2;
    while (taken.has(`${key} (${n})`)) n++;
    const distinct = `${name.slice(0, MAX_COLUMN_NAME - 8)} (${n})`;
    taken.add(distinct.toLowerCase());
    seen.add(distinct.toLowerCase());
    return distinct;
  });
}

function tooManyRows(name: string, count: number): { ok: false; problem: MergeProblem } {
  return fail(
    'too-many-rows',
    `${name} has ${count.toLocaleString('en-US')} rows; a merge takes at most ${MAX_MERGE_ROWS.toLocaleString('en-US')}.`,
    'Split the list into files of up to 10,000 rows and send each as its own merge.',
  );
}

export function fail(code: string, message: string, action: string): { ok: false; problem: MergeProblem } {
  return { ok: false, problem: { code, message, action } };
}
