// An import in three steps, held in memory between them: open (read the file, suggest a
// mapping), analyze (check every row), commit (write). Large files are processed in chunks
// with a yield between them, so progress events reach the window while the work goes on.
// Between analyze and commit a problem row can be fixed in place (fixRow): the fix lives in
// the session only (the person's file is never written) and survives a new column mapping.

import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import type {
  DuplicateAction,
  ImportFixed,
  ImportFixField,
  ImportMapping,
  ImportOpened,
  ImportPreview,
  ImportProgress,
  ImportReport,
} from '../../shared/ipc/contract/contacts.ts';
import { AppError } from '../core/app-error.ts';
import { createLogger } from '../core/logger.ts';
import type { ContactBook } from './contact-book.ts';
import { planColumns } from './csv-columns.ts';
import { readCsv, type CsvTable } from './csv-read.ts';
import { decodeText } from './decode-text.ts';
import { candidatesFromCsv, type ImportCandidate } from './import-candidates.ts';
import { type CheckedRow, type CheckOptions, countRows, createRowChecker, recheckRows, toImportRow } from './import-check.ts';
import { writeImport } from './import-write.ts';
import { looksLikeVcard, readVcards } from './vcard-read.ts';

const log = createLogger('contacts-import');

/** Rows per chunk between yields (checking is ~20 µs a row; writing ~15 µs). */
const CHUNK = 2000;
/** Larger files are refused with a reason (split them). */
const MAX_IMPORT_ROWS = 200_000;
const SESSION_TTL_MS = 30 * 60_000;
const MAX_SESSIONS = 4;

type RowEdits = Partial<Pick<ImportCandidate, 'name' | 'company' | 'faxRaw'>>;

interface Session {
  id: string;
  fileName: string;
  format: 'csv' | 'vcard';
  table?: CsvTable;
  mapping: ImportMapping;
  cards?: ImportCandidate[];
  checked?: CheckedRow[];
  /** The rules the last analysis checked with (the book's numbers as they were then). */
  checkOptions?: CheckOptions;
  /** Cells fixed in the preview, by file row: applied over whatever the mapping reads. */
  edits: Map<number, RowEdits>;
  openedAt: number;
}

export interface ImportSessions {
  open(bytes: Uint8Array, fileName: string): ImportOpened;
  analyze(importId: string, mapping?: ImportMapping): Promise<ImportPreview>;
  fixRow(importId: string, row: number, field: ImportFixField, value: string): ImportFixed;
  commit(importId: string, duplicates: DuplicateAction, groupName?: string): Promise<ImportReport>;
  cancel(importId: string): boolean;
}

class ImportSessionError extends AppError {
  override name = 'ImportSessionError';
}

const EMPTY_MAPPING: ImportMapping = { name: [], company: [], fax: [], toHeader: [], notes: [], groups: [], favourite: [] };

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createImportSessions(
  book: ContactBook,
  onProgress: (p: ImportProgress) => void = () => {},
  now: () => number = Date.now,
): ImportSessions {
  const sessions = new Map<string, Session>();

  function session(id: string): Session {
    const s = sessions.get(id);
    if (!s) {
      throw new ImportSessionError('This import has expired or was closed: choose the file again.', {
        code: 'import-expired',
        field: 'importId',
      });
    }
    return s;
  }

  function prune(): void {
    for (const [id, s] of sessions) if (now() - s.openedAt > SESSION_TTL_MS) sessions.delete(id);
    while (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
  }

  return {
    open(bytes, fileName) {
      prune();
      const text = decodeText(bytes);
      const ext = extname(fileName).toLowerCase();
      const isVcard = ext === '.vcf' || ext === '.vcard' || (ext !== '.csv' && looksLikeVcard(text));
      const id = randomUUID();
      if (isVcard) {
        const cards = readVcards(text);
        if (!cards.length) return { ok: false, canceled: false, reason: `${fileName} has no contacts in it (no BEGIN:VCARD line).` };
        if (cards.length > MAX_IMPORT_ROWS) return tooMany(fileName, cards.length);
        sessions.set(id, { id, fileName, format: 'vcard', cards, mapping: EMPTY_MAPPING, edits: new Map(), openedAt: now() });
        log.info(`opened a vCard file with ${cards.length} card(s)`);
        return {
          ok: true,
          importId: id,
          fileName,
          format: 'vcard',
          layout: 'vcard',
          columns: [],
          mapping: EMPTY_MAPPING,
          sample: [],
          rowCount: cards.length,
        };
      }
      if (text.includes('\u0000'))
        return { ok: false, canceled: false, reason: `${fileName} is not a text file: choose a CSV or vCard (.vcf) file.` };
      const read = readCsv(text);
      if (!read.ok) return { ok: false, canceled: false, reason: read.reason };
      const { table } = read;
      if (table.rows.length > MAX_IMPORT_ROWS) return tooMany(fileName, table.rows.length);
      const plan = planColumns(table.columns);
      sessions.set(id, { id, fileName, format: 'csv', table, mapping: plan.mapping, edits: new Map(), openedAt: now() });
      const sample = candidatesSample(table, plan.columns);
      log.info(`opened a CSV file with ${table.rows.length} row(s), layout ${plan.layout}`);
      return {
        ok: true,
        importId: id,
        fileName,
        format: 'csv',
        layout: plan.layout,
        columns: plan.columns,
        mapping: plan.mapping,
        sample,
        rowCount: table.rows.length,
      };
    },

    async analyze(importId, mapping) {
      const s = session(importId);
      if (mapping) s.mapping = mapping;
      const read = s.format === 'csv' ? candidatesFromCsv(s.table as CsvTable, s.mapping) : (s.cards as ImportCandidate[]);
      const candidates = s.edits.size ? read.map((c) => withEdits(c, s.edits.get(c.row))) : read;
      const inBook = new Map<string, { id: number; name: string; company: string }>();
      for (const e of book.search.list({ query: '', sort: 'recent' }).slice()) if (e.faxNumber) inBook.set(e.faxNumber, e);
      s.checkOptions = { defaultCountry: book.defaultCountry(), findExisting: (n) => inBook.get(n) };
      const checker = createRowChecker(s.checkOptions);
      const total = candidates.length;
      onProgress({ importId, phase: 'checking', done: 0, total });
      for (let i = 0; i < total; i++) {
        checker.check(candidates[i] as ImportCandidate);
        if ((i + 1) % CHUNK === 0 && i + 1 < total) {
          onProgress({ importId, phase: 'checking', done: i + 1, total });
          await yieldToLoop();
        }
      }
      onProgress({ importId, phase: 'checking', done: total, total });
      s.checked = checker.rows.map((r) => (s.edits.has(r.candidate.row) ? { ...r, edited: true } : r));
      return { importId, counts: countRows(s.checked), rows: s.checked.map(toImportRow) };
    },

    fixRow(importId, row, field, value) {
      const s = session(importId);
      const checked = s.checked;
      if (!checked || !s.checkOptions) {
        throw new ImportSessionError('Check the rows before fixing one.', { code: 'import-not-checked', field: 'importId' });
      }
      const index = checked.findIndex((r) => r.candidate.row === row);
      const target = checked[index];
      if (!target) throw new ImportSessionError(`Row ${row} is not in this file.`, { code: 'import-row-unknown', field: 'row' });
      const key = field === 'fax' ? 'faxRaw' : field;
      const fixed = { ...s.edits.get(row), [key]: value.trim() };
      s.edits.set(row, fixed);
      const oldNumber = target.faxNumber;
      checked[index] = { ...target, candidate: withEdits(target.candidate, fixed), edited: true };
      recheckRows(checked, [index], s.checkOptions);
      const newNumber = (checked[index] as CheckedRow).faxNumber;
      // Rows sharing the old or the new number may change too: which of them comes first decides "repeated in the file".
      const shared = new Set([oldNumber, newNumber].filter(Boolean));
      const affected = [index];
      checked.forEach((r, i) => {
        if (i !== index && shared.has(r.faxNumber)) affected.push(i);
      });
      const before = new Map(affected.map((i) => [i, toImportRow(checked[i] as CheckedRow)]));
      recheckRows(checked, affected, s.checkOptions);
      const changed = affected.filter(
        (i) => i === index || JSON.stringify(toImportRow(checked[i] as CheckedRow)) !== JSON.stringify(before.get(i)),
      );
      log.info(`fixed the ${field} of row ${row} in the preview`);
      return {
        importId,
        counts: countRows(checked),
        rows: changed.sort((a, b) => a - b).map((i) => toImportRow(checked[i] as CheckedRow)),
      };
    },

    async commit(importId, duplicates, groupName) {
      const s = session(importId);
      if (!s.checked) {
        throw new ImportSessionError('Check the rows before importing them.', { code: 'import-not-checked', field: 'importId' });
      }
      const report = await writeImport(book.db, s.checked, {
        duplicates,
        groupName,
        chunk: CHUNK / 4,
        now: now(),
        onProgress: (done, total) => onProgress({ importId, phase: 'saving', done, total }),
        yieldToLoop,
      });
      sessions.delete(importId);
      book.changed('imported');
      log.info(`imported: ${report.added} added, ${report.merged} merged, ${report.skipped} skipped, ${report.invalid} invalid`);
      return report;
    },

    cancel(importId) {
      return sessions.delete(importId);
    },
  };
}

/** A candidate with the cells fixed in the preview; a card that could not be read counts as read once fixed. */
function withEdits(c: ImportCandidate, edits: RowEdits | undefined): ImportCandidate {
  if (!edits) return c;
  const { readError: _unread, ...rest } = c;
  return { ...rest, ...edits };
}

function tooMany(fileName: string, n: number): ImportOpened {
  return {
    ok: false,
    canceled: false,
    reason: `${fileName} has ${n.toLocaleString('en')} contacts; at most ${MAX_IMPORT_ROWS.toLocaleString('en')} can be imported at once: split the file.`,
  };
}

/** The first rows by column name, for the mapping step (computed columns included). */
function candidatesSample(table: CsvTable, columns: readonly string[]): Array<Record<string, string>> {
  return table.rows.slice(0, 5).map((row) => {
    const out: Record<string, string> = {};
    columns.forEach((c, i) => {
      out[c] = (i < table.columns.length ? (row[i] ?? '') : typedSample(table, row)).slice(0, 200);
    });
    return out;
  });
}

function typedSample(table: CsvTable, row: readonly string[]): string {
  const only = candidatesFromCsv({ columns: table.columns, rows: [row as string[]] }, { ...EMPTY_MAPPING, fax: columnsWithTyped(table) });
  return only[0]?.faxRaw ?? '';
}

function columnsWithTyped(table: CsvTable): string[] {
  return planColumns(table.columns).columns.slice(table.columns.length);
}
