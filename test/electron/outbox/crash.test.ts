// Crash test: a child process queues and sends 100 faxes and is killed with SIGKILL at
// random moments; after the restarts every document was faxed exactly once (the sandbox's
// own log of document hashes is the judge), each job holds the OutTransID of the fax that
// carried its own document, and every job is final. A fifth of the faxes are look-alikes (one
// number, the same headers and pages), which the report cannot tell apart. The sandbox lives
// in this process, with a data folder, so it survives the kills.

import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../../electron/sandbox/index.ts';
import { listJobs } from '../../../electron/store/jobs-repo.ts';
import { openStore } from '../../../electron/store/store.ts';
import { crashNumber, isLookAlike } from './fixtures/crash-plan.ts';
import { makePdf } from './harness.ts';

const RUNS = 20;
const FAXES = 100;
const CHILD = join(import.meta.dirname, 'fixtures', 'crash-child.ts');
/** Document name → the hash of its bytes, as this test wrote them. */
const hashOf = new Map<string, string>();

let root: string;
let pdfDir: string;
let sb: Sandbox;
const accounts = Array.from({ length: RUNS }, (_, r) => ({ accountId: String(200_000_001 + r), apiKey: `crash-key-${r}`, credit: 10_000 }));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'openfax-crash-'));
  pdfDir = join(root, 'pdfs');
  mkdirSync(pdfDir);
  for (let i = 0; i < FAXES; i++) {
    const bytes = await makePdf(1, `crash fax ${i}`);
    writeFileSync(join(pdfDir, `fax-${i}.pdf`), bytes);
    hashOf.set(`fax-${i}.pdf`, createHash('sha256').update(bytes).digest('hex'));
  }
  sb = await startSandbox({ speed: 5000, dataDir: join(root, 'sandbox'), accounts });
});
afterAll(async () => {
  await sb?.close();
  rmSync(root, { recursive: true, force: true });
});

/** When to kill a life of the child: after its n-th upload starts, or a while after everything is queued. */
type KillAt = { afterUploads: number; extraMs: number } | { afterQueuedMs: number };

function runChild(dataDir: string, r: number, killAt?: KillAt): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [CHILD, dataDir, sb.url, accounts[r].accountId, accounts[r].apiKey, pdfDir, String(FAXES)],
    { env: { ...process.env, OPENFAX_QUIET: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  let uploads = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const kill = (ms: number) => {
    timer ??= setTimeout(() => child.kill('SIGKILL'), ms);
  };
  child.stdout?.on('data', (d: Buffer) => {
    for (const line of d.toString().split('\n')) {
      if (!killAt) continue;
      if (line === 'U' && 'afterUploads' in killAt && ++uploads === killAt.afterUploads) kill(killAt.extraMs);
      if (line === 'Q' && 'afterQueuedMs' in killAt) kill(killAt.afterQueuedMs);
    }
  });
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

function randomKill(k: number): KillAt {
  // The first kill of a run always lands mid-upload (the dangerous moment); the second while the report is polled.
  if (k === 1) return { afterQueuedMs: Math.floor(Math.random() * 300) };
  return { afterUploads: 1 + Math.floor(Math.random() * 60), extraMs: Math.floor(Math.random() * 25) };
}

describe('crash safety', () => {
  it(`loses and duplicates nothing across ${RUNS} runs of random SIGKILLs`, { timeout: 150_000 }, async () => {
    let kills = 0;
    // Jobs caught mid-upload by a kill, and how many upload tries they had then.
    let caughtSubmitting = 0;
    let adopted = 0;
    let resent = 0;
    let lookAlikesCaught = 0;
    for (let r = 0; r < RUNS; r++) {
      const dataDir = join(root, `app-${r}`);
      const caught = new Map<number, number>();
      // One to three kills per run: during uploads, and while the report is polled.
      const killsThisRun = [1, 2, 1, 3][r % 4];
      for (let k = 0; k < killsThisRun; k++) {
        const res = await runChild(dataDir, r, randomKill(k));
        if (res.signal !== 'SIGKILL') {
          expect(res.code, res.stderr).toBe(0);
          continue;
        }
        kills++;
        const store = openStore(dataDir);
        for (const j of listJobs(store.db, { limit: 1000, filter: 'in-progress' })) {
          if (j.state === 'submitting' && !caught.has(j.id)) caught.set(j.id, j.submitTries);
        }
        store.close();
      }
      const last = await runChild(dataDir, r);
      expect(last.code, last.stderr).toBe(0);

      const faxes = sb.faxes().filter((f) => f.accountId === accounts[r].accountId);
      const perDocument = new Map<string, number>();
      for (const f of faxes) perDocument.set(f.pdfSha256, (perDocument.get(f.pdfSha256) ?? 0) + 1);
      const names = [...hashOf.keys()];
      const duplicated = names.filter((n) => (perDocument.get(hashOf.get(n) ?? '') ?? 0) > 1);
      const lost = names.filter((n) => !perDocument.has(hashOf.get(n) ?? ''));
      expect({ run: r, duplicated, lost }).toEqual({ run: r, duplicated: [], lost: [] });
      expect(faxes).toHaveLength(FAXES);
      expect(faxes.filter((f) => f.faxNumber === `1${crashNumber(0)}`)).toHaveLength(names.filter((_, i) => isLookAlike(i)).length);

      const store = openStore(dataDir);
      const jobs = listJobs(store.db, { limit: 1000 });
      store.close();
      expect(jobs).toHaveLength(FAXES);
      expect(jobs.filter((j) => j.state !== 'delivered').map((j) => `${j.id}:${j.state}`)).toEqual([]);
      expect(new Set(jobs.map((j) => j.outTransId)).size).toBe(FAXES);
      // No job wears another's OutTransID: the fax it names carried its own document.
      const faxOf = new Map(faxes.map((f) => [f.outTransId, f.pdfSha256]));
      const misadopted = jobs.filter((j) => faxOf.get(j.outTransId ?? '') !== hashOf.get(j.documentName));
      expect({ run: r, misadopted: misadopted.map((j) => `${j.id}:${j.documentName}→${j.outTransId}`) }).toEqual({
        run: r,
        misadopted: [],
      });
      for (const j of jobs) {
        const tries = caught.get(j.id);
        if (tries === undefined) continue;
        caughtSubmitting++;
        if (isLookAlike(Number(/\d+/.exec(j.documentName)?.[0]))) lookAlikesCaught++;
        // Found in the report: adopted without another upload. Not found: uploaded again.
        if (j.submitTries === tries) adopted++;
        else resent++;
      }
    }
    console.info(
      `crash test: ${kills} kills, ${caughtSubmitting} jobs caught mid-upload (${lookAlikesCaught} look-alikes; ` +
        `${adopted} adopted from the report, ${resent} sent again)`,
    );
    expect(kills).toBeGreaterThanOrEqual(RUNS);
    // Both outcomes of an interrupted upload were exercised, not just the easy one.
    expect(adopted).toBeGreaterThan(0);
    expect(resent).toBeGreaterThan(0);
  });
});
