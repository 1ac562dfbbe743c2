// Checks every import candidate before anything is written: the number through the shared
// fax rules, the To header, and duplicates (same normalised number) within the file and
// against the address book. Nothing is dropped silently: each row gets a status and reason.

import { extensionNote } from '../../shared/fax-number.ts';
import { checkHeader, normalizeFaxNumber } from '../../shared/fax-rules.ts';
import type { ImportCounts, ImportRow, ImportRowStatus } from '../../shared/ipc/contract/contacts.ts';
import type { ImportCandidate } from './import-candidates.ts';

export interface ExistingContact {
  id: number;
  name: string;
  company: string;
}

export interface CheckedRow {
  candidate: ImportCandidate;
  status: ImportRowStatus;
  reason: string;
  warnings: string[];
  faxNumber: string;
  faxDisplay: string;
  /** For duplicate-in-file: index (in the checked list) of the first row with this number. */
  firstIndex?: number;
  /** For duplicate-in-book: the contact already holding this number. */
  existing?: ExistingContact;
  /** Fixed by hand in the preview. */
  edited?: boolean;
}

export interface CheckOptions {
  defaultCountry: string;
  /** The contact already in the book with this normalised number, if any. */
  findExisting(faxNumber: string): ExistingContact | undefined;
}

const label = (c: { name: string; company: string }) => [c.name, c.company].filter(Boolean).join(', ') || 'a contact with no name';

export interface RowChecker {
  check(c: ImportCandidate): CheckedRow;
  readonly rows: readonly CheckedRow[];
}

/** A checker that remembers the numbers seen so far, so rows can be checked in chunks. */
export function createRowChecker(opts: CheckOptions): RowChecker {
  const firstByNumber = new Map<string, number>();
  const rows: CheckedRow[] = [];
  return {
    rows,
    check(c) {
      const r = checkOne(c, rows.length, rows, firstByNumber, opts);
      rows.push(r);
      return r;
    },
  };
}

/**
 * Checks rows again after a fix, in file order, with the same rules: `indices` must hold every
 * row sharing a number with the ones that changed, so "first with this number" is decided among them.
 */
export function recheckRows(rows: CheckedRow[], indices: Iterable<number>, opts: CheckOptions): void {
  const firstByNumber = new Map<string, number>();
  for (const i of [...new Set(indices)].sort((a, b) => a - b)) {
    const before = rows[i] as CheckedRow;
    rows[i] = { ...checkOne(before.candidate, i, rows, firstByNumber, opts), ...(before.edited ? { edited: true } : {}) };
  }
}

export function checkCandidates(candidates: readonly ImportCandidate[], opts: CheckOptions): CheckedRow[] {
  const checker = createRowChecker(opts);
  for (const c of candidates) checker.check(c);
  return [...checker.rows];
}

function checkOne(
  c: ImportCandidate,
  index: number,
  done: readonly CheckedRow[],
  firstByNumber: Map<string, number>,
  opts: CheckOptions,
): CheckedRow {
  const row = (status: ImportRowStatus, reason: string, extra: Partial<CheckedRow> = {}): CheckedRow => ({
    candidate: c,
    status,
    reason,
    warnings: [],
    faxNumber: '',
    faxDisplay: c.faxRaw,
    ...extra,
  });
  if (c.readError) return row('invalid', c.readError);
  if (!c.faxRaw.trim()) {
    const why = c.hasOtherPhones
      ? 'No fax number: the card has phone numbers, but none is marked as fax.'
      : 'No fax number in this row: add one, or map the column that holds it.';
    return row('invalid', why);
  }
  const number = normalizeFaxNumber(c.faxRaw, opts.defaultCountry);
  if (!number.ok) return row('invalid', number.reason);
  if (!c.name.trim() && !c.company.trim()) {
    return row('invalid', 'No name or company: add one, so the contact can be found again.', { faxDisplay: number.value.display });
  }
  const warnings: string[] = [];
  if (number.value.extension) warnings.push(extensionNote(number.value.extension));
  if (c.toHeader) {
    const header = checkHeader('To', c.toHeader);
    if (!header.ok) warnings.push(`To header left out: ${header.reason}`);
  }
  const base = { warnings, faxNumber: number.value.digits, faxDisplay: number.value.display };
  const first = firstByNumber.get(number.value.digits);
  if (first !== undefined) {
    const earlier = done[first] as CheckedRow;
    return row('duplicate-in-file', `Same number as row ${earlier.candidate.row} (${label(earlier.candidate)}).`, {
      ...base,
      firstIndex: first,
    });
  }
  firstByNumber.set(number.value.digits, index);
  const existing = opts.findExisting(number.value.digits);
  if (existing) return row('duplicate-in-book', `Already in the address book as ${label(existing)}.`, { ...base, existing });
  return row('ready', '', base);
}

export function countRows(rows: readonly CheckedRow[]): ImportCounts {
  const counts: ImportCounts = { total: rows.length, ready: 0, invalid: 0, duplicateInFile: 0, duplicateInBook: 0 };
  for (const r of rows) {
    if (r.status === 'ready') counts.ready++;
    else if (r.status === 'invalid') counts.invalid++;
    else if (r.status === 'duplicate-in-file') counts.duplicateInFile++;
    else counts.duplicateInBook++;
  }
  return counts;
}

export function toImportRow(r: CheckedRow): ImportRow {
  return {
    row: r.candidate.row,
    name: r.candidate.name,
    company: r.candidate.company,
    faxRaw: r.candidate.faxRaw,
    faxDisplay: r.faxDisplay,
    status: r.status,
    reason: r.reason,
    warnings: r.warnings,
    ...(r.edited ? { edited: true } : {}),
  };
}
