// A fax queued in one account is sent only by that account: the key is stamped when it is
// queued, not when it uploads. Two simulators stand for the sandbox and the live service; the
// judge is each one's own record of what arrived.

import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_SANDBOX_ENDPOINT, type JobSide } from '../../../shared/outbox-filters.ts';
import { createOpenfaxClient } from '../../../electron/openfax/client.ts';
import { toJobRow } from '../../../electron/outbox-view/job-rows.ts';
import { listOutboxPage } from '../../../electron/outbox-view/outbox-query.ts';
import type { OutboxAccount } from '../../../electron/outbox/types.ts';
import { type Sandbox, startSandbox } from '../../../electron/sandbox/index.ts';
import { getJobView } from '../../../electron/store/jobs-repo.ts';
import { type Harness, startHarness } from './harness.ts';

// The outbox uploads in real time: on a loaded machine that can take longer than expect.poll's 1 s.
const UPLOADED = { timeout: 15_000 };

let h: Harness | undefined;
let live: Sandbox | undefined;
afterEach(async () => {
  await h?.close();
  await live?.close();
  h = undefined;
  live = undefined;
});

/** The person's choice: which side, and whether that side has an account. */
interface Switch {
  side: JobSide;
  liveSetUp: boolean;
}

async function twoAccounts(sw: Switch) {
  live = await startSandbox({ speed: 2000 });
  const liveAccount: OutboxAccount = {
    accountId: live.demoAccount.accountId,
    endpoint: live.url,
    client: createOpenfaxClient({ ...live.demoAccount, baseUrl: live.url }),
  };
  let sandboxAccount: OutboxAccount | undefined;
  h = await startHarness({
    start: false,
    deps: {
      getAccount: () => (sw.side === 'sandbox' ? sandboxAccount : sw.liveSetUp ? liveAccount : undefined),
      getSide: () => sw.side,
    },
  });
  sandboxAccount = { accountId: h.sb.demoAccount.accountId, endpoint: LOCAL_SANDBOX_ENDPOINT, client: h.client };
  await h.outbox.start();
  return { sandbox: h.sb, live };
}

async function send(name: string, number: string, toHeader: string): Promise<number> {
  if (!h) throw new Error('no harness');
  const r = await h.outbox.submit({ pdfPath: await h.writePdf(name, 1), to: { number, toHeader } });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.jobIds[0] as number;
}

function row(id: number) {
  if (!h) throw new Error('no harness');
  const job = getJobView(h.store.db, id);
  if (!job) throw new Error(`no job ${id}`);
  return toJobRow(job, null, h.outbox.accountInUse() ?? undefined);
}

describe('the account a fax was queued in sends it', () => {
  it('a fax queued in the sandbox waits while live is in use, says so, and goes to the sandbox once switched back', async () => {
    const sw: Switch = { side: 'sandbox', liveSetUp: true };
    const { sandbox, live } = await twoAccounts(sw);
    await h?.outbox.stop();
    const queued = await send('sandbox-memo.pdf', '2125550142', 'in sandbox');
    sw.side = 'live';
    await h?.outbox.start();
    await send('live-memo.pdf', '2125550143', 'live');
    await expect.poll(() => live.faxes().map((f) => f.toHeader), UPLOADED).toEqual(['live']);
    expect(sandbox.faxes()).toEqual([]);
    expect(row(queued)).toMatchObject({
      state: 'queued',
      side: 'sandbox',
      status: {
        label: 'Waiting for the sandbox',
        detail: 'Waiting for the sandbox: it was queued there. Switch back to send it, or cancel it.',
      },
    });
    // The side filter shows it with the sandbox's history, not with the live account's.
    const db = h?.store.db as Harness['store']['db'];
    const ids = (view: 'sandbox' | 'live') =>
      listOutboxPage(db, { filter: 'all', search: '', limit: 50, scope: { view, mode: 'live' } }).rows.map((r) => r.id);
    expect(ids('sandbox')).toContain(queued);
    expect(ids('live')).not.toContain(queued);

    sw.side = 'sandbox';
    h?.outbox.resume();
    await expect.poll(() => sandbox.faxes().map((f) => f.toHeader), UPLOADED).toEqual(['in sandbox']);
    expect(live.faxes().map((f) => f.toHeader)).toEqual(['live']);
  });

  it('a fax queued live is not sent by the sandbox', async () => {
    const sw: Switch = { side: 'live', liveSetUp: true };
    const { sandbox, live } = await twoAccounts(sw);
    await h?.outbox.stop();
    const queued = await send('live-memo.pdf', '2125550142', 'live');
    sw.side = 'sandbox';
    await h?.outbox.start();
    await send('sandbox-memo.pdf', '2125550143', 'in sandbox');
    await expect.poll(() => sandbox.faxes().map((f) => f.toHeader), UPLOADED).toEqual(['in sandbox']);
    expect(live.faxes()).toEqual([]);
    expect(row(queued).status).toMatchObject({ label: 'Waiting for the live account' });
    sw.side = 'live';
    h?.outbox.resume();
    await expect.poll(() => live.faxes().map((f) => f.toHeader), UPLOADED).toEqual(['live']);
  });

  it('with no live account set up, a fax queued live waits with the reason and is not sent by the sandbox', async () => {
    const sw: Switch = { side: 'live', liveSetUp: false };
    const { sandbox, live } = await twoAccounts(sw);
    const queued = await send('live-memo.pdf', '2125550142', 'live');
    expect(row(queued)).toMatchObject({
      state: 'queued',
      side: 'live',
      status: { label: 'Waiting for a live account' },
    });
    expect(row(queued).status.detail).toContain('Settings → Account');
    sw.side = 'sandbox';
    h?.outbox.resume();
    await send('sandbox-memo.pdf', '2125550143', 'in sandbox');
    await expect.poll(() => sandbox.faxes().map((f) => f.toHeader), UPLOADED).toEqual(['in sandbox']);
    expect(row(queued).status).toMatchObject({ label: 'Waiting for the live account' });
    // The live account is set up and chosen: the fax goes there, once.
    sw.side = 'live';
    sw.liveSetUp = true;
    h?.outbox.resume();
    await expect.poll(() => live.faxes().map((f) => f.toHeader), UPLOADED).toEqual(['live']);
    expect(sandbox.faxes().map((f) => f.toHeader)).toEqual(['in sandbox']);
  });

  it('a resend is sent by the account in use, whichever sent the original', async () => {
    const sw: Switch = { side: 'sandbox', liveSetUp: true };
    const { sandbox, live } = await twoAccounts(sw);
    const first = await send('memo.pdf', '2125550142', 'first');
    await expect.poll(() => getJobView(h?.store.db as Harness['store']['db'], first)?.state, UPLOADED).toBe('delivered');
    sw.side = 'live';
    h?.outbox.resume();
    const r = await h?.outbox.resend(first);
    if (!r?.ok) throw new Error(r?.error.message);
    expect(r.value.accountKey).toBe(h?.outbox.accountInUse());
    await expect.poll(() => live.faxes().map((f) => f.toHeader), UPLOADED).toEqual(['first']);
    expect(sandbox.faxes().map((f) => f.toHeader)).toEqual(['first']);
  });
});
