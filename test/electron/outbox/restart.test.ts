// A restart with uploads whose outcome is unknown. One reached Openfax before the crash,
// one did not. While the report cannot be read both are held (needs attention), nothing is
// sent; once it can, the first adopts its OutTransID and the second is sent, once.

import { afterEach, describe, expect, it } from 'vitest';
import { accountKeyOf } from '../../../electron/store/account-state-repo.ts';
import { getJob, updateJob } from '../../../electron/store/jobs-repo.ts';
import { type Harness, startHarness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('restart with uploads in an unknown state', () => {
  it('holds them while the report is unreadable, then adopts or resends each exactly once', async () => {
    h = await startHarness({ start: false, timing: { attentionAfterPollFailures: 2 } });
    const pdf = await h.writePdf('p.pdf', 2);
    const reached = await h.outbox.submit({ pdfPath: pdf, to: { number: '2125550161', toHeader: 'Reached' } });
    const lost = await h.outbox.submit({ pdfPath: pdf, to: { number: '2125550162', toHeader: 'Lost' } });
    if (!reached.ok || !lost.ok) throw new Error('submit failed');
    const db = h.store.db;
    const [a] = reached.value.jobIds;
    const [b] = lost.value.jobIds;
    // The previous life claimed both, uploaded the first (Openfax accepted it) and died before either answer was saved.
    const key = accountKeyOf(h.sb.url, h.sb.demoAccount.accountId);
    const startedAt = Date.now() - 5_000;
    for (const id of [a, b])
      updateJob(h.store.db, id, { state: 'submitting', accountKey: key, submitStartedAt: startedAt, submitTries: 1, cursorAtSubmit: 0 });
    const accepted = await h.client.submitFax({
      pdfPath: pdf,
      faxNumber: '2125550161',
      options: { toHeader: 'Reached', fromHeader: '', paperSize: 'letter', resolution: 'standard', priority: 'Normal' },
    });
    expect(accepted.ok).toBe(true);
    h.sb.setFaults({ rate: 1, kinds: ['http500'], paths: ['/outboundDetailsbyDate.php'] });

    await h.outbox.start();
    await expect.poll(() => [a, b].map((id) => getJob(db, id)?.state), { timeout: 10_000 }).toEqual(['needs-attention', 'needs-attention']);
    expect(getJob(h.store.db, a)?.error).toMatchObject({ kind: 'unknown-outcome' });
    expect(getJob(h.store.db, b)?.error?.message).toMatch(/not known whether Openfax received/);
    expect(h.outbox.retry(a)).toMatchObject({ ok: false, error: { kind: 'not-allowed' } });
    expect(h.outbox.pollerHealth()).toMatchObject({ state: 'error' });
    expect(h.requests.get('/faxSendSubmit.php') ?? 0).toBe(1);

    h.sb.setFaults(undefined);
    expect(await h.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    await expect.poll(() => [a, b].map((id) => getJob(db, id)?.state), { timeout: 10_000 }).toEqual(['delivered', 'delivered']);
    if (!accepted.ok) throw new Error(accepted.error.message);
    expect(getJob(db, a)).toMatchObject({ state: 'delivered', outTransId: accepted.value.outTransId, submitTries: 1 });
    expect(getJob(h.store.db, b)).toMatchObject({ state: 'delivered', submitTries: 2 });
    expect(
      h.sb
        .faxes()
        .map((f) => f.toHeader)
        .sort(),
    ).toEqual(['Lost', 'Reached']);
  });
});
