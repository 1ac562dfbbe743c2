// The duplicate guard in the outbox's own entry: the same content to a number Openfax already
// accepted, in the same account, within the window, is refused until the person says yes.
// The judge is the sandbox's own record of faxes.

import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenfaxClient } from '../../../electron/openfax/client.ts';
import { createOutbox } from '../../../electron/outbox/outbox.ts';
import type { Submitted } from '../../../electron/outbox/types.ts';
import { getJob } from '../../../electron/store/jobs-repo.ts';
import { setSetting } from '../../../electron/store/settings-repo.ts';
import { duplicateMessage } from '../../../shared/duplicate-sends.ts';
import { FAST_TIMING, type Harness, startHarness } from './harness.ts';

const HOUR = 3_600_000;
let h: Harness | undefined;
let offset = 0;
afterEach(async () => {
  await h?.close();
  h = undefined;
  offset = 0;
});

/** A harness whose outbox clock can be moved forward (`offset`), to test the window's edges. */
const harness = () => startHarness({ deps: { clock: () => Date.now() + offset } });

function jobCount(): number {
  if (!h) throw new Error('no harness');
  return (h.store.db.prepare('SELECT count(*) AS n FROM jobs').get() as { n: number }).n;
}

const faxesTo = (digits: string) => h?.sb.faxes().filter((f) => f.faxNumber === digits) ?? [];

async function sent(r: Awaited<ReturnType<NonNullable<typeof h>['outbox']['submit']>>): Promise<Submitted> {
  if (!r.ok) throw new Error(r.error.message);
  expect(await h?.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);
  return r.value;
}

describe('the duplicate guard', () => {
  it('refuses the same PDF to a number Openfax accepted, saying when and how it ended; a yes sends it', async () => {
    h = await harness();
    const pdf = await h.writePdf('memo.pdf', 1);
    const first = await sent(await h.outbox.submit({ pdfPath: pdf, to: { number: '212 555 0142' } }));
    expect(getJob(h.store.db, first.jobIds[0] as number)?.state).toBe('delivered');
    const spooled = readdirSync(h.store.spoolDir).length;

    const again = await h.outbox.submit({ pdfPath: pdf, to: { number: '(212) 555-0142' } });
    expect(again).toMatchObject({
      ok: false,
      error: { kind: 'duplicate', duplicates: [{ jobId: first.jobIds[0], faxNumber: '12125550142', outcome: 'delivered' }] },
    });
    if (again.ok) return;
    expect(again.error.message).toMatch(
      /^Openfax already accepted this document for \+1 212 555 0142 today at .+; it was delivered\. Nothing was queued\.$/,
    );
    // Nothing half-made: no job, no spool file, nothing at Openfax.
    expect(jobCount()).toBe(1);
    expect(readdirSync(h.store.spoolDir)).toHaveLength(spooled);
    expect(faxesTo('12125550142')).toHaveLength(1);

    await sent(await h.outbox.submit({ pdfPath: pdf, to: { number: '2125550142' }, allowDuplicate: true }));
    expect(faxesTo('12125550142')).toHaveLength(2);
  });

  it('looks back exactly the window: just inside asks, at the edge goes; 0 turns it off', async () => {
    h = await harness();
    const pdf = await h.writePdf('memo.pdf', 1);
    await sent(await h.outbox.submit({ pdfPath: pdf, to: { number: '2125550142' } }));
    const acceptedAt = getJob(h.store.db, 1)?.submittedAt as number;
    const at = (t: number) => {
      offset = t - Date.now();
    };
    at(acceptedAt + 24 * HOUR - 1000);
    expect(await h.outbox.submit({ pdfPath: pdf, to: { number: '2125550142' } })).toMatchObject({
      ok: false,
      error: { kind: 'duplicate' },
    });
    setSetting(h.store.db, 'duplicateWindowHours', 48);
    at(acceptedAt + 24 * HOUR + 1000);
    expect(await h.outbox.submit({ pdfPath: pdf, to: { number: '2125550142' } })).toMatchObject({
      ok: false,
      error: { kind: 'duplicate' },
    });
    setSetting(h.store.db, 'duplicateWindowHours', 24);
    at(acceptedAt + 24 * HOUR);
    const edge = await h.outbox.submit({ pdfPath: pdf, to: { number: '2125550142' }, options: { toHeader: 'edge' } });
    expect(edge.ok).toBe(true);
    offset = 0;
    setSetting(h.store.db, 'duplicateWindowHours', 0);
    expect((await h.outbox.submit({ pdfPath: pdf, to: { number: '2125550142' }, options: { toHeader: 'off' } })).ok).toBe(true);
    expect(await h.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    expect(faxesTo('12125550142').map((f) => f.toHeader)).toEqual(['', 'edge', 'off']);
  });

  it('counts what Openfax accepted and what waits in the Outbox: not a refused job, not another account', async () => {
    h = await harness();
    const pdf = await h.writePdf('memo.pdf', 1);
    // Refused before it was accepted (RestrictedFaxNumber): Openfax never had it.
    const refused = await sent(await h.outbox.submit({ pdfPath: pdf, to: { number: '2025550105' } }));
    expect(getJob(h.store.db, refused.jobIds[0] as number)?.state).toBe('rejected');
    expect((await h.outbox.submit({ pdfPath: pdf, to: { number: '2025550105' } })).ok).toBe(true);
    expect(await h.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);

    // Queued but not yet sent: a second click is a duplicate too, in its own words; a yes sends both.
    await h.outbox.stop();
    expect((await h.outbox.submit({ pdfPath: pdf, to: { number: '3125550142' } })).ok).toBe(true);
    const again = await h.outbox.submit({ pdfPath: pdf, to: { number: '3125550142' } });
    expect(again).toMatchObject({ ok: false, error: { kind: 'duplicate', duplicates: [{ outcome: 'not-sent' }] } });
    if (!again.ok)
      expect(again.error.message).toMatch(
        /^This document to \+1 312 555 0142 is already in the Outbox, not sent yet \(queued at [^)]+\)\. Nothing was queued\.$/,
      );
    expect((await h.outbox.submit({ pdfPath: pdf, to: { number: '3125550142' }, allowDuplicate: true })).ok).toBe(true);
    await h.outbox.start();
    expect(await h.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    expect(faxesTo('13125550142')).toHaveLength(2);

    // Accepted in this account; the same fax from another account is not a duplicate.
    const other = createOutbox({
      db: h.store.db,
      dataDir: h.store.dataDir,
      getAccount: () => ({ accountId: '999999999', endpoint: h?.sb.url as string, client: h?.client as Harness['client'] }),
      timing: FAST_TIMING,
      instanceId: 'other-account',
    });
    expect(await other.submit({ pdfPath: pdf, to: { number: '3125550142' } })).toMatchObject({ ok: true });
    expect(await h.outbox.submit({ pdfPath: pdf, to: { number: '3125550142' } })).toMatchObject({
      ok: false,
      error: { kind: 'duplicate' },
    });
  });

  it('compares content: another PDF goes; the body hash given for per-recipient covers is what counts', async () => {
    h = await harness();
    const memo = await h.writePdf('memo.pdf', 1);
    const other = await h.writePdf('other.pdf', 1);
    await sent(await h.outbox.submit({ pdfPath: memo, to: { number: '2125550142' } }));
    expect((await h.outbox.submit({ pdfPath: other, to: { number: '2125550142' } })).ok).toBe(true);
    expect(await h.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);

    // Two PDFs that differ only by their cover carry the same body hash: a duplicate.
    const coverA = await h.writePdf('cover-a.pdf', 2);
    const coverB = await h.writePdf('cover-b.pdf', 2);
    await sent(await h.outbox.submit({ pdfPath: coverA, contentHash: 'body-1', to: { number: '3125550142' } }));
    expect(await h.outbox.submit({ pdfPath: coverB, contentHash: 'body-1', to: { number: '3125550142' } })).toMatchObject({
      ok: false,
      error: { kind: 'duplicate' },
    });
    expect((await h.outbox.submit({ pdfPath: coverB, contentHash: 'body-2', to: { number: '3125550142' } })).ok).toBe(true);
    expect(await h.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    expect(faxesTo('12125550142')).toHaveLength(2);
    expect(faxesTo('13125550142')).toHaveLength(2);
  });

  it('names each duplicate of a broadcast, and sends to the others only, or to all, as the person chooses', async () => {
    h = await harness();
    const pdf = await h.writePdf('memo.pdf', 1);
    await sent(await h.outbox.submit({ pdfPath: pdf, to: { number: '2125550142' } }));
    await sent(await h.outbox.submit({ pdfPath: pdf, to: { number: '2025550102' } }));
    const recipients = [{ number: '2125550142' }, { number: '4155550142' }, { number: '2025550102' }];
    const asked = await h.outbox.createBroadcast({ pdfPath: pdf, recipients, skipCreditCheck: true });
    expect(asked).toMatchObject({ ok: false, error: { kind: 'duplicate' } });
    if (asked.ok) return;
    expect(asked.error.duplicates?.map((d) => [d.faxNumber, d.outcome])).toEqual([
      ['12125550142', 'delivered'],
      ['12025550102', 'failed'],
    ]);
    expect(asked.error.message).toMatch(
      /for 2 of these numbers: \+1 212 555 0142: sent today at .+, delivered\. \+1 202 555 0102: sent today at .+, failed \(No answer\)\./,
    );
    expect(asked.error.action).toMatch(/or send it to the other recipient only/);

    const others = await sent(await h.outbox.createBroadcast({ pdfPath: pdf, recipients, skipCreditCheck: true, skipDuplicates: true }));
    expect(others.jobIds).toHaveLength(1);
    expect(others.skippedDuplicates?.map((d) => d.faxNumber)).toEqual(['12125550142', '12025550102']);
    expect(faxesTo('14155550142')).toHaveLength(1);
    expect(faxesTo('12125550142')).toHaveLength(1);

    const all = await sent(await h.outbox.createBroadcast({ pdfPath: pdf, recipients, skipCreditCheck: true, allowDuplicate: true }));
    expect(all.jobIds).toHaveLength(3);
    expect([faxesTo('12125550142'), faxesTo('14155550142'), faxesTo('12025550102')].map((f) => f.length)).toEqual([2, 2, 2]);
  });

  it('two broadcasts of one document started at once: one is queued, the other asks (the credit check awaits the network)', async () => {
    h = await harness();
    const pdf = await h.writePdf('memo.pdf', 1);
    const recipients = [{ number: '2125550142' }, { number: '4155550142' }];
    const [a, b] = await Promise.all([
      h.outbox.createBroadcast({ pdfPath: pdf, recipients }),
      h.outbox.createBroadcast({ pdfPath: pdf, recipients }),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const refused = a.ok ? b : a;
    expect(refused).toMatchObject({ ok: false, error: { kind: 'duplicate' } });
    expect(await h.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    expect([faxesTo('12125550142').length, faxesTo('14155550142').length]).toEqual([1, 1]);
  });

  it('words one finding in plain words: when (local time) and how it ended', () => {
    const now = new Date(2026, 11, 1, 15, 0).getTime();
    const at = new Date(2026, 11, 1, 10, 42).getTime();
    const d = { jobId: 1, faxNumber: '12125550142', number: '+1 212 555 0142', sentAt: at, detail: null };
    const time = new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    expect(duplicateMessage([{ ...d, outcome: 'in-progress' }], now)).toBe(
      `Openfax already accepted this document for +1 212 555 0142 today at ${time}; it is still in progress at Openfax.`,
    );
    expect(duplicateMessage([{ ...d, outcome: 'failed', detail: 'Line busy' }], now + 24 * HOUR)).toBe(
      `Openfax already accepted this document for +1 212 555 0142 yesterday at ${time}; it failed (Line busy).`,
    );
  });
});

describe('resend and the guard', () => {
  it('a resend meets the guard; a resend of many refuses them all or sends the others only', async () => {
    h = await harness();
    const pdf = await h.writePdf('memo.pdf', 1);
    const noAnswer = (await sent(await h.outbox.submit({ pdfPath: pdf, to: { number: '2025550102' } }))).jobIds[0] as number;
    // Refused for want of credit before Openfax accepted it: not a duplicate.
    h.sb.setCredit(h.sb.demoAccount.accountId, 0);
    const noCredit = (await sent(await h.outbox.submit({ pdfPath: pdf, to: { number: '4155550142' } }))).jobIds[0] as number;
    h.sb.setCredit(h.sb.demoAccount.accountId, 100);
    h.outbox.resume();
    expect(getJob(h.store.db, noAnswer)?.state).toBe('failed');
    expect(getJob(h.store.db, noCredit)).toMatchObject({ state: 'no-credit', outTransId: null });

    expect(await h.outbox.resend(noAnswer)).toMatchObject({ ok: false, error: { kind: 'duplicate', duplicates: [{ jobId: noAnswer }] } });
    const many = h.outbox.resendMany([noAnswer, noCredit]);
    expect(many).toMatchObject({ ok: false, error: { kind: 'duplicate', duplicates: [{ faxNumber: '12025550102' }] } });
    expect(jobCount()).toBe(2);

    const others = h.outbox.resendMany([noAnswer, noCredit], { skipDuplicates: true });
    if (!others.ok) throw new Error(others.error.message);
    expect(others.value.jobs.map((j) => j.faxNumber)).toEqual(['14155550142']);
    expect(others.value.skippedDuplicates.map((d) => d.jobId)).toEqual([noAnswer]);
    expect(await h.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    expect(faxesTo('12025550102')).toHaveLength(1);
    expect(faxesTo('14155550142')).toHaveLength(1);
  });

  it('a number that cannot work is never dialled again in one click: it needs a corrected one, checked first', async () => {
    h = await harness();
    const pdf = await h.writePdf('memo.pdf', 1);
    const bad = (await sent(await h.outbox.submit({ pdfPath: pdf, to: { number: '2025550104' } }))).jobIds[0] as number;
    const restricted = (await sent(await h.outbox.submit({ pdfPath: pdf, to: { number: '2025550105' } }))).jobIds[0] as number;
    expect(getJob(h.store.db, bad)).toMatchObject({ state: 'failed', lastStatus: 5 });
    expect(getJob(h.store.db, restricted)).toMatchObject({ state: 'rejected', error: { kind: 'restricted' } });

    expect(await h.outbox.resend(bad)).toMatchObject({
      ok: false,
      error: { kind: 'validation', field: 'number', message: /Not a valid telephone number/ },
    });
    expect(await h.outbox.resend(bad, { number: '212 555' })).toMatchObject({ ok: false, error: { kind: 'validation', field: 'number' } });
    expect(await h.outbox.resend(restricted)).toMatchObject({ ok: false, error: { field: 'number' } });
    expect(await h.outbox.resend(restricted, { number: '202 555 0105' })).toMatchObject({ ok: false, error: { field: 'number' } });
    expect(h.outbox.resendMany([bad, restricted])).toMatchObject({ ok: false, error: { field: 'number' } });
    expect(jobCount()).toBe(2);

    const fixed = await h.outbox.resend(bad, { number: '212 555 0142' });
    if (!fixed.ok) throw new Error(fixed.error.message);
    expect(fixed.value).toMatchObject({ resendOf: bad, faxNumber: '12125550142', state: 'queued' });
    expect(await h.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    expect(getJob(h.store.db, fixed.value.id)?.state).toBe('delivered');
    expect(faxesTo('12125550142')).toHaveLength(1);
    expect(faxesTo('12025550104')).toHaveLength(1);
    expect(faxesTo('12025550105')).toHaveLength(0);
  });

  it('counts a fax still waiting to retry its upload; a canceled one and a broadcast asked "the others only" go', async () => {
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    await new Promise((r) => srv.close(r));
    h = await startHarness({ timing: { retryBaseMs: 60_000, retryMaxMs: 60_000 } });
    const real = h.account.client;
    h.account.client = createOpenfaxClient({ ...h.sb.demoAccount, baseUrl: `http://127.0.0.1:${port}` });
    const pdf = await h.writePdf('memo.pdf', 1);
    const first = await h.outbox.submit({ pdfPath: pdf, to: { number: '2125550142' } });
    if (!first.ok) throw new Error(first.error.message);
    const id = first.value.jobIds[0] as number;
    await expect.poll(() => getJob(h?.store.db as Harness['store']['db'], id)).toMatchObject({ state: 'queued', submitTries: 1 });

    // A double print: refused, naming the fax still in the Outbox; a broadcast with another number sends that one only.
    const again = await h.outbox.submit({ pdfPath: pdf, to: { number: '2125550142' } });
    expect(again).toMatchObject({ ok: false, error: { kind: 'duplicate', duplicates: [{ jobId: id, outcome: 'not-sent' }] } });
    if (!again.ok) expect(again.error.message).toContain('is already in the Outbox, not sent yet (queued at');
    const others = await h.outbox.createBroadcast({
      pdfPath: pdf,
      recipients: [{ number: '2125550142' }, { number: '2125550143' }],
      skipDuplicates: true,
      skipCreditCheck: true,
    });
    expect(others).toMatchObject({ ok: true, value: { skippedDuplicates: [{ jobId: id }] } });

    // Canceled before it was sent: nothing waits any more, so the same send goes.
    expect(h.outbox.cancel(id)).toMatchObject({ ok: true });
    h.account.client = real;
    expect((await h.outbox.submit({ pdfPath: pdf, to: { number: '2125550142' } })).ok).toBe(true);
    expect(await h.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    expect(faxesTo('12125550142')).toHaveLength(1);
    expect(faxesTo('12125550143')).toHaveLength(1);
  });
});
