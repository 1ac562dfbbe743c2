// Data files built to exhaust the app, each refused quickly with words: a merged range exceljs
// would fill with a cell object per cell (A3:XFD1048576 from a 6 KB workbook ran V8 out of
// memory), a sheet part that inflates far past what its workbook declares, rows reaching the
// last column, a CSV whose header is 400,000 empty columns (shaping was columns × rows), more
// columns than a merge takes; and a mapping naming more fields than any template has.

import { deflateRawSync } from 'node:zlib';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { readMergeFile } from '../../../electron/merge/data/index.ts';
import { MergeMapping } from '../../../shared/ipc/contract/merge.ts';
import { utf8, xlsxBytes } from './data-fixtures.ts';

const SHEET = 'xl/worksheets/sheet1.xml';

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

async function problemOf(bytes: Uint8Array, name: string) {
  const outcome = await readMergeFile(bytes, name);
  if (outcome.ok) throw new Error(`expected a refusal, got ${outcome.value.rows.length} rows`);
  return outcome.problem;
}

const smallWorkbook = () =>
  xlsxBytes((wb) => {
    const ws = wb.addWorksheet('S');
    ws.addRow(['Name', 'Fax']);
    ws.addRow(['a', '+12125551212']);
    ws.mergeCells('A3:B4');
  });

/** The workbook with its sheet's XML changed. */
function withSheet(bytes: Uint8Array, change: (xml: string) => string): Uint8Array {
  const zip = new PizZip(bytes);
  zip.file(SHEET, change(zip.file(SHEET)?.asText() ?? ''));
  return zip.generate({ type: 'uint8array', compression: 'DEFLATE' });
}

describe('xlsx', () => {
  it('a merged range of the whole sheet (or of 80,000 rows) is refused before exceljs builds its cells', async () => {
    const base = await smallWorkbook();
    for (const ref of ['A3:XFD1048576', 'A3:Z80000']) {
      const { value: problem, ms } = await timed(() =>
        problemOf(
          withSheet(base, (xml) => xml.replace('A3:B4', ref)),
          'list.xlsx',
        ),
      );
      expect(problem.code, ref).toBe('xlsx-merge-too-large');
      expect(problem.message).toContain(ref);
      expect(problem.action).toMatch(/Unmerge/);
      expect(ms, ref).toBeLessThan(2000);
    }
    // A merge as people make them still reads.
    const fine = await readMergeFile(base, 'list.xlsx');
    expect(fine.ok).toBe(true);
  });

  it('a part that declares 1,000 bytes and inflates past 100 MB is refused, counted as it inflates', async () => {
    const base = new PizZip(await smallWorkbook());
    const files: { name: string; data: Buffer; declared?: number }[] = Object.values(base.files)
      .filter((f) => !f.dir)
      .map((f) => ({ name: f.name, data: Buffer.from(f.asUint8Array()) }));
    files.push({ name: 'xl/media/image1.png', data: Buffer.alloc(101 * 1024 * 1024), declared: 1000 });
    const rss = process.memoryUsage().rss;
    const { value: problem, ms } = await timed(() => problemOf(zipOf(files), 'list.xlsx'));
    expect(problem.code).toBe('xlsx-too-large');
    expect(problem.message).toMatch(/100 MB/);
    expect(ms).toBeLessThan(5000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(600 * 1024 * 1024);
  });

  it('rows that reach the last column (16,384 cells each to walk) are refused past 2 million cells', async () => {
    const base = await smallWorkbook();
    const rows = Array.from(
      { length: 200 },
      (_, i) => `<row r="${i + 10}"><c r="XFD${i + 10}" t="inlineStr"><is><t>x</t></is></c></row>`,
    ).join('');
    const bytes = withSheet(base, (xml) => xml.replace('</sheetData>', `${rows}</sheetData>`));
    const { value: problem, ms } = await timed(() => problemOf(bytes, 'list.xlsx'));
    expect(problem.code).toBe('xlsx-too-large');
    expect(problem.message).toMatch(/2,000,000 cells/);
    expect(ms).toBeLessThan(5000);
  });
});

describe('csv', () => {
  it('a header of 400,000 empty columns over 8,000 rows shapes in time that grows with the file, not columns × rows', async () => {
    const csv = (commas: number, rows: number) => utf8(`Name,Fax${','.repeat(commas)}\n${'x,+12125551212\n'.repeat(rows)}`);
    const small = await timed(() => readMergeFile(csv(200_000, 4000), 'list.csv'));
    const large = await timed(() => readMergeFile(csv(400_000, 8000), 'list.csv'));
    expect(large.value.ok && large.value.value.columns).toEqual(['Name', 'Fax']);
    expect(large.value.ok && large.value.value.rows.length).toBe(8000);
    // The old shaping took 7.8 s here; twice the input must not take four times as long.
    expect(large.ms).toBeLessThan(2000);
    expect(large.ms).toBeLessThan(Math.max(150, small.ms * 3));
  });

  it('more than 1,000 columns with something in them are refused, with what to do', async () => {
    const header = Array.from({ length: 1001 }, (_, i) => `C${i}`).join(',');
    const problem = await problemOf(utf8(`${header}\n${'x,'.repeat(1000)}x\n`), 'wide.csv');
    expect(problem.code).toBe('too-many-columns');
    expect(problem.message).toMatch(/1,001 columns/);
    expect(problem.action).toMatch(/Keep only the columns/);
    const fine = await readMergeFile(
      utf8(`${Array.from({ length: 1000 }, (_, i) => `C${i}`).join(',')}\n${'x,'.repeat(999)}x\n`),
      'wide.csv',
    );
    expect(fine.ok && fine.value.columns.length).toBe(1000);
  });

  it('more than 10,000 rows are refused before shaping', async () => {
    const { value: problem, ms } = await timed(() => problemOf(utf8(`Name,Fax${','.repeat(900)}\n${'x,1\n'.repeat(10_001)}`), 'long.csv'));
    expect(problem.code).toBe('too-many-rows');
    expect(problem.message).toMatch(/10,001 rows/);
    expect(ms).toBeLessThan(2000);
  });
});

describe('the mapping over IPC', () => {
  it('names at most 500 fields', () => {
    const mapping = (n: number) => ({
      fields: Object.fromEntries(Array.from({ length: n }, (_, i) => [`F${i}`, null])),
      numberColumn: null,
      toHeaderField: null,
    });
    expect(MergeMapping.safeParse(mapping(500)).success).toBe(true);
    expect(MergeMapping.safeParse(mapping(501)).success).toBe(false);
  });
});

/** A ZIP of these parts, deflated; `declared` (when given) is the size its headers claim. */
function zipOf(files: readonly { name: string; data: Buffer; declared?: number }[]): Uint8Array {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name);
    const comp = deflateRawSync(file.data);
    const size = file.declared ?? file.data.length;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(comp.length, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(name.length, 26);
    local.push(header, name, comp);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(comp.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + comp.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...local, directory, end]));
}
