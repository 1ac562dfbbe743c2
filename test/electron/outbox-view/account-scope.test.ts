// Sandbox and live history are apart. One rule (shared/outbox-filters.ts) says which jobs a
// list shows; the store's SQL, the filter counts, the CSV export and the CLI's `status` read it
// the same way. A job not yet handed to Openfax goes with the account in use (it sends it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportJobsCsv } from '../../../electron/outbox-view/jobs-csv.ts';
import { listOutboxPage, outboxSummary } from '../../../electron/outbox-view/outbox-query.ts';
import { accountKeyOf, LOCAL_SANDBOX_ENDPOINT } from '../../../electron/store/account-state-repo.ts';
import { listJobs } from '../../../electron/store/jobs-repo.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';
import { ACCOUNT_VIEWS, JOB_SIDES, sideOfAccountKey, sideShown } from '../../../shared/outbox-filters.ts';
import { runCliIn } from '../cli/run-cli.ts';
import { seedDocument, seedJob } from './seed-jobs.ts';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-scope-'));
  store = openStore(dir);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const SANDBOX = accountKeyOf(LOCAL_SANDBOX_ENDPOINT, '100000001');
const LIVE = accountKeyOf('https://api.openfax.com', '123456');
const OTHER_LIVE = accountKeyOf('https://api.openfax.com/', '654321');

/** Jobs of every side: sent from the sandbox, from two live accounts, and not sent yet. */
function seedSides(): Map<number, string | null> {
  const db = store.db;
  seedDocument(db, 'd', 'Memo.pdf', 1);
  const keys = new Map<number, string | null>();
  for (const [key, state] of [
    [SANDBOX, 'delivered'],
    [SANDBOX, 'failed'],
    [LIVE, 'delivered'],
    [OTHER_LIVE, 'submitted'],
    [null, 'queued'],
  ] as const) {
    const id = seedJob(db, { documentId: 'd', state, patch: { accountKey: key } });
    keys.set(id, key);
  }
  return keys;
}

describe('sandbox and live history', () => {
  it('tells the sandbox by its endpoint name, whatever its port', () => {
    expect(sideOfAccountKey(SANDBOX)).toBe('sandbox');
    expect(sideOfAccountKey(LIVE)).toBe('live');
    expect(sideOfAccountKey('http://127.0.0.1:4455#100000001')).toBe('live');
    expect(sideOfAccountKey(null)).toBeNull();
  });

  it('lists, counts and exports the same jobs as the shared rule, for every view from either side', () => {
    const keys = seedSides();
    for (const mode of JOB_SIDES) {
      for (const view of ACCOUNT_VIEWS) {
        const scope = { view, mode };
        const expected = [...keys].filter(([, k]) => sideShown(view, sideOfAccountKey(k), mode)).map(([id]) => id);
        const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
        expect(sorted(listOutboxPage(store.db, { filter: 'all', search: '', limit: 50, scope }).rows.map((r) => r.id))).toEqual(
          sorted(expected),
        );
        expect(sorted(listJobs(store.db, { scope }).map((j) => j.id))).toEqual(sorted(expected));
        const csv = Papa.parse<string[]>(exportJobsCsv(store.db, 'all', '', scope).csv.trim()).data.slice(1);
        expect(sorted(csv.map((r) => Number(r[0])))).toEqual(sorted(expected));
        if (view !== 'both') expect(outboxSummary(store.db, mode).bySide[view].all).toBe(expected.length);
      }
    }
  });

  it('keeps the badge and the counts of the side in use', () => {
    seedSides();
    // Live: its delivered fax, the other live account's fax in flight, and the queued one it will send.
    expect(outboxSummary(store.db, 'live')).toMatchObject({ mode: 'live', inFlight: 2, counts: { all: 3, delivered: 1 } });
    // Sandbox: its two faxes and the queued one; nothing live.
    expect(outboxSummary(store.db, 'sandbox')).toMatchObject({ mode: 'sandbox', inFlight: 1, counts: { all: 3, failed: 1 } });
  });

  it('has the CLI list the side in use, say what it left out, and show the other side when asked', async () => {
    seedSides();
    store.close();
    const data = dir;
    // No account configured: the app's setting (sandbox by default) decides the side.
    const mine = await runCliIn(data, ['status']);
    expect(mine.code).toBe(0);
    expect(mine.out).toMatch(/^3 faxes: 1 in progress, 1 delivered, 1 failed, 0 canceled, 0 need attention \(sandbox\)$/m);
    expect(mine.out).toMatch(/^\(2 live faxes not shown: --show live or --show both\)$/m);
    const live = await runCliIn(data, ['status', '--show', 'live', '--json']);
    expect((JSON.parse(live.out) as Array<{ state: string }>).map((j) => j.state).sort()).toEqual(['delivered', 'submitted']);
    const both = await runCliIn(data, ['status', '--show', 'both']);
    expect(both.out).toMatch(/^5 faxes: .* \(sandbox and live\)$/m);
    const wrong = await runCliIn(data, ['status', '--show', 'everything']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/--show everything is not one of: sandbox, live, both/);
    store = openStore(dir);
  });
});
