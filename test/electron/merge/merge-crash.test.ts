// Crash test of the merge: a child process runs a 40-row merge to the sandbox and is killed
// with SIGKILL at random moments (while documents are made, while rows are queued, while faxes
// upload); the next life takes the merge up. After the restarts the sandbox's own record is the
// judge: every row's fax arrived exactly once, to its own number, with its own document; every
// row of the merge is queued with its one job. The sandbox lives in this process, with a data
// folder, so it survives the kills. Listed among the SLOW tests.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../../electron/sandbox/index.ts';
import { all } from '../../../electron/store/sql.ts';
import { listMergeRows, newestOpenMerge } from '../../../electron/store/merges-repo.ts';
import { openStore } from '../../../electron/store/store.ts';
import { mergeFieldTemplate } from '../../fixtures/merge-templates.ts';
import { csvOf, people } from './merge-harness.ts';

const RUNS = 5;
const ROWS = 40;
const CHILD = join(import.meta.dirname, 'merge-crash-child.ts');

let root: string;
let sb: Sandbox;
const accounts = Array.from({ length: RUNS }, (_, r) => ({
  accountId: String(300_000_001 + r),
  apiKey: `merge-crash-${r}`,
  credit: 10_000,
}));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'openfax-merge-crash-'));
  writeFileSync(join(root, 'template.docx'), await mergeFieldTemplate({ simple: true }));
  writeFileSync(join(root, 'doctors.csv'), csvOf(people(ROWS)));
  sb = await startSandbox({ speed: 5000, dataDir: join(root, 'sandbox'), accounts });
});
afterAll(async () => {
  await sb?.close();
  rmSync(root, { recursive: true, force: true });
});

function runChild(
  dataDir: string,
  r: number,
  killAfterQueued?: { n: number; extraMs: number },
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      CHILD,
      dataDir,
      sb.url,
      accounts[r]?.accountId ?? '',
      accounts[r]?.apiKey ?? '',
      join(root, 'template.docx'),
      join(root, 'doctors.csv'),
    ],
    { env: { ...process.env, OPENFAX_QUIET: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  let queued = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  child.stdout?.on('data', (d: Buffer) => {
    for (const line of d.toString().split('\n')) {
      if (line === 'Q' && killAfterQueued && ++queued === killAfterQueued.n) {
        timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterQueued.extraMs);
      }
    }
  });
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

describe('merge crash safety', () => {
  it(`sends every row once across ${RUNS} runs of random SIGKILLs`, { timeout: 240_000 }, async () => {
    let kills = 0;
    for (let r = 0; r < RUNS; r++) {
      const dataDir = join(root, `app-${r}`);
      // Two or three kills a run: early (documents being made, the first rows queued), then later.
      const plan = [
        { n: 1 + Math.floor(Math.random() * 3), extraMs: Math.floor(Math.random() * 40) },
        { n: 2 + Math.floor(Math.random() * 12), extraMs: Math.floor(Math.random() * 40) },
        ...(r % 2 ? [{ n: 1 + Math.floor(Math.random() * 10), extraMs: Math.floor(Math.random() * 80) }] : []),
      ];
      for (const killAt of plan) {
        const res = await runChild(dataDir, r, killAt);
        if (res.signal === 'SIGKILL') kills++;
        else expect(res.code, res.stderr).toBe(0);
      }
      const last = await runChild(dataDir, r);
      expect(last.code, last.stderr).toBe(0);

      const faxes = sb.faxes().filter((f) => f.accountId === accounts[r]?.accountId);
      const perNumber = new Map<string, number>();
      for (const f of faxes) perNumber.set(f.faxNumber, (perNumber.get(f.faxNumber) ?? 0) + 1);
      const numbers = people(ROWS).map((p) => `1${p.fax.replace(/\D/g, '')}`);
      const doubled = numbers.filter((n) => (perNumber.get(n) ?? 0) > 1);
      const lost = numbers.filter((n) => !perNumber.has(n));
      expect({ run: r, doubled, lost }).toEqual({ run: r, doubled: [], lost: [] });
      expect(faxes).toHaveLength(ROWS);

      const store = openStore(dataDir);
      const m = newestOpenMerge(store.db);
      const rows = m ? listMergeRows(store.db, m.id) : [];
      const jobs = all<{ id: number; fax_number: string; state: string; sha: string }>(
        store.db,
        'SELECT j.id, j.fax_number, j.state, d.sha256 AS sha FROM jobs j JOIN documents d ON d.id = j.document_id',
      );
      store.close();
      expect(m?.state).toBe('done');
      expect(rows.filter((x) => x.state !== 'queued')).toEqual([]);
      expect(jobs).toHaveLength(ROWS);
      expect(jobs.filter((j) => j.state !== 'delivered')).toEqual([]);
      // Each fax the sandbox got carried the document of its own row's job.
      const byNumber = new Map(jobs.map((j) => [j.fax_number, j.sha]));
      expect(faxes.filter((f) => byNumber.get(f.faxNumber) !== f.pdfSha256)).toEqual([]);
      const rowOfJob = new Map(rows.map((x) => [x.jobId, x]));
      expect(jobs.filter((j) => rowOfJob.get(j.id)?.sent?.number !== j.fax_number)).toEqual([]);
    }
    console.info(`merge crash test: ${kills} kills over ${RUNS} runs`);
    expect(kills).toBeGreaterThanOrEqual(RUNS);
  });
});
