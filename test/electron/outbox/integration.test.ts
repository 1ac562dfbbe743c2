// 200 faxes over the sandbox's magic numbers, one of them a broadcast of 50: each ends in
// the expected state with the expected attempts and cost, and exists exactly once at the sandbox.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listAttemptsForJob } from '../../../electron/store/attempts-repo.ts';
import { listJobs } from '../../../electron/store/jobs-repo.ts';
import { setSetting } from '../../../electron/store/settings-repo.ts';
import type { BroadcastProgress } from '../../../electron/store/broadcasts-repo.ts';
import { expectedOutcome, type Harness, SCENARIO_NUMBERS, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ speed: 3000 });
  // These send one PDF to the same numbers again and again on purpose: no duplicate guard.
  setSetting(h.store.db, 'duplicateWindowHours', 0);
});
afterAll(() => h.close());

describe('outbox against the sandbox', () => {
  it('sends 200 faxes (150 singles and a broadcast of 50) to their expected ends', { timeout: 60_000 }, async () => {
    const progress: BroadcastProgress[] = [];
    h.outbox.on('broadcast-progress', (p) => progress.push(p));
    const pdfs = await Promise.all([1, 2, 3].map((p) => h.writePdf(`doc-${p}.pdf`, p)));
    const singles = [];
    for (let i = 0; i < 150; i++) {
      const number = `${SCENARIO_NUMBERS[i % SCENARIO_NUMBERS.length]}`;
      const r = await h.outbox.submit({
        pdfPath: pdfs[i % 3],
        to: { number },
        options: { priority: i % 5 === 0 ? 'Low' : 'Normal', toHeader: `T${i}` },
      });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      singles.push(r);
    }
    const recipients = Array.from({ length: 50 }, (_, i) => ({ number: SCENARIO_NUMBERS[i % SCENARIO_NUMBERS.length], toHeader: `B${i}` }));
    const b = await h.outbox.createBroadcast({ pdfPath: pdfs[1], recipients, name: 'Price list' });
    expect(b.ok, JSON.stringify(b)).toBe(true);
    if (!b.ok) return;
    expect(b.value.jobIds).toHaveLength(50);

    expect(await h.outbox.whenIdle({ timeoutMs: 45_000 })).toBe(true);
    const jobs = listJobs(h.store.db, { limit: 1000 });
    expect(jobs).toHaveLength(200);
    const faxes = h.sb.faxes();
    const byTrans = new Map(faxes.map((f) => [f.outTransId, f]));
    // Every accepted submission belongs to exactly one job.
    expect(new Set(jobs.map((j) => j.outTransId).filter(Boolean)).size).toBe(faxes.length);
    for (const job of jobs) {
      const want = expectedOutcome(job.faxNumber, job.pages);
      expect({ id: job.id, state: job.state, attempts: job.attempts, cost: job.cost, lastStatus: job.lastStatus }).toEqual({
        id: job.id,
        ...want,
      });
      if (job.state === 'rejected') {
        expect(job.outTransId).toBeNull();
        expect(job.error?.kind).toBe('restricted');
        continue;
      }
      const fax = byTrans.get(job.outTransId as string);
      expect(fax, `job ${job.id}`).toBeDefined();
      expect(fax?.attempts).toBe(job.attempts);
      expect(fax?.cost).toBeCloseTo(job.cost ?? -1, 6);
      expect(fax?.pages).toBe(job.pages);
      expect(fax?.toHeader).toBe(job.toHeader);
      expect(listAttemptsForJob(h.store.db, job.id).length).toBeGreaterThanOrEqual(1);
      if (job.state === 'failed') expect(job.error?.message).toBeTruthy();
    }
    const last = progress.filter((p) => p.broadcastId === b.value.broadcastId).at(-1);
    expect(last).toMatchObject({ total: 50, done: 50, waiting: 0, sending: 0, submitted: 0 });
    // With nothing in flight the poller goes quiet: no poll scheduled, and one asked for reads nothing.
    await vi.waitFor(() => expect(h.outbox.pollerHealth()).toMatchObject({ state: 'idle', nextPollAt: null }), { timeout: 10_000 });
    const before = h.requests.get('/outboundDetailsbyDate.php') ?? 0;
    await h.outbox.pollNow();
    expect(h.requests.get('/outboundDetailsbyDate.php') ?? 0).toBe(before);
    expect(h.outbox.pollerHealth()).toMatchObject({ state: 'idle', nextPollAt: null });
  });
});
