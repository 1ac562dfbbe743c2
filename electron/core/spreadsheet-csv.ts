// CSV that Excel and LibreOffice open as written: UTF-8 with a byte-order mark (Excel reads a
// UTF-8 file as the local code page without one), CRLF line ends, times in local time with the
// zone named in the column header, and text cells that a spreadsheet would run or convert
// marked as text. One rule for every export (the Outbox, the address book); the importer undoes it.

import Papa from 'papaparse';

// Excel, LibreOffice and Google Sheets start a formula at any of these (tab and CR too).
const FORMULA_START = /^[=+\-@\t\r]/;
// Digits a spreadsheet would turn into a number and so change: a leading zero is dropped,
// and 12 digits or more are shown as 1.23457E+11 (and past 15, rounded).
const NUMBER_LIKE = /^(0\d+|\d{12,})$/;

/**
 * A text cell as a spreadsheet must show it: a leading `'` (the "this is text" mark Excel and
 * LibreOffice consume) before a cell that starts like a formula (`=`, `+`, `-`, `@`, tab, CR) or
 * looks like a number it would change, so `+1 212 555 0100` keeps its `+` and `0042` its zeros.
 */
export function spreadsheetText(value: string): string {
  return FORMULA_START.test(value) || NUMBER_LIKE.test(value) ? `'${value}` : value;
}

/** What an exported cell said before `spreadsheetText` marked it (for re-importing our own files). */
export function unmarkSpreadsheetText(cell: string): string {
  return cell.startsWith("'") && spreadsheetText(cell.slice(1)) === cell ? cell.slice(1) : cell;
}

type Cell = string | number | null | undefined;

/** The whole file: BOM, header line, one CRLF-ended line per row; strings marked, numbers left as numbers. */
export function spreadsheetCsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const data: Array<Array<string | number>> = [];
  for (const row of rows) data.push(row.map((c) => (typeof c === 'number' ? c : spreadsheetText(c ?? ''))));
  return `\ufeff${Papa.unparse({ fields: header.map(spreadsheetText), data }, { newline: '\r\n' })}\r\n`;
}

/** The zone local times are written in (the computer's own unless given): `Europe/Berlin`. */
export function timeZoneName(timeZone?: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
}

/** `2026-02-03 14:05:09` in the zone: a form Excel and LibreOffice read as a date and time. */
export function localDateTime(ms: number | null, timeZone?: string): string {
  if (ms == null) return '';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}
