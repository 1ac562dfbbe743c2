// An Excel .xlsx sheet as a merge table (exceljs). Which sheet: the first visible one with data
// (a workbook often opens with an empty "Sheet1" or a cover sheet). Which header: the first row
// with anything in it. Merged cells in the header are refused (a merged header names one column
// and leaves the next without a name, so a field could fill from the wrong one); merged cells
// below it give their value to every row and column they span, as the sheet shows them.
// Rows hidden in Excel (a filter, or hidden by hand) are left out and counted in a note: a
// person who filtered the list to "New York only" means those rows, and a fax to someone they
// filtered out is a fax to the wrong people; unhiding them brings them back.

import { inflateRawSync } from 'node:zlib';
import type { Cell, Row, Worksheet } from 'exceljs';
import PizZip from 'pizzip';
import type { MergeProblem, MergeTable, Outcome } from '../types.ts';
import { cellText } from './cell-text.ts';
import { fail, shapeTable } from './table-shape.ts';

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export async function readXlsxTable(bytes: Uint8Array, name: string, notes: string[] = []): Promise<Outcome<MergeTable>> {
  // exceljs takes ~300 ms to load: only when a sheet is opened, not at start-up.
  const { default: ExcelJS } = await import('exceljs');
  const bounded = checkPackage(bytes, name);
  if (bounded) return { ok: false, problem: bounded };
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's types name its own Buffer (an ArrayBuffer); its zip reader takes Node's, without a copy.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    return fail(
      'xlsx-unreadable',
      `${name} could not be read as an Excel workbook (${error instanceof Error ? error.message : String(error)}).`,
      'Open it in Excel or LibreOffice and save it again as .xlsx, or save the sheet as CSV.',
    );
  }
  const sheets = workbook.worksheets;
  const tooBig = sheets.find((sheet) => cellsToWalk(sheet) > MAX_SHEET_CELLS);
  if (tooBig)
    return fail(
      'xlsx-too-large',
      `Sheet '${tooBig.name}' of ${name} reaches over ${MAX_SHEET_CELLS.toLocaleString('en-US')} cells (counting the empty ones up to its last used column).`,
      SHRINK,
    );
  const ordered = [...sheets.filter((s) => s.state === 'visible'), ...sheets.filter((s) => s.state !== 'visible')];
  const sheet = ordered.find((s) => firstTextRow(s) !== undefined);
  if (!sheet) {
    return fail(
      'empty-table',
      `${name} has no data in any of its sheets.`,
      'Choose the workbook that holds the recipients, with a header row naming the columns.',
    );
  }
  const headerRow = firstTextRow(sheet) as number;
  const where = sheets.length > 1 ? `Sheet '${sheet.name}'` : 'The sheet';

  const headerMerges = mergesInRow(sheet, headerRow);
  if (headerMerges.length) {
    const cells = headerMerges.map(rangeName);
    const listed = cells.length === 1 ? `${cells[0]} are` : `${cells.slice(0, -1).join(', ')} and ${cells.at(-1)} are each`;
    return fail(
      'merged-header',
      `In ${sheets.length > 1 ? `sheet '${sheet.name}'` : 'the sheet'} of ${name}, the header cells ${listed} merged, so the columns under them do not each have a name.`,
      'Unmerge them in Excel (Home › Merge & Center › Unmerge Cells) so each column has its own name, then choose the file again.',
    );
  }

  const header = rowTexts(sheet.getRow(headerRow)).texts;
  const rows: string[][] = [];
  // Each row's number as Excel shows it at the sheet's left.
  const lines: number[] = [];
  const bodyMerges = new Map<string, Range>();
  let hidden = 0;
  let uncalculated = 0;
  let errors = 0;
  sheet.eachRow((row, r) => {
    if (r <= headerRow) return;
    const read = rowTexts(row, bodyMerges);
    if (!read.texts.some(Boolean)) return;
    if (row.hidden) {
      hidden++;
      return;
    }
    uncalculated += read.uncalculated;
    errors += read.errors;
    rows.push(read.texts);
    lines.push(r);
  });

  const said = notes.slice();
  if (sheets.length > 1) said.push(`${where} (${sheets.indexOf(sheet) + 1} of ${sheets.length}): the first with data.`);
  if (hidden)
    said.push(
      `${hidden} hidden row${hidden === 1 ? ' is' : 's are'} left out: unhide ${hidden === 1 ? 'it' : 'them'} in Excel to include ${hidden === 1 ? 'it' : 'them'}.`,
    );
  if (bodyMerges.size) {
    const names = [...bodyMerges.values()].map(rangeName);
    said.push(`Merged cells (${names.slice(0, 3).join(', ')}${names.length > 3 ? '…' : ''}) give their value to each row they span.`);
  }
  if (uncalculated) {
    said.push(
      `${uncalculated} formula cell${uncalculated === 1 ? ' has' : 's have'} no saved result and read${uncalculated === 1 ? 's' : ''} as empty: open the file in Excel and save it, so the results are stored.`,
    );
  }
  if (errors)
    said.push(
      `${errors} cell${errors === 1 ? ' shows' : 's show'} an error (such as #N/A): fix ${errors === 1 ? 'it' : 'them'} in Excel, or in the preview.`,
    );

  const shaped = shapeTable({ header, rows, lines, unnamed: (i) => `Column ${columnLetter(i + 1)}` }, { kind: 'xlsx', name }, said);
  return shaped.ok ? { ok: true, value: shaped.table } : shaped;
}

/** What a workbook's parts may inflate to, all together, counted as they inflate. */
const MAX_XLSX_BYTES = 100 * 1024 * 1024;
/** The cells a merged range may cover (exceljs makes an object for every one of them). */
const MAX_MERGE_CELLS = 10_000;
/** The cells a sheet may make exceljs walk (each row up to its last cell, empty ones included). */
const MAX_SHEET_CELLS = 2_000_000;
const SHRINK =
  'Copy just the recipients (a header row and one row per recipient) into a new workbook, save it as .xlsx or CSV, and choose that file.';

/**
 * Before exceljs sees the bytes: every part inflated under one cap (a part's declared size is only
 * the file's word: a 6 KB workbook can inflate to gigabytes), and no merged range larger than a
 * list's cells could be (`<mergeCell ref="A3:XFD1048576"/>` made exceljs build a cell object for
 * each of 17 billion cells and run out of memory).
 */
function checkPackage(bytes: Uint8Array, name: string): MergeProblem | undefined {
  let zip: PizZip;
  try {
    zip = new PizZip(bytes);
  } catch {
    return undefined; // exceljs says what is wrong with it, in its words.
  }
  let budget = MAX_XLSX_BYTES;
  const tooLarge = {
    code: 'xlsx-too-large',
    message: `${name} is too large to read: its contents inflate past ${MAX_XLSX_BYTES / 1024 / 1024} MB.`,
    action: SHRINK,
  };
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    const data = (file as unknown as { _data?: { compressionMethod?: string; getCompressedContent?: () => Uint8Array | string } })._data;
    let raw: Uint8Array;
    try {
      if (typeof data?.getCompressedContent !== 'function') raw = file.asUint8Array();
      else {
        const content = data.getCompressedContent();
        const compressed = typeof content === 'string' ? Buffer.from(content, 'latin1') : content;
        if (data.compressionMethod === '\x08\x00') raw = inflateRawSync(compressed, { maxOutputLength: Math.max(1, budget) });
        else raw = compressed;
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) return tooLarge;
      return undefined;
    }
    budget -= raw.length;
    if (budget < 0) return tooLarge;
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(file.name)) {
      const merge = largeMerge(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8'));
      if (merge)
        return {
          code: 'xlsx-merge-too-large',
          message: `${name} has merged cells ${merge} covering more than ${MAX_MERGE_CELLS.toLocaleString('en-US')} cells, far more than a list of recipients holds.`,
          action: 'Unmerge them in Excel (Home › Merge & Center › Unmerge Cells), save the workbook, and choose it again.',
        };
    }
  }
  return undefined;
}

// Every character is tried once; the pattern has no open-ended part to backtrack over.
const MERGE_REF = /<(?:\w+:)?mergeCell\s+ref\s*=\s*["']([A-Za-z]{1,3})(\d{1,7}):([A-Za-z]{1,3})(\d{1,7})["']/g;

/** A merged range over the limit, or the one that takes all of them over the sheet's budget. */
function largeMerge(xml: string): string | undefined {
  let total = 0;
  for (const [, left, top, right, bottom] of xml.matchAll(MERGE_REF)) {
    const columns = Math.abs(columnNumber(right as string) - columnNumber(left as string)) + 1;
    const rows = Math.abs(Number(bottom) - Number(top)) + 1;
    total += columns * rows;
    if (columns * rows > MAX_MERGE_CELLS || total > MAX_SHEET_CELLS) return `${left}${top}:${right}${bottom}`.toUpperCase();
  }
  return undefined;
}

/** A → 1, AA → 27. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const c of letters.toUpperCase()) n = n * 26 + (c.charCodeAt(0) - 64);
  return n;
}

/** The cells `eachCell({ includeEmpty: true })` visits over a sheet's rows: each row up to its last cell. */
function cellsToWalk(sheet: Worksheet): number {
  let cells = 0;
  sheet.eachRow((row) => {
    cells += row.cellCount;
  });
  return cells;
}

function firstTextRow(sheet: Worksheet): number | undefined {
  let found: number | undefined;
  sheet.eachRow((row, r) => {
    if (found === undefined && rowTexts(row).texts.some(Boolean)) found = r;
  });
  return found;
}

function rowTexts(row: Row, merges?: Map<string, Range>): { texts: string[]; uncalculated: number; errors: number } {
  const texts: string[] = [];
  let uncalculated = 0;
  let errors = 0;
  row.eachCell({ includeEmpty: true }, (cell, c) => {
    const read = cellText(cell);
    texts[c - 1] = read.text.trim();
    if (read.uncalculated) uncalculated++;
    if (read.error) errors++;
    if (merges && cell.master !== cell) grow(merges, cell);
  });
  for (let i = 0; i < texts.length; i++) texts[i] ??= '';
  return { texts, uncalculated, errors };
}

// A body merge's extent, from the cells that point at its master (ranges are rectangles).
function grow(merges: Map<string, Range>, cell: Cell): void {
  const master = cell.master;
  const top = Number(master.row);
  const left = Number(master.col);
  const range = merges.get(master.address) ?? { top, left, bottom: top, right: left };
  range.bottom = Math.max(range.bottom, Number(cell.row));
  range.right = Math.max(range.right, Number(cell.col));
  merges.set(master.address, range);
}

/** The merges that touch a row, found from its cells (public API: a cell knows its master). */
function mergesInRow(sheet: Worksheet, r: number): Range[] {
  const found = new Map<string, Range>();
  const row = sheet.getRow(r);
  row.eachCell({ includeEmpty: true }, (cell) => {
    if (!cell.isMerged) return;
    const master = cell.master;
    if (found.has(master.address)) return;
    const top = Number(master.row);
    const left = Number(master.col);
    let right = left;
    while (sheet.getCell(top, right + 1).master === master) right++;
    let bottom = top;
    while (sheet.getCell(bottom + 1, left).master === master) bottom++;
    found.set(master.address, { top, left, bottom, right });
  });
  return [...found.values()];
}

const rangeName = (m: Range) => `${columnLetter(m.left)}${m.top}:${columnLetter(m.right)}${m.bottom}`;

/** 1 → A, 27 → AA. */
function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}
