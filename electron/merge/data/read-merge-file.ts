// The merge's data file, told apart by its content (a name can lie: Excel saves CSV as .xls on
// request, mail gateways rename attachments): an .xlsx workbook, CSV text, or something else
// named for what it is with what to do instead. Password-protected workbooks and old .xls
// files are both OLE containers; the encrypted one holds an "EncryptedPackage" stream.

import { extname } from 'node:path';
import { looksLike } from '../../../shared/file-sniff.ts';
import type { MergeTable, Outcome } from '../types.ts';
import { readCsvTable } from './read-csv-table.ts';
import { readXlsxTable } from './read-xlsx-table.ts';
import { fail } from './table-shape.ts';

const CHOOSE = 'Choose a CSV file or an Excel .xlsx workbook with a header row naming the columns and one row per recipient.';
const TEXT_EXTENSIONS = new Set(['.csv', '.txt', '.tsv', '.tab']);

/** Reads a CSV (any of the encodings people's tools write) or an .xlsx sheet as a merge table. */
export async function readMergeFile(bytes: Uint8Array, fileName: string): Promise<Outcome<MergeTable>> {
  // The name as the person knows it: a path (the CLI's) loses its folders, Windows' or POSIX'.
  const name = fileName.split(/[\\/]/).pop()?.trim() || 'The file';
  if (bytes.byteLength === 0) return fail('empty-file', `${name} is empty (0 bytes).`, CHOOSE);
  const ext = extname(name).toLowerCase();
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kind = sniff(buffer);

  if (kind === 'xlsx')
    return readXlsxTable(
      bytes,
      name,
      ext === '.xlsx' || ext === '.xlsm' ? [] : [`Read as an Excel workbook, although it is named ${ext || 'without an extension'}.`],
    );
  if (kind === 'text')
    return readCsvTable(
      bytes,
      name,
      TEXT_EXTENSIONS.has(ext) ? [] : [`Read as CSV text, although it is named ${ext || 'without an extension'}.`],
    );
  if (kind === 'encrypted') {
    return fail(
      'xlsx-encrypted',
      `${name} is protected with a password, so it cannot be read.`,
      'Open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password, then clear it), save it, and choose it again; or save the sheet as CSV.',
    );
  }
  if (kind === 'xls') {
    return fail(
      'xls-old',
      `${name} is an old-style Excel 97–2003 workbook (.xls), which cannot be read here.`,
      'Open it in Excel or LibreOffice and save it as .xlsx or CSV, then choose that file.',
    );
  }
  if (kind === 'ods') {
    return fail(
      'ods',
      `${name} is an OpenDocument spreadsheet (.ods), which cannot be read here.`,
      'Open it in LibreOffice and save it as .xlsx or CSV (File › Save As), then choose that file.',
    );
  }
  const what =
    kind === 'pdf'
      ? 'a PDF document'
      : kind === 'docx'
        ? 'a Word document'
        : kind === 'zip'
          ? 'a ZIP archive'
          : (looksLike(buffer.subarray(0, 4096)) ?? 'not a CSV or Excel file');
  const is = what.startsWith('not ') ? what : `${what}, not a list of recipients`;
  return fail('not-a-table', `${name} is ${is}.`, CHOOSE);
}

type Kind = 'xlsx' | 'text' | 'encrypted' | 'xls' | 'ods' | 'docx' | 'zip' | 'pdf' | 'other';

function sniff(b: Buffer): Kind {
  const starts = (...sig: number[]) => sig.every((x, i) => b[i] === x);
  if (b.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    if (b.includes(Buffer.from('EncryptedPackage', 'utf16le'))) return 'encrypted';
    if (b.includes(Buffer.from('Workbook', 'utf16le')) || b.includes(Buffer.from('Book', 'utf16le'))) return 'xls';
    return 'other';
  }
  // A ZIP names its parts in plain bytes, so the workbook's own part tells an .xlsx from a .docx.
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    if (b.includes('xl/workbook')) return 'xlsx';
    if (b.includes('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
    if (b.includes('word/document')) return 'docx';
    return 'zip';
  }
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff) || starts(0xef, 0xbb, 0xbf)) return 'text';
  return looksLike(b.subarray(0, 4096)) === 'a text file' ? 'text' : 'other';
}
