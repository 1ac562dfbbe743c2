import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvFileName, exportJobsCsv, JOB_CSV_COLUMNS, jobCsvHeader } from '../../../electron/outbox-view/jobs-csv.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';
import { seedDocument, seedJob, seedManyJobs } from './seed-jobs.ts';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-csv-'));
  store = openStore(dir);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const col = (name: (typeof JOB_CSV_COLUMNS)[number]) => JOB_CSV_COLUMNS.indexOf(name);
/** Reads the file back as a spreadsheet would: papaparse, BOM stripped first. */
function readBack(csv: string): string[][] {
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  return Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
}

describe('exportJobsCsv', () => {
  it('writes one parseable line per fax with the Outbox wording and number format, formulas neutralised', () => {
    const db = store.db;
    seedDocument(db, 'd', 'Quote, final "v2".pdf', 3);
    seedJob(db, { documentId: 'd', state: 'delivered', toHeader: 'Alice', pages: 3, number: '442079460000' });
    seedJob(db, { documentId: 'd', state: 'failed', toHeader: '=HYPERLINK("x")', number: '12025550102' });
    const { csv, rows } = exportJobsCsv(db, 'all', '', undefined, 'UTC');
    expect(rows).toBe(2);
    // BOM, then CRLF after every line, the last one included; no bare LF.
    expect(csv.startsWith('\ufeffJob ID,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(4);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const parsed = readBack(csv);
    expect(parsed[0]).toEqual(jobCsvHeader('UTC'));
    const [failed, delivered] = [parsed[1] as string[], parsed[2] as string[]];
    expect(delivered[col('Recipient')]).toBe('Alice');
    expect(delivered[col('Document')]).toBe('Quote, final "v2".pdf');
    expect(delivered[col('Status')]).toBe('Delivered');
    expect(delivered[col('Code')]).toBe('LastStatus 0');
    expect(delivered[col('Cost')]).toBe('0.14');
    // The number as Compose and the Outbox show it, marked as text so its '+' survives.
    expect(delivered[col('Fax number')]).toBe("'+44 20 7946 0000");
    expect(failed[col('Fax number')]).toBe("'+1 202 555 0102");
    expect(failed[col('Recipient')]).toBe(`'=HYPERLINK("x")`);
    expect(failed[col('Status')]).toBe('Failed');
    expect(failed[col('Detail')]).toBe('No answer');
    expect(failed[col('Attempts')]).toBe('3');
  });

  it('writes local times with the zone named in the header', () => {
    seedDocument(store.db, 'd', 'a.pdf');
    // 2026-07-01 12:00:00 UTC is 08:00 in New York (summer time) and 21:00 in Tokyo.
    const at = Date.UTC(2026, 6, 1, 12, 0, 0);
    seedJob(store.db, { documentId: 'd', state: 'delivered', createdAt: at });
    for (const [zone, local] of [
      ['America/New_York', '2026-07-01 08:00:00'],
      ['Asia/Tokyo', '2026-07-01 21:00:00'],
      ['UTC', '2026-07-01 12:00:00'],
    ] as const) {
      const [head, row] = readBack(exportJobsCsv(store.db, 'all', '', undefined, zone).csv) as [string[], string[]];
      expect(head[col('Created')]).toBe(`Created (${zone})`);
      expect(head[col('Submitted')]).toBe(`Submitted (${zone})`);
      expect(row[col('Created')]).toBe(local);
      expect(row[col('Submitted')]).toBe(local.replace(':00:00', ':00:01'));
    }
  });

  it('exports every matching job past the page size, honouring the filter', () => {
    seedManyJobs(store.db, 3000);
    const all = exportJobsCsv(store.db, 'all', '');
    expect(all.rows).toBe(3000);
    const delivered = exportJobsCsv(store.db, 'delivered', '');
    const lines = readBack(delivered.csv).slice(1);
    expect(lines).toHaveLength(delivered.rows);
    expect(new Set(lines.map((l) => l[col('Status')]))).toEqual(new Set(['Delivered']));
  });

  it('names the file by the local date', () => {
    expect(csvFileName(Date.UTC(2026, 1, 3, 12), 'UTC')).toBe('openfax-outbox-2026-02-03.csv');
    expect(csvFileName(Date.UTC(2026, 1, 3, 23), 'Asia/Tokyo')).toBe('openfax-outbox-2026-02-04.csv');
  });
});
