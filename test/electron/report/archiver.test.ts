// The archive folder's bookkeeping, from a real store and a real folder, each fax moved the way
// the outbox moves it (applyReportRows with the vendor's rows):
//   - a fax on credit hold at Openfax is not archived as failed; once delivered it is, as delivered;
//   - a fax archived as failed that Openfax later reports delivered is written again, as a new
//     file, the first one kept as it was;
//   - two processes serving one data folder (two stores, two archivers) write each fax once;
//   - a crash between the file getting its name and the store recording it (here: the store
//     refuses to record it) does not bring a second copy at the next start: the file is found.

import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyReportRows } from '../../../electron/outbox/report-apply.ts';
import { type Archiver, startArchiver } from '../../../electron/report/archiver.ts';
import { createReportMaker } from '../../../electron/report/report-maker.ts';
import { archivedPath, startArchiving } from '../../../electron/store/archive-repo.ts';
import { getJobView, type JobView } from '../../../electron/store/jobs-repo.ts';
import { get } from '../../../electron/store/sql.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';
import type { Notice } from '../../../shared/ipc/contract/app.ts';
import { ACCOUNT_KEY, seedDocument, seedJob } from '../outbox-view/seed-jobs.ts';

let dir: string;
let folder: string;
const stores: Store[] = [];
const archivers: Archiver[] = [];
const notices: Notice[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-archiver-'));
  folder = mkdtempSync(join(tmpdir(), 'openfax-archiver-folder-'));
  notices.length = 0;
});
afterEach(async () => {
  for (const a of archivers.splice(0)) await a.dispose();
  for (const s of stores.splice(0)) s.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(folder, { recursive: true, force: true });
});

/** The data folder, opened once more (as each process opens it); the archive folder was set a minute ago. */
function open(): Store {
  const store = openStore(dir);
  stores.push(store);
  startArchiving(store.db, Date.now() - 60_000);
  return store;
}
function archiver(store: Store): Archiver {
  const a = startArchiver({
    db: store.db,
    reports: createReportMaker({ db: store.db }),
    folder: () => folder,
    notice: (n) => notices.push(n),
  });
  archivers.push(a);
  return a;
}
const files = () =>
  readdirSync(folder)
    .filter((n) => !n.startsWith('.'))
    .sort();
const sha = (name: string) =>
  createHash('sha256')
    .update(readFileSync(join(folder, name)))
    .digest('hex');

let historyId = 920_000;
/** One report row for fax `jobId`, applied as the poller applies it. */
function row(store: Store, jobId: number, currentState: number, lastStatus: number): JobView {
  const job = getJobView(store.db, jobId) as JobView;
  applyReportRows(
    store.db,
    ACCOUNT_KEY,
    [{ historyId: historyId++, outTransId: job.outTransId as string, currentState, lastStatus, raw: {} }],
    Date.now(),
  );
  return getJobView(store.db, jobId) as JobView;
}
function submitted(store: Store, toHeader: string): number {
  seedDocument(store.db, `doc-${toHeader}`, `${toHeader}.pdf`, 1);
  return seedJob(store.db, { documentId: `doc-${toHeader}`, state: 'submitted', toHeader, pages: 1 });
}

describe('the archive of a fax whose result changes', () => {
  it('does not keep a fax on credit hold as failed, and keeps it once it is delivered', async () => {
    const store = open();
    const a = archiver(store);
    const id = submitted(store, 'HELD');
    expect(row(store, id, 11, 9).state).toBe('no-credit');
    a.poke();
    await a.idle();
    expect(files()).toEqual([]);

    expect(row(store, id, 8, 0).state).toBe('delivered');
    a.poke();
    await a.idle();
    expect(files()).toHaveLength(1);
    expect(files()[0]).toMatch(/^\d{4}-\d\d-\d\d \d{4} HELD delivered\.pdf$/);
  });

  it('writes a fax again, as a new file, when Openfax reports another final result after it was archived', async () => {
    const store = open();
    const a = archiver(store);
    const id = submitted(store, 'LATE');
    expect(row(store, id, 9, 1).state).toBe('failed');
    a.poke();
    await a.idle();
    const [failed] = files() as [string];
    expect(failed).toMatch(/ LATE failed\.pdf$/);
    const before = sha(failed);

    expect(row(store, id, 8, 0).state).toBe('delivered');
    a.poke();
    await a.idle();
    const delivered = files().find((n) => n.endsWith(' LATE delivered.pdf')) as string;
    expect(files()).toEqual([delivered, failed].sort());
    expect(sha(failed)).toBe(before);
    expect(archivedPath(store.db, id)).toBe(join(folder, delivered));
    // Nothing more is due: another pass writes nothing.
    a.poke();
    await a.idle();
    expect(files()).toHaveLength(2);
  });
});

describe('one fax, one copy', () => {
  it('is written once when two processes archive the same data folder at once', async () => {
    const seeding = open();
    const ids = ['ONE', 'TWO', 'THREE', 'FOUR', 'FIVE'].map((h) => {
      const id = submitted(seeding, h);
      row(seeding, id, 8, 0);
      return id;
    });
    // The desktop app and the browser host: two connections, two archivers, started together.
    const [a, b] = [archiver(open()), archiver(open())] as const;
    await Promise.all([a.idle(), b.idle()]);
    a.poke();
    b.poke();
    await Promise.all([a.idle(), b.idle()]);
    expect(files()).toHaveLength(5);
    expect(files().some((n) => n.includes(' (2)'))).toBe(false);
    for (const id of ids) expect(archivedPath(seeding.db, id)).toBeDefined();
    expect(notices).toEqual([]);
  });

  it('is not written twice after a crash between naming the file and recording it', async () => {
    const store = open();
    const id = submitted(store, 'CRASH');
    row(store, id, 8, 0);
    // The process "stops" once the file has its name: the store refuses to record the path.
    store.db.exec(`
      CREATE TEMP TRIGGER stop_insert BEFORE INSERT ON archived_jobs WHEN NEW.path IS NOT NULL BEGIN SELECT RAISE(ABORT, 'the app stopped here'); END;
      CREATE TEMP TRIGGER stop_update BEFORE UPDATE OF path ON archived_jobs WHEN NEW.path IS NOT NULL BEGIN SELECT RAISE(ABORT, 'the app stopped here'); END;
    `);
    const first = archiver(store);
    await first.idle();
    await first.dispose();
    expect(files()).toHaveLength(1);
    expect(archivedPath(store.db, id)).toBeUndefined();
    store.db.exec('DROP TRIGGER stop_insert; DROP TRIGGER stop_update;');

    // The next start finds the file it wrote, by its recorded name and hash, and writes no other.
    const next = archiver(store);
    await next.idle();
    expect(files()).toHaveLength(1);
    expect(archivedPath(store.db, id)).toBe(join(folder, files()[0] as string));
    expect(get(store.db, 'SELECT state FROM archived_jobs WHERE job_id = :id', { id })).toEqual({ state: 'delivered' });
  });
});
