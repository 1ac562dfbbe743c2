// Cancel: a job Openfax has not accepted yet (queued, waiting to retry its upload, needing
// attention) can be canceled, and a canceled job never reaches Openfax, even when the cancel
// races the upload. The judge is the sandbox's own record.

import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenfaxClient } from '../../../electron/openfax/client.ts';
import { getJob } from '../../../electron/store/jobs-repo.ts';
import { setSetting } from '../../../electron/store/settings-repo.ts';
import { type Harness, startHarness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('cancel', () => {
  it('cancels a job waiting to retry its upload; it never reaches Openfax once the line is back', async () => {
    const port = await closedPort();
    h = await startHarness({ timing: { retryBaseMs: 60_000, retryMaxMs: 60_000 } });
    const real = h.account.client;
    h.account.client = createOpenfaxClient({ ...h.sb.demoAccount, baseUrl: `http://127.0.0.1:${port}` });
    const pdf = await h.writePdf('memo.pdf', 1);
    const r = await h.outbox.submit({ pdfPath: pdf, to: { number: '2125550142', toHeader: 'retrying' } });
    if (!r.ok) throw new Error(r.error.message);
    const id = r.value.jobIds[0] as number;
    // The upload could not connect: back in the queue with a retry time.
    await expect.poll(() => getJob(h?.store.db as Harness['store']['db'], id)).toMatchObject({ state: 'queued', submitTries: 1 });
    expect(getJob(h.store.db, id)?.nextTryAt).not.toBeNull();
    expect(h.outbox.cancel(id)).toMatchObject({ ok: true, value: { state: 'canceled' } });
    h.account.client = real;
    await h.outbox.submit({ pdfPath: pdf, to: { number: '2125550143', toHeader: 'after' } });
    expect(await h.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    expect(h.sb.faxes().map((f) => f.toHeader)).toEqual(['after']);
  });

  it('racing the uploads: every cancel that succeeded kept its fax from Openfax, every refused one was sent once', async () => {
    h = await startHarness({ faults: { rate: 1, kinds: ['latency'], latencyMs: 30, seed: 3, paths: ['/faxSendSubmit.php'] } });
    setSetting(h.store.db, 'concurrency', 2);
    const pdf = await h.writePdf('memo.pdf', 1);
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await h.outbox.submit({ pdfPath: pdf, to: { number: `21255501${10 + i}`, toHeader: `job ${i}` } });
      if (!r.ok) throw new Error(r.error.message);
      ids.push(r.value.jobIds[0] as number);
    }
    // Cancel each job the moment another starts uploading: some are still queued, some were
    // just claimed by the other upload slot.
    const outcome = new Map<number, boolean>();
    const off = h.outbox.on('job-changed', (j) => {
      if (j.state !== 'submitting') return;
      for (const id of [j.id, j.id + 1]) {
        if (!outcome.has(id) && ids.includes(id)) outcome.set(id, h?.outbox.cancel(id).ok ?? false);
      }
    });
    expect(await h.outbox.whenIdle({ timeoutMs: 20_000 })).toBe(true);
    off();
    const canceled = ids.filter((id) => outcome.get(id) === true);
    const refused = ids.filter((id) => outcome.get(id) === false);
    expect(canceled.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    const arrived = h.sb.faxes().map((f) => f.toHeader);
    for (const id of canceled) {
      expect(getJob(h.store.db, id)?.state).toBe('canceled');
      expect(arrived).not.toContain(`job ${ids.indexOf(id)}`);
    }
    for (const id of refused) expect(arrived.filter((t) => t === `job ${ids.indexOf(id)}`)).toHaveLength(1);
    // Openfax has exactly the faxes that were not canceled.
    expect(arrived).toHaveLength(ids.length - canceled.length);
  });

  it('says plainly that a fax Openfax accepted cannot be canceled', async () => {
    h = await startHarness();
    const pdf = await h.writePdf('memo.pdf', 1);
    const r = await h.outbox.submit({ pdfPath: pdf, to: { number: '2025550101' } });
    if (!r.ok) throw new Error(r.error.message);
    const id = r.value.jobIds[0] as number;
    await expect.poll(() => getJob(h?.store.db as Harness['store']['db'], id)?.outTransId).not.toBeNull();
    expect(h.outbox.cancel(id)).toMatchObject({ ok: false, error: { kind: 'not-allowed', message: /Openfax offers no way to cancel/ } });
  });
});
