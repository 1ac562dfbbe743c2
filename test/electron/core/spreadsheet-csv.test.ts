import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  localDateTime,
  spreadsheetCsv,
  spreadsheetText,
  timeZoneName,
  unmarkSpreadsheetText,
} from '../../../electron/core/spreadsheet-csv.ts';

describe('spreadsheetText', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1 212 555 0100', "'+1 212 555 0100"],
    ['-5 off', "'-5 off"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindented', "'\tindented"],
    ['\rcarriage', "'\rcarriage"],
    ['0042', "'0042"],
    ['123456789012', "'123456789012"],
  ])('marks %j as text', (value, cell) => {
    expect(spreadsheetText(value)).toBe(cell);
    expect(unmarkSpreadsheetText(cell)).toBe(value);
  });

  it.each(['Alice', '12025550100x', '42', '', "'Tis the season", 'a=b'])('leaves %j alone', (value) => {
    expect(spreadsheetText(value)).toBe(value);
    expect(unmarkSpreadsheetText(value)).toBe(value);
  });
});

describe('spreadsheetCsv', () => {
  const csv = spreadsheetCsv(
    ['Name', 'Fax', 'Pages', 'Notes'],
    [
      ['=HYPERLINK("http://x")', '+44 20 7946 0000', 3, 'two\nlines, "quoted"'],
      ['Zoë Ångström', '0207946000', 0, null],
    ],
  );

  it('starts with a UTF-8 byte-order mark and ends every line with CRLF', () => {
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.endsWith('\r\n')).toBe(true);
    // The only LF not after a CR is the one inside the quoted note.
    expect(csv.match(/(?<!\r)\n/g)).toHaveLength(1);
  });

  it('reads back with a real CSV parser: text marked, numbers as numbers, UTF-8 intact', () => {
    const { data, errors } = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true, dynamicTyping: false });
    expect(errors).toEqual([]);
    expect(data).toEqual([
      ['Name', 'Fax', 'Pages', 'Notes'],
      [`'=HYPERLINK("http://x")`, "'+44 20 7946 0000", '3', 'two\nlines, "quoted"'],
      ['Zoë Ångström', "'0207946000", '0', ''],
    ]);
    // No cell a spreadsheet would run as a formula.
    for (const row of data) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('local times', () => {
  it('writes the wall-clock time in the zone, in a form spreadsheets read as a date', () => {
    const at = Date.UTC(2026, 0, 15, 9, 5, 7);
    expect(localDateTime(at, 'UTC')).toBe('2026-01-15 09:05:07');
    expect(localDateTime(at, 'Europe/Berlin')).toBe('2026-01-15 10:05:07');
    expect(localDateTime(at, 'America/Los_Angeles')).toBe('2026-01-15 01:05:07');
    expect(localDateTime(null)).toBe('');
  });

  it('names the zone, the computer’s own by default', () => {
    expect(timeZoneName('Europe/Berlin')).toBe('Europe/Berlin');
    expect(timeZoneName()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
