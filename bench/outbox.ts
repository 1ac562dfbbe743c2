// Outbox store benchmark: with 10,000 jobs and 30,000 attempt rows in the database,
// applying a page of 1000 new report rows must take under 100 ms, and listing the newest
// 200 jobs under 20 ms. Run: npx node bench/outbox.ts   (exits 1 when a target is missed)

import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { applyReportRows } from '../electron/outbox/report-apply.ts';
import { type AttemptRecord, countAttempts, upsertAttempt } from '../electron/store/attempts-repo.ts';
import { insertDocument } from '../electron/store/documents-repo.ts';
import { insertJob, listJobs, updateJob } from '../electron/store/jobs-repo.ts';
import { transaction } from '../electron/store/sql.ts';
import { openStore } from '../electron/store/store.ts';

const JOBS = 10_000;
const ROWS_PER_JOB = 3;
const IN_FLIGHT = 1_000;
const PAGE = 1_000;
const KEY = 'https://api.openfax.com#123456789';
const TARGET_APPLY_MS = 100;
const TARGET_LIST_MS = 20;

const dir = mkdtempSync(join(tmpdir(), 'openfax-bench-'));
const store = openStore(dir);
const { db } = store;
let historyId = 1_000_000;
const now = Date.now();

function row(outTransId: string, n: number, currentState: number, lastStatus: number, cost: number): AttemptRecord {
  const r = {
    historyId: ++historyId,
    outTransId,
    accountId: '123456789',
    faxNumber: `1212555${String(n % 10_000).padStart(4, '0')}`,
    currentState,
    callerId: '12025550100',
    maxAttempts: 3,
    retryCount: 1,
    toHeader: 'Accounts',
    fromHeader: 'Acme Legal',
    faxResolution: 0,
    renderStatus: 1,
    faxDocUrl: `${outTransId}.tif`,
    pageCount: 2,
    paperSize: 0,
    lastStatus,
    pagesSent: lastStatus === 0 ? 2 : 0,
    callDuration: 70,
    realCost: cost,
    date: '2026-01-05 10:00:00',
  };
  return { ...r, raw: { HistoryOutboundFaxID: r.historyId, OutTransID: outTransId, CurrentState: currentState, LastStatus: lastStatus } };
}

const t0 = performance.now();
transaction(db, () => {
  for (let d = 0; d < 100; d++) {
    insertDocument(db, {
      id: `doc${d}`,
      spoolPath: join(dir, 'spool', `doc${d}.pdf`),
      sha256: 'x'.repeat(64),
      size: 12_345,
      pages: 2,
      paperSize: 'letter',
      originalName: `invoice-${d}.pdf`,
      source: 'hotfolder',
      createdAt: now - 86_400_000,
    });
  }
  for (let i = 0; i < JOBS; i++) {
    const inFlight = i >= JOBS - IN_FLIGHT;
    const id = insertJob(
      db,
      {
        documentId: `doc${i % 100}`,
        numberRaw: `212 555 ${String(i % 10_000).padStart(4, '0')}`,
        faxNumber: `1212555${String(i % 10_000).padStart(4, '0')}`,
        toHeader: 'Accounts',
        fromHeader: 'Acme Legal',
        paperSize: 'letter',
        resolution: 'standard',
        priority: 'Normal',
        pages: 2,
        state: inFlight ? 'submitted' : 'delivered',
      },
      now - (JOBS - i) * 1000,
    );
    const outTransId = String(500_000 + i);
    updateJob(db, id, { accountKey: KEY, outTransId, submittedAt: now, cursorAtSubmit: 0 }, { now: now - (JOBS - i) * 1000 });
    for (let a = 0; a < ROWS_PER_JOB; a++) {
      const last = a === ROWS_PER_JOB - 1;
      upsertAttempt(
        db,
        KEY,
        row(outTransId, i, last && !inFlight ? 8 : 7, last && !inFlight ? 0 : 2, last && !inFlight ? 0.14 : 0),
        id,
        now,
      );
    }
    if (!inFlight) updateJob(db, id, { currentState: 8, lastStatus: 0, attempts: 3, cost: 0.14, finalAt: now });
  }
});
const seedMs = performance.now() - t0;

/** A page as the poller sees it: 800 new attempt rows for faxes in flight, 200 rows of faxes sent elsewhere. */
function page(round: number): AttemptRecord[] {
  const rows: AttemptRecord[] = [];
  for (let k = 0; k < PAGE; k++) {
    if (k < 800) {
      const i = JOBS - IN_FLIGHT + ((round * 800 + k) % IN_FLIGHT);
      rows.push(row(String(500_000 + i), i, k % 2 ? 8 : 7, k % 2 ? 0 : 1, k % 2 ? 0.14 : 0));
    } else {
      rows.push(row(String(900_000 + round * 1000 + k), k, 8, 0, 0.07));
    }
  }
  return rows;
}

// One warm-up page: the poller applies pages on a connection whose statements are prepared.
applyReportRows(db, KEY, page(0), now);
/** Wall-clock and CPU milliseconds of `fn`. */
function timed<T>(fn: () => T): { value: T; wall: number; cpu: number } {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = fn();
  const wall = performance.now() - t;
  const d = process.cpuUsage(c);
  return { value, wall, cpu: (d.user + d.system) / 1000 };
}

const applyTimes: number[] = [];
const applyCpu: number[] = [];
for (let round = 1; round <= 7; round++) {
  const p = page(round);
  const r = timed(() => applyReportRows(db, KEY, p, now));
  applyTimes.push(r.wall);
  applyCpu.push(r.cpu);
  if (r.value.rows !== PAGE) throw new Error('page not applied');
}
const listTimes: number[] = [];
const listCpu: number[] = [];
for (let k = 0; k < 21; k++) {
  const r = timed(() => listJobs(db, { limit: 200 }));
  listTimes.push(r.wall);
  listCpu.push(r.cpu);
  if (r.value.length !== 200) throw new Error('list returned too few jobs');
}
const jobsCount = (db.prepare('SELECT count(*) AS n FROM jobs').get() as { n: number }).n;
const attemptsCount = countAttempts(db);
store.close();
rmSync(dir, { recursive: true, force: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs: number[]) => Math.max(...xs);
const f = (n: number) => n.toFixed(1);
const [load] = loadavg();
const cores = availableParallelism();
console.log(
  `outbox bench: ${jobsCount} jobs, ${attemptsCount} attempt rows (seeded in ${f(seedMs)} ms); ${cores} cores, load ${load.toFixed(1)}`,
);
console.log(
  `  apply a page of ${PAGE} report rows: median ${f(median(applyTimes))} ms (CPU ${f(median(applyCpu))} ms), worst ${f(max(applyTimes))} ms (target < ${TARGET_APPLY_MS} ms)`,
);
console.log(
  `  list newest 200 jobs:               median ${f(median(listTimes))} ms (CPU ${f(median(listCpu))} ms), worst ${f(max(listTimes))} ms (target < ${TARGET_LIST_MS} ms)`,
);
// Judged on the median: a WAL checkpoint can land in any one write. On a shared machine busier
// than its cores, wall time mostly measures the neighbours; the CPU time this process spent is judged then.
const busy = load > cores;
const judged = (wall: number[], cpu: number[]) => (busy ? Math.min(median(wall), median(cpu)) : median(wall));
const ok = judged(applyTimes, applyCpu) < TARGET_APPLY_MS && judged(listTimes, listCpu) < TARGET_LIST_MS;
if (!ok) {
  console.error('outbox bench: a target was missed');
  process.exit(1);
}
