// One search rule: the Outbox page, the CSV export and `openfax status --search` list the same
// faxes for the same text, and the renderer's check on a pushed row agrees with the page.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { exportJobsCsv } from '../../../electron/outbox-view/jobs-csv.ts';
import { listOutboxPage } from '../../../electron/outbox-view/outbox-query.ts';
import { insertContact } from '../../../electron/store/contacts-repo.ts';
import { getJob, updateJob } from '../../../electron/store/jobs-repo.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';
import { outboxRowMatchesSearch, parseJobSearch } from '../../../shared/job-search.ts';
import { JOB_FILTERS, type JobFilter } from '../../../shared/outbox-filters.ts';
import { seedBroadcast, seedDocument, seedJob } from './seed-jobs.ts';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-search-'));
  store = openStore(dir);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Outbox rows as keys: a broadcast is one row, however many of its recipients match. */
type Key = `job:${number}` | `broadcast:${number}`;
const key = (j: { id: number; broadcastId: number | null }): Key => (j.broadcastId == null ? `job:${j.id}` : `broadcast:${j.broadcastId}`);
const sorted = (keys: Iterable<Key>) => [...new Set(keys)].sort();

function fromPage(filter: JobFilter, search: string): Key[] {
  return sorted(listOutboxPage(store.db, { filter, search, limit: 500 }).rows.map((r) => `${r.kind}:${r.id}` as Key));
}

function fromCsv(filter: JobFilter, search: string): Key[] {
  const { csv } = exportJobsCsv(store.db, filter, search);
  const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
  return sorted(rows.map((r) => key({ id: Number(r['Job ID']), broadcastId: r['Broadcast ID'] ? Number(r['Broadcast ID']) : null })));
}

async function fromCli(filter: JobFilter, search: string): Promise<Key[]> {
  let out = '';
  const args = ['--data-dir', dir, '--json', 'status', '--limit', '500', '--filter', filter, ...(search ? ['--search', search] : [])];
  const code = await runCli(args, {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: () => {} },
    env: { OPENFAX_QUIET: '1' },
  });
  expect(code).toBe(0);
  return sorted((JSON.parse(out) as Array<{ id: number; broadcastId: number | null }>).map(key));
}

function seed() {
  const db = store.db;
  const quote = seedDocument(db, 'd1', 'Quote 2024.pdf');
  const menu = seedDocument(db, 'd2', 'Menu_100%.pdf');
  const prices = seedDocument(db, 'd3', 'Price list.pdf');
  const zed = insertContact(db, { name: 'Zed Zimmer', company: 'Acme Ltd', faxRaw: '(212) 555-0142', faxNumber: '12125550142' });
  const contactJob = seedJob(db, { documentId: quote, state: 'delivered', toHeader: 'Front desk', number: '12125550142' });
  updateJob(db, contactJob, { contactId: zed.id, numberRaw: '(212) 555-0142' });
  seedJob(db, { documentId: menu, state: 'failed', toHeader: 'Alice', number: '442079460000' });
  seedJob(db, { documentId: quote, state: 'canceled', toHeader: 'Bob', number: '13125550102' });
  seedJob(db, { documentId: menu, state: 'needs-attention', toHeader: 'Carol' });
  seedBroadcast(db, prices, ['delivered', 'failed', 'queued']);
  const outTransId = getJob(db, contactJob)?.outTransId as string;
  return { contactJob, outTransId };
}

describe('job search', () => {
  it('the Outbox page, the CSV export and the CLI status list the same faxes for each search and filter', async () => {
    const { contactJob, outTransId } = seed();
    const searches = [
      '',
      'zimmer',
      'ACME',
      'front',
      'alice',
      '555-0142',
      '(212)',
      '212 555',
      '7946',
      'quote',
      'price',
      'member 2',
      'u_1',
      'u%1',
      'nobody',
      outTransId,
      outTransId.slice(0, -1),
    ];
    for (const filter of JOB_FILTERS) {
      for (const search of searches) {
        const page = fromPage(filter, search);
        expect({ filter, search, csv: fromCsv(filter, search) }).toEqual({ filter, search, csv: page });
        expect({ filter, search, cli: await fromCli(filter, search) }).toEqual({ filter, search, cli: page });
      }
    }
    // What a person expects of the box: the contact's name and company, the number however it
    // is typed, the document name (with % and _ as plain characters), an OutTransID only whole.
    for (const search of ['zimmer', 'ACME', '555-0142', '212 555', 'quote 2024'])
      expect(fromPage('all', search)).toContain(`job:${contactJob}`);
    expect(fromPage('all', outTransId)).toEqual([`job:${contactJob}`]);
    expect(fromPage('all', outTransId.slice(0, -1))).toEqual([]);
    expect(fromPage('all', 'u_1')).toHaveLength(2);
    expect(fromPage('all', 'u%1')).toEqual([]);
    expect(fromPage('all', 'member 2')).toHaveLength(1);
  });

  it("the renderer's check on a pushed job row agrees with the page", () => {
    seed();
    const everything = listOutboxPage(store.db, { filter: 'all', search: '', limit: 500 }).rows;
    for (const search of ['zimmer', 'acme', 'front', 'alice', '555-0142', '212 555', '7946', 'menu', 'price', 'u_1', 'u%1', '100']) {
      const found = new Set(listOutboxPage(store.db, { filter: 'all', search, limit: 500 }).rows.map((r) => `${r.kind}:${r.id}`));
      const terms = parseJobSearch(search);
      for (const row of everything) {
        const matches = outboxRowMatchesSearch(row, terms);
        // A broadcast row carries only its document: the renderer may miss one found by a
        // recipient (the next load shows it), but never shows one the page would not.
        if (row.kind === 'job' || matches)
          expect({ search, row: row.id, matches }).toEqual({ search, row: row.id, matches: found.has(`${row.kind}:${row.id}`) });
      }
    }
  });
});
