import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvFileName, exportJobsCsv, JOB_CSV_COLUMNS } from '../../../electron/outbox-view/jobs-csv.ts';
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

describe('exportJobsCsv', () => {
  it('writes one parseable line per fax with the Outbox wording, formulas neutralised', () => {
    const db = store.db;
    seedDocument(db, 'd', 'Quote, final "v2".pdf', 3);
    seedJob(db, { documentId: 'd', state: 'delivered', toHeader: 'Alice', pages: 3 });
    seedJob(db, { documentId: 'd', state: 'failed', toHeader: '=HYPERLINK("x")', number: '12025550102' });
    const { csv, rows } = exportJobsCsv(db, 'all', '');
    expect(rows).toBe(2);
    expect(csv.split('\r\n')).toHaveLength(3);
    const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual([...JOB_CSV_COLUMNS]);
    const col = (name: (typeof JOB_CSV_COLUMNS)[number]) => JOB_CSV_COLUMNS.indexOf(name);
    const [failed, delivered] = [parsed[1] as string[], parsed[2] as string[]];
    expect(delivered[col('Recipient')]).toBe('Alice');
    expect(delivered[col('Document')]).toBe('Quote, final "v2".pdf');
    expect(delivered[col('Status')]).toBe('Delivered');
    expect(delivered[col('Code')]).toBe('LastStatus 0');
    expect(delivered[col('Cost')]).toBe('0.14');
    expect(failed[col('Recipient')]).toBe(`'=HYPERLINK("x")`);
    expect(failed[col('Status')]).toBe('Failed');
    expect(failed[col('Detail')]).toBe('No answer');
    expect(failed[col('Fax number')]).toBe('12025550102');
    expect(failed[col('Attempts')]).toBe('3');
  });

  it('exports every matching job past the page size, honouring the filter', () => {
    seedManyJobs(store.db, 3000);
    const all = exportJobsCsv(store.db, 'all', '');
    expect(all.rows).toBe(3000);
    const delivered = exportJobsCsv(store.db, 'delivered', '');
    const lines = Papa.parse<string[]>(delivered.csv, { skipEmptyLines: true }).data.slice(1);
    expect(lines).toHaveLength(delivered.rows);
    expect(new Set(lines.map((l) => l[JOB_CSV_COLUMNS.indexOf('Status')]))).toEqual(new Set(['Delivered']));
  });

  it('names the file by date', () => {
    expect(csvFileName(Date.UTC(2026, 1, 3))).toBe('openfax-outbox-2026-02-03.csv');
  });
});
