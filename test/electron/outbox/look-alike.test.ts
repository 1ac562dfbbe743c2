// Look-alike faxes: several different documents to one number with the same pages and headers,
// which Openfax's report cannot tell apart. Judged by the sandbox's record of which document
// (by hash) each fax carried: none lost, none twice, and no job wearing another's OutTransID.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { getDocument } from '../../../electron/store/documents-repo.ts';
import { getJob, type JobView, listJobs } from '../../../electron/store/jobs-repo.ts';
import { type Harness, startHarness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Each job's document hash, as the test wrote the file (not as the outbox recorded it). */
function jobHashes(harness: Harness, jobs: readonly JobView[], hashOf: ReadonlyMap<string, string>): Map<number, string> {
  return new Map(jobs.map((j) => [j.id, hashOf.get(getDocument(harness.store.db, j.documentId)?.originalName ?? '') ?? '?']));
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of items) out.set(key(t), (out.get(key(t)) ?? 0) + 1);
  return out;
}

describe('look-alike faxes', () => {
  it('30 different one-page documents to one number, 30% of submit answers lost: each delivered once, to its own job', async () => {
    h = await startHarness({
      speed: 3000,
      // Only submissions are hit, so the seeded sequence of faults is the same on every run.
      faults: { rate: 0.3, kinds: ['drop-after-accept', 'drop'], seed: 7, paths: ['/faxSendSubmit.php'] },
    });
    const hashOf = new Map<string, string>();
    for (let i = 1; i <= 30; i++) {
      const name = `invoice-${String(i).padStart(2, '0')}.pdf`;
      const path = await h.writePdf(name, 1);
      hashOf.set(name, sha256(path));
      const r = await h.outbox.submit({ pdfPath: path, to: { number: '202 555 0199', toHeader: 'Accounts' } });
      expect(r.ok).toBe(true);
    }
    expect(new Set(hashOf.values()).size).toBe(30);
    expect(await h.outbox.whenIdle({ timeoutMs: 50_000 })).toBe(true);
    await h.sb.settle();
    await h.outbox.pollNow();

    const faxes = h.sb.faxes();
    const delivered = countBy(faxes, (f) => f.pdfSha256);
    expect(
      [...hashOf].filter(([, hash]) => delivered.get(hash) !== 1).map(([name]) => `${name}: ${delivered.get(hashOf.get(name) ?? '') ?? 0}`),
    ).toEqual([]);
    expect(faxes).toHaveLength(30);

    const jobs = listJobs(h.store.db, { limit: 100 });
    const hashes = jobHashes(h, jobs, hashOf);
    const faxOf = new Map(faxes.map((f) => [f.outTransId, f]));
    for (const j of jobs) {
      if (j.state === 'needs-attention') {
        // Held, never lost: a person is told why, and its document was not sent twice.
        expect(j.error?.message, `job ${j.id}`).toBeTruthy();
        expect(delivered.get(hashes.get(j.id) ?? '') ?? 0).toBeLessThanOrEqual(1);
        continue;
      }
      expect(j.state, `job ${j.id}`).toBe('delivered');
      // The fax this job says is its own carried this job's document.
      expect(faxOf.get(j.outTransId ?? '')?.pdfSha256, `job ${j.id} (${j.outTransId})`).toBe(hashes.get(j.id));
    }
    // The faults really struck. Seed 7 hits 11 of 34 uploads: 7 answers lost after Openfax accepted
    // the fax (found in the report), 4 before (sent again once the report showed nothing).
    const submits = h.requests.get('/faxSendSubmit.php') ?? 0;
    expect(submits).toBe(34);
    console.info(`look-alike fault test: ${submits} uploads for 30 faxes; tries>1: ${jobs.filter((j) => j.submitTries > 1).length}`);
  });

  it('uploads look-alikes one at a time, while faxes to other numbers go side by side', async () => {
    h = await startHarness({ speed: 3000, faults: { rate: 1, kinds: ['latency'], latencyMs: 80, paths: ['/faxSendSubmit.php'] } });
    const uploading = new Set<number>();
    const lookAlikes = new Set<number>();
    let most = 0;
    let mostLookAlikes = 0;
    const harness = h;
    const off = h.outbox.on('job-changed', (j) => {
      if (j.state === 'submitting') uploading.add(j.id);
      else uploading.delete(j.id);
      most = Math.max(most, uploading.size);
      mostLookAlikes = Math.max(mostLookAlikes, [...uploading].filter((id) => lookAlikes.has(id)).length);
    });
    for (let i = 0; i < 4; i++) {
      const r = await harness.outbox.submit({
        pdfPath: await harness.writePdf(`same-${i}.pdf`, 1),
        to: { number: '202 555 0188', toHeader: 'Desk' },
      });
      if (r.ok) for (const id of r.value.jobIds) lookAlikes.add(id);
      await harness.outbox.submit({ pdfPath: await harness.writePdf(`other-${i}.pdf`, 1), to: { number: `312 555 01${60 + i}` } });
    }
    expect(await h.outbox.whenIdle({ timeoutMs: 20_000 })).toBe(true);
    off();
    expect(mostLookAlikes).toBe(1);
    expect(most).toBeGreaterThan(1);
    // The sandbox's side: each look-alike was accepted only after the previous one's (late) answer.
    const times = h.sb
      .faxes()
      .filter((f) => f.faxNumber === '12025550188')
      .map((f) => Date.parse(f.submittedAt));
    expect(times).toHaveLength(4);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(75);
    expect(listJobs(h.store.db).every((j) => j.state === 'delivered')).toBe(true);
  });

  it('holds a fax whose answer was lost when the report shows two that could be it, and never resends it', async () => {
    h = await startHarness({ speed: 3000, start: false });
    const mine = await h.writePdf('mine.pdf', 1);
    const portal = await h.writePdf('portal.pdf', 1);
    const r = await h.outbox.submit({ pdfPath: mine, to: { number: '202 555 0177', toHeader: 'Front desk' } });
    if (!r.ok) throw new Error(r.error.message);
    const jobId = r.value.jobIds[0];
    const job = getJob(h.store.db, jobId);
    if (!job) throw new Error('no job');
    // The same number and headers, sent from elsewhere (another computer, the portal) meanwhile.
    const other = await h.client.submitFax({
      pdfPath: portal,
      faxNumber: `+${job.faxNumber}`,
      options: {
        toHeader: job.toHeader,
        fromHeader: job.fromHeader,
        paperSize: job.paperSize,
        resolution: job.resolution,
        priority: job.priority,
      },
    });
    expect(other.ok).toBe(true);
    h.sb.setFaults({ rate: 1, kinds: ['drop-after-accept'], paths: ['/faxSendSubmit.php'] });
    await h.outbox.start();
    await expect.poll(() => getJob(h?.store.db as never, jobId)?.state, { timeout: 10_000 }).toBe('needs-attention');
    const held = getJob(h.store.db, jobId);
    expect(held?.error).toMatchObject({ kind: 'unknown-outcome', code: 'look-alike' });
    expect(held?.error?.message).toMatch(/report shows 2 faxes to \+1 202 555 0177 with the same pages and headers/);
    expect(held?.error?.action).toMatch(/"mine\.pdf" arrived/);
    // Later reads change nothing, and Retry asks the person to accept the risk of a duplicate.
    await h.sb.settle();
    await h.outbox.pollNow();
    await h.outbox.pollNow();
    expect(getJob(h.store.db, jobId)).toMatchObject({ state: 'needs-attention', outTransId: null });
    expect(h.outbox.retry(jobId)).toMatchObject({ ok: false, error: { kind: 'not-allowed' } });
    const faxes = h.sb.faxes();
    expect(faxes).toHaveLength(2);
    expect(countBy(faxes, (f) => f.pdfSha256).get(sha256(mine))).toBe(1);
  });
});
