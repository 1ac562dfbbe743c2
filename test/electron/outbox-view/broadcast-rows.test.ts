// A broadcast's numbers agree everywhere they are shown: the Outbox row (main's counts), its
// recipients' rows, the CLI's line, and the filter chips that find it. Broadcasts are written
// into a real store in every mix of one or two job states.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { broadcastLine } from '../../../electron/cli/format.ts';
import { broadcastRows, listBroadcastJobRows, listOutboxPage } from '../../../electron/outbox-view/outbox-query.ts';
import { broadcastProgress } from '../../../electron/store/broadcasts-repo.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';
import { broadcastCountsText, countsOfStates } from '../../../shared/broadcast-counts.ts';
import { JOB_STATES, type JobState } from '../../../shared/domain.ts';
import { FILTER_STATES, type JobFilter } from '../../../shared/outbox-filters.ts';
import { seedBroadcast, seedDocument } from './seed-jobs.ts';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-broadcast-rows-'));
  store = openStore(dir);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('broadcast rows', () => {
  it('count the same recipients as their rows, the CLI and the filters, in every mix of two states', () => {
    const db = store.db;
    seedDocument(db, 'd', 'Prices.pdf', 2);
    const mixes: JobState[][] = [];
    for (const a of JOB_STATES) for (const b of JOB_STATES) mixes.push([a, a, b]);
    mixes.push(['rejected', 'delivered', 'delivered', 'failed', 'submitted', 'submitted', 'submitted']);
    const ids = mixes.map((states) => seedBroadcast(db, 'd', states).broadcastId);
    const rows = broadcastRows(db, ids);
    expect(rows).toHaveLength(mixes.length);
    for (const row of rows) {
      const members = listBroadcastJobRows(db, row.id);
      const fromRows = countsOfStates(members.map((m) => m.state));
      expect(row.counts).toEqual(fromRows);
      expect(row.total).toBe(members.length);
      expect(row.status.detail).toBe(broadcastCountsText(fromRows));
      expect(broadcastLine(broadcastProgress(db, row.id))).toBe(`Broadcast ${row.id}: ${broadcastCountsText(fromRows)}`);
      expect(row.resendable).toBe(members.filter((m) => FILTER_STATES.failed.includes(m.state)).length);
    }
    // A filter finds a broadcast exactly when one of its recipients is in that filter's states.
    for (const filter of Object.keys(FILTER_STATES) as Array<Exclude<JobFilter, 'all'>>) {
      const found = new Set(listOutboxPage(db, { filter, search: '', limit: 500 }).rows.map((r) => r.id));
      const expected = ids.filter((_, i) => mixes[i]!.some((s) => FILTER_STATES[filter].includes(s)));
      expect([...found].sort((x, y) => x - y)).toEqual(expected);
    }
    const example = rows.find((r) => r.total === 7);
    expect(example?.status.detail).toBe('7 recipients: 1 refused before sending · 6 sent · 2 delivered · 1 failed · 3 in progress');
  });
});

describe('a refusal after Openfax accepted the fax', () => {
  it('counts as sent and failed, not as refused before sending', () => {
    const db = store.db;
    seedDocument(db, 'd', 'Prices.pdf', 2);
    const { broadcastId, jobIds } = seedBroadcast(db, 'd', ['delivered', 'no-credit', 'no-credit']);
    // Openfax accepted the first no-credit fax, then held it for credit (CurrentState 11).
    db.prepare("UPDATE jobs SET out_trans_id = '777001', account_key = 'k' WHERE id = ?").run(jobIds[1] as number);
    const [row] = broadcastRows(db, [broadcastId]);
    expect(row?.status.detail).toBe('3 recipients: 1 refused before sending · 2 sent · 1 delivered · 1 failed');
  });
});
