// With a fifth of all sandbox requests failing (500s, dropped connections before and after
// the fax was accepted, garbage bodies, slow answers) every job still ends final, each fax
// exists exactly once at the sandbox, and nothing throws unhandled.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLogSink } from '../../../electron/core/logger.ts';
import { listJobs } from '../../../electron/store/jobs-repo.ts';
import { setSetting } from '../../../electron/store/settings-repo.ts';
import { expectedOutcome, type Harness, startHarness } from './harness.ts';

let h: Harness;
const unhandled: unknown[] = [];
const errorLines: string[] = [];
const onUnhandled = (err: unknown) => unhandled.push(err);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  setLogSink((line) => {
    if (/ ERROR /.test(line)) errorLines.push(line);
  });
  h = await startHarness({
    speed: 3000,
    faults: { rate: 0.2, kinds: ['http500', 'drop', 'malformed', 'drop-after-accept', 'latency'], latencyMs: 150, seed: 7 },
  });
  // One PDF goes to the same numbers again and again on purpose: no duplicate guard.
  setSetting(h.store.db, 'duplicateWindowHours', 0);
});
afterAll(async () => {
  await h.close();
  setLogSink(undefined);
  process.off('unhandledRejection', onUnhandled);
});

describe('outbox under faults', () => {
  it('ends every job final, sends each fax exactly once, and throws nothing unhandled', { timeout: 60_000 }, async () => {
    const pdf = await h.writePdf('faults.pdf', 2);
    const numbers = Array.from({ length: 80 }, (_, i) => (i % 10 === 0 ? '2025550101' : `312555${String(3000 + i).padStart(4, '0')}`));
    for (const [i, number] of numbers.entries()) {
      const r = await h.outbox.submit({ pdfPath: pdf, to: { number, toHeader: `F${i}` } });
      expect(r.ok).toBe(true);
    }
    expect(await h.outbox.whenIdle({ timeoutMs: 50_000 })).toBe(true);
    const jobs = listJobs(h.store.db, { limit: 1000 });
    expect(jobs).toHaveLength(80);
    for (const j of jobs) {
      const want = expectedOutcome(j.faxNumber, j.pages);
      expect({ id: j.id, state: j.state, attempts: j.attempts, cost: j.cost }).toEqual({
        id: j.id,
        state: want.state,
        attempts: want.attempts,
        cost: want.cost,
      });
    }
    const faxes = h.sb.faxes();
    // To-headers are unique per job: each must appear exactly once in the sandbox's log.
    const perHeader = new Map<string, number>();
    for (const f of faxes) perHeader.set(f.toHeader, (perHeader.get(f.toHeader) ?? 0) + 1);
    expect([...perHeader].filter(([, n]) => n > 1)).toEqual([]);
    expect(faxes).toHaveLength(80);
    expect(new Set(jobs.map((j) => j.outTransId))).toEqual(new Set(faxes.map((f) => f.outTransId)));
    // The faults really happened: some uploads ended without a clean answer and were settled from the report.
    expect(jobs.some((j) => j.submitTries > 1) || (h.requests.get('/faxSendSubmit.php') ?? 0) > 80).toBe(true);
    console.info('faults test:', JSON.stringify(Object.fromEntries(h.requests)), 'tries>1:', jobs.filter((j) => j.submitTries > 1).length);
    expect(unhandled).toEqual([]);
    expect(errorLines).toEqual([]);
  });
});
