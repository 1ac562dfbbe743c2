// A merge's rows as checked: computed from the stored rows (cells, fixes, left-outs) with the
// data part's checkRows, and kept for the merge's version, so paging through 2,000 rows or
// drawing the view after each keystroke costs one check per change, not one per page. Once the
// merge runs, each row shown carries where it is (its state, job, pages, problem) from SQLite.

import type { MergeRow } from '../../shared/ipc/contract/merge.ts';
import { notSentRows } from '../store/merge-state-repo.ts';
import { getMergeRows, listMergeRows, type MergeRecord, type MergeRowRecord } from '../store/merges-repo.ts';
import type { Db } from '../store/sql.ts';
import type { MergeParts } from './parts.ts';
import type { CheckedRow, MergeMapping, MergeRowFilter, RowEdit } from './types.ts';

/** Merges whose checks are kept (the one shown, and one more: a resumed merge). */
const KEPT = 2;

export interface RowChecks {
  /** The checked rows of `record` at its version. */
  checked(record: MergeRecord, mapping: MergeMapping): CheckedRow[];
  forget(mergeId: string): void;
}

export function createRowChecks(db: Db, parts: Pick<MergeParts, 'checkRows'>, country: () => string): RowChecks {
  const cache = new Map<string, { version: number; rows: CheckedRow[] }>();
  return {
    checked(record, mapping) {
      const hit = cache.get(record.id);
      if (hit && hit.version === record.version) return hit.rows;
      const rows = record.data && record.template ? check(db, parts, record, mapping, country()) : uncheckedRows(db, record);
      cache.delete(record.id);
      cache.set(record.id, { version: record.version, rows });
      while (cache.size > KEPT) cache.delete(cache.keys().next().value as string);
      return rows;
    },
    forget: (id) => void cache.delete(id),
  };
}

function check(db: Db, parts: Pick<MergeParts, 'checkRows'>, record: MergeRecord, mapping: MergeMapping, country: string): CheckedRow[] {
  const stored = listMergeRows(db, record.id);
  const edits: RowEdit[] = [];
  const leftOut: number[] = [];
  for (const r of stored) {
    if (r.edits) edits.push({ row: r.row, values: r.edits });
    if (r.leftOut) leftOut.push(r.row);
  }
  const data = record.data;
  if (!data || !record.template) return [];
  return parts.checkRows({
    table: {
      source: { kind: data.kind, name: data.name },
      columns: data.columns,
      rows: stored.map((r) => r.cells),
      lines: stored.map((r) => r.line),
      notes: data.notes,
    },
    mapping,
    fields: record.template.fields,
    edits,
    leftOut,
    defaultCountry: country,
  });
}

/** Rows with no template yet: shown as they are, nothing checked. */
function uncheckedRows(db: Db, record: MergeRecord): CheckedRow[] {
  if (!record.data) return [];
  return listMergeRows(db, record.id).map((r) => ({ row: r.row, display: '', values: {}, problems: [], leftOut: r.leftOut }));
}

function matchesFilter(r: CheckedRow, filter: MergeRowFilter): boolean {
  switch (filter) {
    case 'problems':
      return !r.leftOut && r.problems.length > 0;
    case 'duplicates':
      return r.duplicateOf !== undefined;
    case 'left-out':
      return r.leftOut;
    case 'not-sent':
      // Where a row went is in SQLite, not in its checks: pageOfRows reads it.
      return false;
    default:
      return true;
  }
}

/** One page of rows, each with where it is once the merge runs. */
export function pageOfRows(
  db: Db,
  record: MergeRecord,
  rows: readonly CheckedRow[],
  filter: MergeRowFilter,
  offset: number,
  limit: number,
): { rows: MergeRow[]; total: number } {
  let matching: readonly CheckedRow[];
  if (filter === 'all') matching = rows;
  else if (filter === 'not-sent') {
    const notSent = new Set(record.state === 'draft' ? [] : notSentRows(db, record.id));
    matching = rows.filter((r) => notSent.has(r.row));
  } else matching = rows.filter((r) => matchesFilter(r, filter));
  const page = matching.slice(offset, offset + limit);
  // The page's rows and the earlier rows they duplicate (whose numbers their status names).
  const wanted = new Set(page.flatMap((r) => (r.duplicateOf !== undefined ? [r.row, r.duplicateOf] : [r.row])));
  const stored = new Map(getMergeRows(db, record.id, [...wanted]).map((r) => [r.row, r]));
  const draft = record.state === 'draft';
  return {
    rows: page.map((r) => {
      const s = stored.get(r.row);
      const twin = r.duplicateOf !== undefined ? stored.get(r.duplicateOf) : undefined;
      return toMergeRow(r, draft ? undefined : s, s?.line ?? r.row + 1, twin?.line);
    }),
    total: matching.length,
  };
}

/** `line`: the row's number in the person's file (MergeRowRecord.line), what the screen shows as its number. */
export function toMergeRow(r: CheckedRow, stored: MergeRowRecord | undefined, line: number, duplicateOfLine?: number): MergeRow {
  // Once sent, the row is shown as it went (a fix typed since cannot change what was faxed).
  const sent = stored?.sent;
  return {
    row: r.row,
    line,
    ...(sent ? { number: sent.number } : r.number !== undefined ? { number: r.number } : {}),
    display: sent?.display ?? r.display,
    values: sent?.values ?? r.values,
    ...(sent?.toHeader !== undefined ? { toHeader: sent.toHeader } : r.toHeader !== undefined && !sent ? { toHeader: r.toHeader } : {}),
    problems: r.problems,
    ...(r.duplicateOf !== undefined ? { duplicateOf: r.duplicateOf, duplicateOfLine: duplicateOfLine ?? r.duplicateOf + 1 } : {}),
    leftOut: r.leftOut,
    ...(stored?.state ? { state: stored.state } : {}),
    ...(stored?.jobId != null ? { jobId: stored.jobId } : {}),
    ...(stored?.error ? { error: stored.error } : {}),
    ...(stored?.pages != null ? { pages: stored.pages } : {}),
  };
}
