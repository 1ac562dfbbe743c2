// The merge's data files, each made here: CSV in the encodings people's tools write, .xlsx
// workbooks written with exceljs, and files that are neither.

import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { checkRows, guessMapping, readMergeFile } from '../../../electron/merge/data/index.ts';
import type { MergeTable, Outcome } from '../../../electron/merge/types.ts';
import { compoundFile, utf8, windows1252, xlsxBytes } from './data-fixtures.ts';

function table(outcome: Outcome<MergeTable>): MergeTable {
  if (!outcome.ok) throw new Error(`expected a table, got ${outcome.problem.code}: ${outcome.problem.message}`);
  return outcome.value;
}

function problem(outcome: Outcome<MergeTable>) {
  if (outcome.ok) throw new Error(`expected a problem, got a table of ${outcome.value.rows.length} rows`);
  return outcome.problem;
}

describe('CSV', () => {
  it('reads a Windows-1252 file right and says it did', async () => {
    const bytes = windows1252('Name;Fax;City;Fee\r\nJürgen Müller;212 555 0100;Köln;€ 12\r\nFrançoise Süß;+44 20 7946 0000;Zürich;€ 9\r\n');
    expect(bytes).toContain(0xfc); // ü, as Outlook writes it
    const t = table(await readMergeFile(bytes, 'doctors.csv'));
    expect(t.source).toEqual({ kind: 'csv', name: 'doctors.csv' });
    expect(t.columns).toEqual(['Name', 'Fax', 'City', 'Fee']);
    expect(t.rows).toEqual([
      ['Jürgen Müller', '212 555 0100', 'Köln', '€ 12'],
      ['Françoise Süß', '+44 20 7946 0000', 'Zürich', '€ 9'],
    ]);
    expect(t.notes).toContain('Read as Western (Windows-1252): check accented names in the preview.');
  });

  it('reads UTF-8 with a byte-order mark without the note, and the mark is not in the first column', async () => {
    const t = table(await readMergeFile(utf8('\ufeffName,Fax\r\nJürgen,2125550100\r\n'), 'C:\\Users\\ann\\list.csv'));
    expect(t.source.name).toBe('list.csv');
    expect(t.columns).toEqual(['Name', 'Fax']);
    expect(t.rows).toEqual([['Jürgen', '2125550100']]);
    expect(t.notes).toEqual([]);
  });

  it('makes repeated column names distinct, drops empty trailing columns and blank rows, trims and unmarks cells', async () => {
    const csv = "Name,name,Fax,Account,,\r\n  Ann  ,A. N.,'+1 212 555 0100,'0042,,\r\n,,,,,\r\nBob,B,2125550101,7,,\r\n";
    const t = table(await readMergeFile(utf8(csv), 'x.csv'));
    expect(t.columns).toEqual(['Name', 'name (2)', 'Fax', 'Account']);
    expect(t.rows).toEqual([
      ['Ann', 'A. N.', '+1 212 555 0100', '0042'],
      ['Bob', 'B', '2125550101', '7'],
    ]);
  });

  it('keeps a column that has values but no name, as "Column N"', async () => {
    const t = table(await readMergeFile(utf8('Name,,Fax\r\nAnn,VIP,2125550100\r\n'), 'x.csv'));
    expect(t.columns).toEqual(['Name', 'Column 2', 'Fax']);
    expect(t.rows[0]).toEqual(['Ann', 'VIP', '2125550100']);
  });

  it('reads semicolons, tabs and a file named .txt; says so when the name is not a text one', async () => {
    expect(table(await readMergeFile(utf8('Name\tFax\nAnn\t2125550100\n'), 'x.txt')).rows).toEqual([['Ann', '2125550100']]);
    const odd = table(await readMergeFile(utf8('Name;Fax\nAnn;2125550100\n'), 'export.xlsx'));
    expect(odd.rows).toEqual([['Ann', '2125550100']]);
    expect(odd.notes).toEqual(['Read as CSV text, although it is named .xlsx.']);
  });

  it('refuses an empty file, a header alone, and more than 10,000 rows with the count', async () => {
    expect(problem(await readMergeFile(new Uint8Array(), 'a.csv')).code).toBe('empty-file');
    expect(problem(await readMergeFile(utf8('Name,Fax\r\n'), 'a.csv')).code).toBe('no-rows');
    const rows = Array.from({ length: 10_001 }, (_, i) => `P${i},212555${String(i % 10_000).padStart(4, '0')}`);
    const big = problem(await readMergeFile(utf8(`Name,Fax\n${rows.join('\n')}\n`), 'big.csv'));
    expect(big.code).toBe('too-many-rows');
    expect(big.message).toContain('10,001 rows');
    expect(big.action).toMatch(/split/i);
    const exactly = Array.from({ length: 10_000 }, (_, i) => `P${i},2125550100`);
    expect(table(await readMergeFile(utf8(`Name,Fax\n${exactly.join('\n')}\n`), 'ok.csv')).rows).toHaveLength(10_000);
  });
});

describe('xlsx', () => {
  it('reads the first sheet with data, as the person sees each cell', async () => {
    const bytes = await xlsxBytes((wb) => {
      wb.addWorksheet('Cover');
      const ws = wb.addWorksheet('Doctors');
      ws.getRow(1).getCell(9).numFmt = '0.00'; // formatting far to the right: not a column
      ws.getRow(2).values = ['Name', 'Fax', 'Due', 'Total', 'Note', 'Site', 'Zip', 'Clinic'];
      ws.getRow(3).values = [
        'Dr Müller',
        12125550100,
        new Date(Date.UTC(2024, 0, 31)),
        { formula: '0.1+0.2', result: 0.30000000000000004 },
        { richText: [{ text: 'Bold ', font: { bold: true } }, { text: 'plain' }] },
        { text: 'our site', hyperlink: 'https://example.test' },
        2134,
        'St. Mary',
      ];
      ws.getRow(4).values = [
        'Dr Okafor',
        '212 555 0101',
        new Date(Date.UTC(2024, 1, 1, 9, 5)),
        { formula: 'A4', result: 'Dr Okafor' },
        'x',
        { text: { richText: [{ text: 'rich ' }, { text: 'link' }] }, hyperlink: 'https://example.test/2' } as never,
        90210,
        null,
      ];
      ws.mergeCells('H3:H4');
      ws.getCell('C4').numFmt = 'yyyy-mm-dd hh:mm';
      ws.getCell('D3').numFmt = '#,##0.00';
      ws.getCell('G3').numFmt = '00000';
      ws.getRow(6).getCell(1).numFmt = '@'; // an empty, formatted row under the data
    });
    const t = table(await readMergeFile(bytes, 'doctors.xlsx'));
    expect(t.source).toEqual({ kind: 'xlsx', name: 'doctors.xlsx' });
    expect(t.columns).toEqual(['Name', 'Fax', 'Due', 'Total', 'Note', 'Site', 'Zip', 'Clinic']);
    expect(t.rows).toEqual([
      ['Dr Müller', '12125550100', '2024-01-31', '0.30', 'Bold plain', 'our site', '02134', 'St. Mary'],
      ['Dr Okafor', '212 555 0101', '2024-02-01 09:05', 'Dr Okafor', 'x', 'rich link', '90210', 'St. Mary'],
    ]);
    expect(t.notes).toContain("Sheet 'Doctors' (2 of 2): the first with data.");
    expect(t.notes.some((n) => n.includes('H3:H4'))).toBe(true);
  });

  it('shows numbers without float noise and a phone number stored as a number in full', async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['Fax', 'Sum', 'Share', 'Big']);
      ws.addRow([4420794600001, { formula: '0.1+0.2', result: 0.30000000000000004 }, 0.125, 123456789012345]);
      ws.getCell('C2').numFmt = '0.0%';
    });
    const t = table(await readMergeFile(bytes, 's.xlsx'));
    expect(t.rows).toEqual([['4420794600001', '0.3', '12.5%', '123456789012345']]);
    expect(t.notes).toEqual([]);
  });

  it('refuses merged header cells, naming them', async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet('Doctors');
      ws.addRow(['Name', 'Contact', null, 'Account']);
      ws.addRow(['Ann', '2125550100', 'Dr', 'A1']);
      ws.mergeCells('B1:C1');
    });
    const p = problem(await readMergeFile(bytes, 'doctors.xlsx'));
    expect(p.code).toBe('merged-header');
    expect(p.message).toContain('B1:C1 are merged');
    expect(p.action).toMatch(/unmerge/i);
  });

  it('names each merged range of a header, wherever the header row is', async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet('S');
      ws.getRow(3).values = ['Name', 'Fax', null, 'Notes', null];
      ws.getRow(4).values = ['Ann', '2125550100', '', 'n', 'm'];
      ws.mergeCells('B3:C3');
      ws.mergeCells('D3:E3');
    });
    const p = problem(await readMergeFile(bytes, 's.xlsx'));
    expect(p.message).toContain('B3:C3 and D3:E3 are each merged');
  });

  it('leaves hidden rows out and says how many; says when formulas have no saved result', async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['Name', 'Fax', 'Calc']);
      ws.addRow(['Ann', '2125550100', { formula: 'A2&"!"' }]);
      ws.addRow(['Hidden Hal', '2125550101', 1]);
      ws.addRow(['Cy', '2125550102', 2]);
      ws.getRow(3).hidden = true;
    });
    const t = table(await readMergeFile(bytes, 's.xlsx'));
    expect(t.rows.map((r) => r[0])).toEqual(['Ann', 'Cy']);
    expect(t.rows[0]?.[2]).toBe('');
    expect(t.notes).toContain('1 hidden row is left out: unhide it in Excel to include it.');
    expect(t.notes.some((n) => n.startsWith('1 formula cell has no saved result'))).toBe(true);
  });

  it('reads a 2,000-row sheet, and checks it, quickly', async () => {
    // 2,000 different numbers (each is parsed by the fax rule), the last ten repeating the first ten.
    const number = (i: number) => `212 ${301 + Math.floor((i % 1990) / 100)} ${String((i % 1990) % 100).padStart(4, '0')}`;
    const bytes = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet('Big');
      ws.addRow(['Name', 'Fax', 'Account', 'Due']);
      for (let i = 0; i < 2000; i++) ws.addRow([`Doctor Jürgen ${i}`, number(i), 10_000 + i, new Date(Date.UTC(2024, 0, 1 + (i % 28)))]);
    });
    let started = performance.now();
    const t = table(await readMergeFile(bytes, 'big.xlsx'));
    const readMs = performance.now() - started;
    expect(t.rows).toHaveLength(2000);
    expect(t.rows[1999]).toEqual(['Doctor Jürgen 1999', '212 301 0009', '11999', '2024-01-12']);

    const fields = ['Name', 'Account'];
    const mapping = { ...guessMapping(fields, t), toHeaderField: 'Name' };
    started = performance.now();
    const checked = checkRows({ table: t, mapping, fields, edits: [], leftOut: new Set() });
    const checkMs = performance.now() - started;
    started = performance.now();
    checkRows({ table: t, mapping, fields, edits: [{ row: 5, values: { Account: '1' } }], leftOut: [7] });
    const recheckMs = performance.now() - started;
    expect(checked.filter((r) => r.problems.length)).toEqual([]);
    expect(checked.filter((r) => r.duplicateOf !== undefined).map((r) => [r.row, r.duplicateOf])).toEqual(
      Array.from({ length: 10 }, (_, k) => [1990 + k, k]),
    );
    expect(checked[1999]?.toHeader).toBe('Doctor Jurgen');
    console.info(
      `2,000-row sheet: read in ${readMs.toFixed(0)} ms, checked in ${checkMs.toFixed(1)} ms, again after a fix in ${recheckMs.toFixed(1)} ms`,
    );
    // The check runs after every fix: an accidental quadratic pass (4 million number parses) would take minutes.
    expect(checkMs + recheckMs).toBeLessThan(2000);
  });
});

describe('files that are not a table', () => {
  it('names a password-protected workbook', async () => {
    const p = problem(await readMergeFile(compoundFile(['EncryptionInfo', 'EncryptedPackage']), 'secret.xlsx'));
    expect(p.code).toBe('xlsx-encrypted');
    expect(p.message).toContain('password');
  });

  it('sends an old .xls to Save As', async () => {
    const p = problem(await readMergeFile(compoundFile(['Workbook']), 'old.xls'));
    expect(p.code).toBe('xls-old');
    expect(p.action).toContain('.xlsx or CSV');
  });

  it('names a PDF, an image, a Word document and a broken workbook', async () => {
    const pdf = problem(await readMergeFile(utf8('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n'), 'list.csv'));
    expect([pdf.code, pdf.message]).toEqual(['not-a-table', 'list.csv is a PDF document, not a list of recipients.']);
    const png = problem(await readMergeFile(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'scan.png'));
    expect(png.message).toBe('scan.png is a PNG image, not a list of recipients.');
    const zip = new PizZip();
    zip.file('word/document.xml', '<w:document/>');
    const docx = problem(await readMergeFile(zip.generate({ type: 'uint8array' }), 'letter.docx'));
    expect(docx.message).toBe('letter.docx is a Word document, not a list of recipients.');
    const broken = new PizZip();
    broken.file('xl/workbook.xml', 'not xml at all');
    const bad = problem(await readMergeFile(broken.generate({ type: 'uint8array' }), 'bad.xlsx'));
    expect(bad.code).toBe('xlsx-unreadable');
    expect(bad.action).toMatch(/save it again/);
  });
});
