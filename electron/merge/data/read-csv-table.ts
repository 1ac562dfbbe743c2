// A CSV (or tab- or semicolon-separated text) as a merge table, read the way the contacts
// importer reads one: the same decoding (BOM, UTF-8, else Windows-1252 as Outlook and Excel
// write it) and the same papaparse reading, so a file that imports as contacts merges alike.

import Papa from 'papaparse';
import { decodeText } from '../../contacts/decode-text.ts';
import { unmarkSpreadsheetText } from '../../core/spreadsheet-csv.ts';
import type { MergeTable, Outcome } from '../types.ts';
import { fail, shapeTable } from './table-shape.ts';

const WINDOWS_1252_NOTE = 'Read as Western (Windows-1252): check accented names in the preview.';

export function readCsvTable(bytes: Uint8Array, name: string, notes: string[] = []): Outcome<MergeTable> {
  const text = decodeText(bytes);
  if (text.trim() === '')
    return fail('empty-file', `${name} is empty.`, 'Choose the file that holds the recipients, with a header row naming the columns.');
  const csv = parseCsv(text);
  if (!csv) {
    return fail(
      'no-rows',
      `${name} has no rows under its header.`,
      'Add one row per recipient under the column names, or choose another file.',
    );
  }
  const header = csv.header.map((c) => unmarkSpreadsheetText(c.replace(/^\ufeff/, '').trim()));
  const rows = csv.rows.map((r) => r.map(csvCell));
  const read = notes.slice();
  if (decodedAsWindows1252(bytes)) read.push(WINDOWS_1252_NOTE);
  const shaped = shapeTable({ header, rows, lines: csv.lines, unnamed: (i) => `Column ${i + 1}` }, { kind: 'csv', name }, read);
  return shaped.ok ? { ok: true, value: shaped.table } : shaped;
}

/**
 * The records of the text with each one's line in the file (the header's is 1): papaparse as the
 * contacts importer uses it (the same delimiters guessed), but blank lines kept while counting,
 * so "row 5" is the line the person finds in their editor, and a record whose quoted cell spans
 * lines is numbered by its first. Undefined: no header, or no record under it.
 */
function parseCsv(text: string): { header: string[]; rows: string[][]; lines: number[] } | undefined {
  // The delimiter as the contacts importer guesses it (with blank lines skipped), then every line read.
  const { delimiter } = Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: 'greedy',
    delimitersToGuess: DELIMITERS,
    preview: 200,
  }).meta;
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimiter });
  let header: string[] | undefined;
  const rows: string[][] = [];
  const lines: number[] = [];
  let line = 1;
  for (const record of parsed.data) {
    const at = line;
    for (const cell of record) line += cell.match(LINE_BREAK)?.length ?? 0;
    line++;
    if (record.every((c) => c.trim() === '')) continue;
    if (!header) header = record;
    else {
      rows.push(record);
      lines.push(at);
    }
  }
  return header && rows.length ? { header, rows, lines } : undefined;
}

const DELIMITERS = [',', ';', '\t', '|'];
const LINE_BREAK = /\r\n|\r|\n/g;

// Our own exports mark formula-like text with ' ('+1 212…); the mark is not part of the value.
const csvCell = (cell: string) => unmarkSpreadsheetText(cell.replace(/^\ufeff/, '').trim());

// decodeText's last resort, told apart the way it decides: no byte-order mark, and not valid UTF-8.
function decodedAsWindows1252(bytes: Uint8Array): boolean {
  const bom =
    (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (bom) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}
