// An Excel cell as the person sees it, as text for a merge field. exceljs's own `cell.text` is
// `value.toString()`: a date becomes "Wed Jan 31 2024 01:00:00 GMT+0100", 0.1+0.2 becomes
// "0.30000000000000004" and a formula's text is lost behind its object. So each kind of value
// is turned into what the sheet shows, with a deliberately small reading of number formats:
//   - dates: YYYY-MM-DD (Excel's locale short date, and any date format, shown in the one
//     form no reader misreads), with HH:MM added when the format shows hours, and HH:MM
//     alone for a time-only format;
//   - numbers: up to 15 significant digits (what Excel stores), whole numbers in full (a phone
//     number typed as a number keeps every digit, never 1.2E+10); a format's fixed decimals
//     ("0.00"), thousands separators ("#,##0") and percent are kept, zero-padding ("00000")
//     restores a leading zero; currency symbols and other literals are not drawn;
//   - rich text and hyperlinks: their text; a formula: its saved result; an error: as shown (#N/A).

import type { Cell, CellValue } from 'exceljs';

/** What a formula without a saved result reads as (a file written by a tool that does not calculate). */
const NO_RESULT = '';

export interface CellRead {
  text: string;
  /** A formula whose file holds no calculated result. */
  uncalculated?: boolean;
  /** The cell shows an error (#N/A, #REF!…). */
  error?: boolean;
}

/** The text a cell shows; a merged cell shows its range's value (the master's, with the master's format). */
export function cellText(cell: Cell): CellRead {
  const source = cell.master;
  return valueText(source.value, source.numFmt);
}

function valueText(value: CellValue, numFmt: string | undefined): CellRead {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: numberText(value, numFmt) };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: dateText(value, numFmt) };
  if ('error' in value) return { text: String(value.error), error: true };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('hyperlink' in value) {
    // A hyperlink's text may itself be rich text (exceljs reads it so when the link is styled).
    const text = value.text as CellValue;
    return text === undefined || text === null ? { text: value.hyperlink ?? '' } : valueText(text, numFmt);
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: CellValue }).result;
    if (result === undefined || result === null) return { text: NO_RESULT, uncalculated: true };
    return valueText(result, numFmt);
  }
  return { text: String(value) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

// exceljs hands dates over as UTC instants of the serial number, so the UTC fields are the sheet's own.
function dateText(date: Date, numFmt: string | undefined): string {
  if (Number.isNaN(date.getTime())) return '';
  const format = (numFmt ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '').toLowerCase();
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  const showsTime = format.includes('h');
  const showsDate = /[dy]/.test(format) || (!showsTime && format.includes('m'));
  if (showsTime && !showsDate) return time;
  return showsTime ? `${day} ${time}` : day;
}

function numberText(n: number, numFmt: string | undefined): string {
  if (!Number.isFinite(n)) return String(n);
  // The first section of "pos;neg;zero" formats; quoted literals and [colour]/[$€-407] codes dropped.
  const format = (numFmt ?? '')
    .split(';')[0]
    ?.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '')
    .trim();
  if (!format || /^general$/i.test(format) || format === '@') return plainNumber(n);
  if (/^0+$/.test(format) && Number.isInteger(n) && n >= 0) return String(n).padStart(format.length, '0');
  const percent = format.includes('%');
  const value = percent ? n * 100 : n;
  const decimals = /\.([0#?]+)/.exec(format)?.[1]?.length;
  const grouped = /[#0],[#0]/.test(format);
  if (decimals === undefined && !grouped && !percent) return plainNumber(n);
  const digits = decimals ?? 0;
  const text = grouped
    ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : value.toFixed(digits);
  return percent ? `${text}%` : text;
}

/** A number as Excel's General format keeps it: whole numbers in full, others to 15 significant digits. */
function plainNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  return String(Number(n.toPrecision(15)));
}
