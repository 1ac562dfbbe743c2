// The mail merge's parts and how they meet: the template (fields, fill), the data (a CSV, an
// Excel sheet or an address-book group, checked row by row), the converters (DOCX to PDF) and
// the merge itself (a broadcast of personalised documents, its state in SQLite). Each part
// lives in its own folder under electron/merge/ and depends on the others only through these types.

import type {
  ConverterId,
  ConverterInfo,
  MergeMapping,
  MergeOptions,
  MergePreview,
  MergeProblem,
  MergeRow,
  MergeView,
} from '../../shared/ipc/contract/merge.ts';

// A refusal for the person (what happened, what to do, a code for tests and the detail view),
// the converters' descriptions and the column mapping are the contract's own types.
export type { ConverterId, ConverterInfo, MergeMapping, MergeProblem } from '../../shared/ipc/contract/merge.ts';

export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: MergeProblem };

// ---------------------------------------------------------------------------------------------
// The template (electron/merge/template/)

export interface MergeTemplate {
  /** The file's name as the person knows it. */
  name: string;
  /** Every field the template uses, in the order each first appears (MERGEFIELDs and {{tags}} alike). */
  fields: string[];
  /** How many of each kind the template had (shown: "3 Word merge fields, 2 {{tags}}"). */
  kinds: { mergeFields: number; tags: number };
  /** The page count the template's own properties state (docProps/app.xml), when it states one. */
  pages?: number;
  /** SHA-256 of the original file. */
  sha256: string;
  /** The template with every MERGEFIELD rewritten as a {{tag}}: what `fillTemplate` fills. */
  normalized: Uint8Array;
}

// readTemplate(bytes, name): Outcome<MergeTemplate>
// fillTemplate(template, values: Record<string, string>): Outcome<Uint8Array>   (a .docx)

// ---------------------------------------------------------------------------------------------
// The data (electron/merge/data/)

export type MergeSourceKind = 'csv' | 'xlsx' | 'group';

/** A source read whole: its columns and rows of text (every cell as the person sees it). */
export interface MergeTable {
  source: { kind: MergeSourceKind; name: string };
  columns: string[];
  rows: string[][];
  /**
   * Parallel to `rows`: the number the person finds each row by in their own tool, what "row N"
   * says everywhere (merge/row-label.ts): a CSV's line in the file (the header's is 1; blank
   * lines count, a record spanning lines is found at its first), a sheet's row as Excel numbers
   * it (hidden and blank rows count), a group member's position in the group (1 the first).
   */
  lines: number[];
  /** Things said about the read that are not problems ("Read as Windows-1252", "Sheet 'Doctors' of 3"). */
  notes: string[];
}

export interface RowEdit {
  /** Index into MergeTable.rows. */
  row: number;
  /** Column name → the value typed in its place. */
  values: Record<string, string>;
}

/** One row as it will be sent, or why it cannot be. */
export interface CheckedRow {
  row: number;
  /** The vendor's digits, when the number is valid. */
  number?: string;
  /** For people: +1 212 555 0100, or the cell as typed when it is not valid. */
  display: string;
  /** Each template field's value for this row. */
  values: Record<string, string>;
  /** The To header as it will be sent (cut to the rule), when a field is picked for it. */
  toHeader?: string;
  /** Why this row cannot be sent as it is (an empty list: it can). */
  problems: string[];
  /** Earlier rows (indexes) with the same number: flagged, not refused. */
  duplicateOf?: number;
  /** Left out by the person. */
  leftOut: boolean;
}

// readMergeFile(bytes, fileName): Promise<Outcome<MergeTable>>          (CSV in any encoding, .xlsx)
// groupTable(db, groupId): Outcome<MergeTable>                   (address-book group: Name, Company, Fax, To header, Notes)
// guessMapping(fields, table): MergeMapping
// checkRows({ table, mapping, fields, edits, leftOut }): CheckedRow[]

// ---------------------------------------------------------------------------------------------
// The converters (electron/merge/convert/)

/** One document to convert: a filled .docx on disk and where its PDF goes. */
export interface ConvertItem {
  docxPath: string;
  pdfPath: string;
  /** What the person calls it in a problem ("row 43", as they count), else the file's name. */
  label?: string;
}

export type ConvertResult = { index: number; ok: true } | { index: number; ok: false; problem: MergeProblem };

export interface DocxConverter {
  readonly info: ConverterInfo;
  /**
   * Converts a batch (several documents per process start where the converter allows it).
   * One result per item, in any order, as each is known; an item that hangs past the timeout
   * is a failure naming it, and the others still convert. Aborting stops the batch.
   */
  convert(items: readonly ConvertItem[], signal: AbortSignal): AsyncIterable<ConvertResult>;
  /** Removes the private profile and anything else it made. */
  dispose(): Promise<void>;
}

/**
 * The built-in converter's printer, given by the host: Electron renders the DOCX (docx-preview)
 * in a hidden window and prints it with `webContents.printToPDF`; the browser host in headless
 * Chromium. Takes a .docx's bytes, gives a PDF's bytes.
 */
export interface DocxPrintPort {
  printDocx(docx: Uint8Array, signal: AbortSignal): Promise<Uint8Array>;
}

// findConverters({ platform, builtin?: DocxPrintPort, soffice?: string }): Promise<ConverterInfo[]>
// createConverter(id, { workDir, builtin?, soffice?, timeoutMs? }): DocxConverter

// ---------------------------------------------------------------------------------------------
// The merge (electron/merge/merge-service.ts): what the IPC handlers and the CLI call. Refusals
// are thrown as AppError (electron/core/app-error.ts) with the problem's code, and its message
// and action joined as the message. Changes are announced on the event bus as `mergeChanged`
// (coalesced while it runs) and `mergeProgress` (a preview or start that takes a while).

export type MergeDataSource = { kind: 'bytes'; fileName: string; bytes: Uint8Array } | { kind: 'group'; groupId: number };
export type MergeRowFilter = 'all' | 'problems' | 'duplicates' | 'left-out' | 'not-sent';

export interface MergeService {
  /** The merge being prepared or running (the newest not yet closed), or null. */
  current(): MergeView | null;
  get(mergeId: string): MergeView | null;
  /** Reads a .docx's fields; starts a new merge unless one is being prepared (then its template is replaced). */
  openTemplate(fileName: string, bytes: Uint8Array): Promise<MergeView>;
  openData(mergeId: string, source: MergeDataSource): Promise<MergeView>;
  update(mergeId: string, patch: { mapping?: MergeMapping; options?: MergeOptions; converter?: ConverterId }): Promise<MergeView>;
  listRows(mergeId: string, filter: MergeRowFilter, offset: number, limit: number): { rows: MergeRow[]; total: number };
  fixRow(mergeId: string, row: number, values: Record<string, string>): Promise<{ row: MergeRow; merge: MergeView }>;
  setLeftOut(mergeId: string, rows: readonly number[], leftOut: boolean): Promise<MergeView>;
  preview(mergeId: string, row: number): Promise<MergePreview>;
  start(mergeId: string, options?: { allowDuplicate?: boolean }): Promise<MergeView>;
  pause(mergeId: string): Promise<MergeView>;
  resume(mergeId: string): Promise<MergeView>;
  cancel(mergeId: string): Promise<MergeView>;
  discard(mergeId: string): Promise<MergeView | null>;
  /** Resolves when no merge is rendering or queueing (tests, the CLI). */
  idle(): Promise<void>;
  dispose(): Promise<void>;
}
