import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOpenfaxClient } from '../../../electron/openfax/client.ts';
import { createOutbox } from '../../../electron/outbox/outbox.ts';
import type { OutboxEvents } from '../../../electron/outbox/types.ts';
import { getDocument } from '../../../electron/store/documents-repo.ts';
import { countJobsByState, getJob, listJobs } from '../../../electron/store/jobs-repo.ts';
import { setSetting } from '../../../electron/store/settings-repo.ts';
import { FAST_TIMING, type Harness, startHarness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function rows(table: string): number {
  if (!h) throw new Error('no harness');
  return (h.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('submitting', () => {
  it('spools the PDF under its document id and follows the job to delivered, with events', async () => {
    h = await startHarness();
    const seen: Array<[keyof OutboxEvents, unknown]> = [];
    for (const e of ['job-changed', 'credit-changed', 'poller-health', 'queue-state'] as const) {
      h.outbox.on(e, (p) => seen.push([e, e === 'job-changed' ? (p as { state: string }).state : p]));
    }
    const pdf = await h.writePdf('letter.pdf', 3);
    const r = await h.outbox.submit({
      pdfPath: pdf,
      to: { number: '(212) 555-0142', toHeader: 'Accounts' },
      options: { fromHeader: 'Acme' },
    });
    if (!r.ok) throw new Error(r.error.message);
    const doc = getDocument(h.store.db, r.value.documentId);
    expect(doc?.spoolPath).toBe(join(h.store.spoolDir, `${r.value.documentId}.pdf`));
    expect(readFileSync(doc?.spoolPath as string).equals(readFileSync(pdf))).toBe(true);
    expect(doc).toMatchObject({
      pages: 3,
      originalName: 'letter.pdf',
      sha256: createHash('sha256').update(readFileSync(pdf)).digest('hex'),
    });
    expect(await h.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    const job = getJob(h.store.db, r.value.jobIds[0]);
    expect(job).toMatchObject({
      state: 'delivered',
      faxNumber: '12125550142',
      numberRaw: '(212) 555-0142',
      toHeader: 'Accounts',
      fromHeader: 'Acme',
      attempts: 1,
      cost: 0.21,
      currentState: 8,
      lastStatus: 0,
      pagesSent: 3,
      submitTries: 1,
    });
    const fax = h.sb.faxes()[0];
    expect(fax).toMatchObject({
      outTransId: job?.outTransId,
      faxNumber: '12125550142',
      toHeader: 'Accounts',
      fromHeader: 'Acme',
      pages: 3,
    });
    const states = seen.filter(([e]) => e === 'job-changed').map(([, s]) => s);
    expect(states[0]).toBe('queued');
    expect(states).toContain('submitting');
    expect(states).toContain('submitted');
    expect(states.at(-1)).toBe('delivered');
    expect(seen.some(([e]) => e === 'credit-changed')).toBe(true);
    const health = seen.filter(([e]) => e === 'poller-health').map(([, p]) => (p as { state: string }).state);
    expect(health).toContain('ok');
    // The cycle that saw the result finishes (credit refresh), then the poller goes idle.
    await expect.poll(() => h?.outbox.pollerHealth().state, { timeout: 10_000 }).toBe('idle');
    expect(h.outbox.lastCredit()?.credit).toBeCloseTo(1000 - 0.21, 6);
  });

  it('sends Normal before Low', async () => {
    h = await startHarness({ start: false });
    setSetting(h.store.db, 'concurrency', 1);
    const pdf = await h.writePdf('p.pdf', 1);
    // One PDF to one number six times on purpose: each a confirmed duplicate.
    for (let i = 0; i < 3; i++)
      await h.outbox.submit({
        pdfPath: pdf,
        to: { number: '2125550142', toHeader: `L${i}` },
        options: { priority: 'Low' },
        allowDuplicate: true,
      });
    for (let i = 0; i < 3; i++)
      await h.outbox.submit({ pdfPath: pdf, to: { number: '2125550142', toHeader: `N${i}` }, allowDuplicate: true });
    await h.outbox.start();
    expect(await h.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    expect(h.sb.faxes().map((f) => f.toHeader)).toEqual(['N0', 'N1', 'N2', 'L0', 'L1', 'L2']);
    expect(h.sb.faxes().map((f) => f.priority)).toEqual(['Normal', 'Normal', 'Normal', 'Low', 'Low', 'Low']);
  });

  it('refuses a bad number or header before anything is spooled or queued', async () => {
    h = await startHarness();
    const pdf = await h.writePdf('p.pdf', 1);
    const bad = await h.outbox.submit({ pdfPath: pdf, to: { number: '555-CALL' } });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'validation', field: 'to' } });
    if (!bad.ok) expect(bad.error.message).toMatch(/letter/);
    const header = await h.outbox.submit({ pdfPath: pdf, to: { number: '2125550142' }, options: { fromHeader: 'Café Crème Brûlée' } });
    expect(header).toMatchObject({ ok: false, error: { kind: 'validation', field: 'fromHeader' } });
    const notPdf = await h.outbox.submit({ pdfPath: join(h.dir, 'missing.pdf'), to: { number: '2125550142' } });
    expect(notPdf).toMatchObject({ ok: false, error: { kind: 'file' } });
    expect(rows('jobs') + rows('documents')).toBe(0);
    expect(readdirSync(h.store.spoolDir)).toEqual([]);
  });

  it('keeps a broadcast going when one recipient is invalid, marking it rejected', async () => {
    h = await startHarness();
    const pdf = await h.writePdf('p.pdf', 1);
    const r = await h.outbox.createBroadcast({
      pdfPath: pdf,
      recipients: [{ number: '2125550142' }, { number: '12' }, { number: '3125550142' }],
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.rejected).toHaveLength(1);
    expect(r.value.rejected[0].reason).toMatch(/too short/);
    expect(await h.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    expect(countJobsByState(h.store.db)).toEqual({ delivered: 2, rejected: 1 });
    expect(h.sb.faxes()).toHaveLength(2);
  });

  it('checks the credit before a broadcast starts and queues nothing without it', async () => {
    h = await startHarness();
    h.sb.setCredit(h.sb.demoAccount.accountId, 0);
    const pdf = await h.writePdf('p.pdf', 1);
    const r = await h.outbox.createBroadcast({ pdfPath: pdf, recipients: [{ number: '2125550142' }, { number: '3125550142' }] });
    expect(r).toMatchObject({ ok: false, error: { kind: 'no-credit' } });
    expect(rows('jobs') + rows('documents') + rows('broadcasts')).toBe(0);
    expect(readdirSync(h.store.spoolDir)).toEqual([]);
    expect(h.requests.get('/faxSendSubmit.php') ?? 0).toBe(0);
  });
});

describe('cancel, resend, retry', () => {
  it('cancels a job not yet submitted and never sends it; refuses to cancel one already sent', async () => {
    h = await startHarness({ start: false });
    const pdf = await h.writePdf('p.pdf', 1);
    const a = await h.outbox.submit({ pdfPath: pdf, to: { number: '2125550142', toHeader: 'keep' } });
    const b = await h.outbox.submit({ pdfPath: pdf, to: { number: '2125550143', toHeader: 'drop' } });
    if (!a.ok || !b.ok) throw new Error('submit failed');
    expect(h.outbox.cancel(b.value.jobIds[0])).toMatchObject({ ok: true, value: { state: 'canceled' } });
    await h.outbox.start();
    expect(await h.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    expect(h.sb.faxes().map((f) => f.toHeader)).toEqual(['keep']);
    expect(h.outbox.cancel(a.value.jobIds[0])).toMatchObject({ ok: false, error: { kind: 'not-allowed' } });
    expect(h.outbox.cancel(99_999)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('resends a final job as a new job with the same document', async () => {
    h = await startHarness();
    const pdf = await h.writePdf('p.pdf', 2);
    // No answer (LastStatus 1): redialling may work, so the same number is kept.
    const r = await h.outbox.submit({ pdfPath: pdf, to: { number: '2025550102' } });
    if (!r.ok) throw new Error(r.error.message);
    expect(await h.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    const first = getJob(h.store.db, r.value.jobIds[0]);
    expect(first?.state).toBe('failed');
    // Openfax accepted it once already: the duplicate guard asks, and this test says yes.
    expect(await h.outbox.resend(first?.id as number)).toMatchObject({ ok: false, error: { kind: 'duplicate' } });
    const again = await h.outbox.resend(first?.id as number, { allowDuplicate: true });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value).toMatchObject({ resendOf: first?.id, documentId: first?.documentId, faxNumber: first?.faxNumber, state: 'queued' });
    expect(await h.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    const faxes = h.sb.faxes();
    expect(faxes).toHaveLength(2);
    expect(faxes[0].pdfSha256).toBe(faxes[1].pdfSha256);
    expect(await h.outbox.resend(again.value.id, { allowDuplicate: true })).toMatchObject({ ok: true });
  });

  it('retries only transient errors, with growing delays, then asks for attention', async () => {
    const port = await closedPort();
    h = await startHarness({ start: false });
    const unreachable = createOpenfaxClient({ ...h.sb.demoAccount, baseUrl: `http://127.0.0.1:${port}` });
    const outbox = createOutbox({
      db: h.store.db,
      dataDir: h.store.dataDir,
      // The same account with its line down: a job is sent only by the account it was queued in.
      getAccount: () => ({ accountId: h?.sb.demoAccount.accountId as string, endpoint: h?.sb.url as string, client: unreachable }),
      timing: { ...FAST_TIMING, retryBaseMs: 40, retryMaxMs: 1000, maxSubmitTries: 4 },
    });
    const tries: number[] = [];
    outbox.on('job-changed', (j) => {
      if (j.state === 'submitting') tries.push(Date.now());
    });
    const pdf = await h.writePdf('p.pdf', 1);
    const r = await outbox.submit({ pdfPath: pdf, to: { number: '2125550142' } });
    if (!r.ok) throw new Error(r.error.message);
    await outbox.start();
    expect(await outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    const job = getJob(h.store.db, r.value.jobIds[0]);
    expect(job).toMatchObject({ state: 'needs-attention', submitTries: 4, error: { kind: 'retries-exhausted', code: 'ECONNREFUSED' } });
    expect(tries).toHaveLength(4);
    const gaps = tries.slice(1).map((t, i) => t - tries[i]);
    // Equal-jitter backoff: each gap is at least half of 40, 80, 160 ms.
    for (const [i, g] of gaps.entries()) expect(g).toBeGreaterThanOrEqual(20 * 2 ** i - 5);
    // Retry puts it back in the queue; with the real server it goes through.
    await outbox.stop();
    expect(h.outbox.retry(job?.id as number)).toMatchObject({ ok: true, value: { state: 'queued', submitTries: 0 } });
    await h.outbox.start();
    expect(await h.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    expect(getJob(h.store.db, job?.id as number)?.state).toBe('delivered');
  });

  it('pauses the queue on an authentication failure and resumes with a corrected account', async () => {
    h = await startHarness({ apiKey: 'wrong-key', start: false });
    setSetting(h.store.db, 'concurrency', 1);
    const pdf = await h.writePdf('p.pdf', 1);
    for (let i = 0; i < 3; i++)
      await h.outbox.submit({ pdfPath: pdf, to: { number: '2125550142', toHeader: `A${i}` }, allowDuplicate: true });
    await h.outbox.start();
    // Paused with the refused upload ended: the kick that follows an upload, and every later
    // one, stops at the pause, so the count of uploads below is final.
    await vi.waitFor(() => expect(h?.outbox.queueState()).toMatchObject({ paused: { reason: 'auth' }, uploading: 0 }), {
      timeout: 10_000,
    });
    expect(countJobsByState(h.store.db)).toEqual({ 'auth-failed': 1, queued: 2 });
    expect(h.requests.get('/faxSendSubmit.php')).toBe(1);
    h.account.client = createOpenfaxClient({ ...h.sb.demoAccount, baseUrl: h.sb.url });
    expect(await h.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    expect(countJobsByState(h.store.db)).toEqual({ 'auth-failed': 1, delivered: 2 });
    expect(h.outbox.queueState().paused).toBeNull();
  });
});

describe('one engine per data folder', () => {
  it('lets one outbox send while another on the same folder queues and watches, then hands over', async () => {
    h = await startHarness();
    const { openStore } = await import('../../../electron/store/store.ts');
    const second = openStore(h.store.dataDir);
    const follower = createOutbox({
      db: second.db,
      dataDir: second.dataDir,
      getAccount: () => h?.account,
      timing: FAST_TIMING,
      instanceId: 'follower',
    });
    await follower.start();
    expect(h.outbox.queueState().leader).toBe(true);
    expect(follower.queueState().leader).toBe(false);
    const seen: string[] = [];
    follower.on('job-changed', (j) => seen.push(j.state));
    const pdf = await h.writePdf('p.pdf', 1);
    const r = await follower.submit({ pdfPath: pdf, to: { number: '2125550142' } });
    if (!r.ok) throw new Error(r.error.message);
    expect(await follower.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    await vi.waitFor(() => expect(seen).toContain('delivered'), { timeout: 10_000 });
    expect(h.sb.faxes()).toHaveLength(1);
    await h.outbox.stop();
    await expect.poll(() => follower.queueState().leader, { timeout: 10_000 }).toBe(true);
    const r2 = await follower.submit({ pdfPath: pdf, to: { number: '2125550143' } });
    if (!r2.ok) throw new Error(r2.error.message);
    expect(await follower.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    expect(h.sb.faxes()).toHaveLength(2);
    await follower.stop();
    second.close();
  });
});

describe('spool', () => {
  it('never deletes a PDF before its job is final, then sweeps it after the retention period', async () => {
    h = await startHarness({ speed: 1000, timing: { sweepEveryMs: 30 } });
    setSetting(h.store.db, 'spoolRetentionDays', 0);
    const pdf = await h.writePdf('p.pdf', 1);
    const { db } = h.store;
    // Looked at on every change of the job, not sampled: the file is there until it is final.
    const seen: Array<{ state: string; kept: boolean }> = [];
    h.outbox.on('job-changed', (j) => {
      seen.push({ state: j.state, kept: existsSync(getDocument(db, j.documentId)?.spoolPath ?? '') });
    });
    // Busy twice then delivered: in flight for a while.
    const r = await h.outbox.submit({ pdfPath: pdf, to: { number: '2025550101' } });
    if (!r.ok) throw new Error(r.error.message);
    const path = getDocument(h.store.db, r.value.documentId)?.spoolPath as string;
    await vi.waitFor(() => expect(seen.map((s) => s.state)).toContain('delivered'), { timeout: 10_000 });
    const untilFinal = seen.slice(0, seen.findIndex((s) => s.state === 'delivered') + 1);
    expect(untilFinal.map((s) => s.state)).toEqual(expect.arrayContaining(['queued', 'submitting', 'submitted', 'delivered']));
    expect(untilFinal.filter((s) => !s.kept)).toEqual([]);
    await expect.poll(() => existsSync(path), { timeout: 10_000 }).toBe(false);
    expect(getDocument(h.store.db, r.value.documentId)?.deletedAt).not.toBeNull();
    const again = await h.outbox.resend(r.value.jobIds[0]);
    expect(again).toMatchObject({ ok: false, error: { kind: 'file' } });
    if (!again.ok) expect(again.error.message).toMatch(/no longer kept/);
  });

  it('holds a job whose spool file was deleted behind its back, and sends the others', async () => {
    h = await startHarness({ start: false });
    const a = await h.outbox.submit({ pdfPath: await h.writePdf('a.pdf', 1), to: { number: '2125550142', toHeader: 'a' } });
    const b = await h.outbox.submit({ pdfPath: await h.writePdf('b.pdf', 1), to: { number: '2125550143', toHeader: 'b' } });
    if (!a.ok || !b.ok) throw new Error('submit failed');
    const gone = getDocument(h.store.db, a.value.documentId)?.spoolPath as string;
    rmSync(gone);
    await h.outbox.start();
    expect(await h.outbox.whenIdle({ timeoutMs: 10_000 })).toBe(true);
    const held = getJob(h.store.db, a.value.jobIds[0]);
    expect(held).toMatchObject({ state: 'needs-attention', error: { kind: 'spool-missing' } });
    expect(held?.error?.message).toContain(gone);
    expect(getJob(h.store.db, b.value.jobIds[0])?.state).toBe('delivered');
    expect(h.sb.faxes().map((f) => f.toHeader)).toEqual(['b']);
  });

  it('reports a full disk while spooling clearly and leaves nothing behind', async () => {
    const fsp = await import('node:fs/promises');
    const fullDisk: typeof fsp.open = (async (path: Parameters<typeof fsp.open>[0], flags?: Parameters<typeof fsp.open>[1]) => {
      const handle = await fsp.open(path, flags);
      if (!String(path).endsWith('.part')) return handle;
      let written = 0;
      return new Proxy(handle, {
        get(target, prop) {
          if (prop === 'write') {
            return async (buf: Uint8Array, off = 0, len = buf.byteLength - off) => {
              if (written > 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
              const r = await target.write(buf, off, Math.min(len, 100));
              written += r.bytesWritten;
              return r;
            };
          }
          const v = Reflect.get(target, prop);
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
    }) as typeof fsp.open;
    h = await startHarness({
      deps: { fs: { open: fullDisk, rename: fsp.rename, unlink: fsp.unlink, stat: fsp.stat, readdir: fsp.readdir, mkdir: fsp.mkdir } },
    });
    const ok = await h.outbox.submit({ pdfPath: await h.writePdf('first.pdf', 1), to: { number: '2125550142' } });
    expect(ok.ok).toBe(false);
    if (ok.ok) return;
    expect(ok.error.kind).toBe('spool');
    expect(ok.error.message).toMatch(/disk is full/);
    expect(ok.error.message).toContain(h.store.spoolDir);
    expect(ok.error.action).toMatch(/Free some disk space/);
    expect(readdirSync(h.store.spoolDir)).toEqual([]);
    expect(rows('documents') + rows('jobs')).toBe(0);
    expect(listJobs(h.store.db)).toEqual([]);
  });
});

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}
