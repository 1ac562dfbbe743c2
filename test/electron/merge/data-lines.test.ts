// Each row's number as the person finds it in their file (MergeTable.lines): what "row N" says
// in the row list, the engine's messages, the converters' problems and the CLI.

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readMergeFile } from '../../../electron/merge/data/index.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('row numbers of a data file', () => {
  it('a CSV: the line in the file, header 1; blank lines count, a record spanning lines is found at its first', async () => {
    const csv = 'Name,Fax\r\nAnn,2125552000\r\n\r\n,\r\n"Bob\r\nJr",2125552001\r\nCy,2125552002\r\n';
    const t = await readMergeFile(enc(csv), 'd.csv');
    if (!t.ok) throw new Error(t.problem.message);
    expect(t.value.rows.map((r) => r[0])).toEqual(['Ann', 'Bob\r\nJr', 'Cy']);
    expect(t.value.lines).toEqual([2, 5, 7]);
  });

  it('a semicolon CSV with blank lines before its header keeps the same delimiter and counts them', async () => {
    const t = await readMergeFile(enc('\n\nName;Fax\nAnn;2125552000\n'), 'd.csv');
    if (!t.ok) throw new Error(t.problem.message);
    expect(t.value.columns).toEqual(['Name', 'Fax']);
    expect(t.value.lines).toEqual([4]);
  });

  it('a sheet: the row as Excel numbers it, with hidden and blank rows counted', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Doctors');
    ws.getRow(2).values = ['Name', 'Fax'];
    ws.getRow(3).values = ['Ann', '2125552000'];
    ws.getRow(5).values = ['Hidden', '2125552009'];
    ws.getRow(5).hidden = true;
    ws.getRow(6).values = ['Bob', '2125552001'];
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const t = await readMergeFile(bytes, 'd.xlsx');
    if (!t.ok) throw new Error(t.problem.message);
    expect(t.value.rows.map((r) => r[0])).toEqual(['Ann', 'Bob']);
    expect(t.value.lines).toEqual([3, 6]);
  });
});
