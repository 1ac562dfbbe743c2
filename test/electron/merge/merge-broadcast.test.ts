// A merge in the Outbox and at its edges: one broadcast row that counts the rows still being
// made (the groups still add up to the recipients), "Resend failed" sending each recipient's
// own document, the duplicate guard per personalised document, the credit check made once for
// the whole merge, the account it was started in, the outbox it stays a little ahead of, and
// mergeChanged coalesced while it runs.

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MergeView } from '../../../shared/ipc/contract/merge.ts';
import { broadcastRows } from '../../../electron/outbox-view/outbox-query.ts';
import type { Outbox } from '../../../electron/outbox/types.ts';
import { getJob, listJobs, updateJob } from '../../../electron/store/jobs-repo.ts';
import { getMerge, listMergeRows } from '../../../electron/store/merges-repo.ts';
import { all } from '../../../electron/store/sql.ts';
import { mergeFieldTemplate } from '../../fixtures/merge-templates.ts';
import { csvOf, type MergeHarness, people, startMergeHarness } from './merge-harness.ts';

let h: MergeHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

let template: Uint8Array | undefined;

/** A merge of the same template (the same bytes each time) to `n` people. */
async function prepareWith(merge: MergeHarness['merge'], n: number, from = 0): Promise<string> {
  template ??= await mergeFieldTemplate({ simple: true });
  const v = await merge.openTemplate('Notice.docx', template);
  await merge.openData(v.id, { kind: 'bytes', fileName: 'd.csv', bytes: csvOf(people(n, from)) });
  return v.id;
}

describe('a merge in the Outbox', () => {
  it('is one broadcast row whose rows being made count as waiting, and the groups add up', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let converted = 0;
    let third: () => void = () => undefined;
    const atThird = new Promise<void>((r) => {
      third = r;
    });
    h = await startMergeHarness({
      converter: {
        gate: async () => {
          if (++converted === 3) {
            third();
            await held;
          }
        },
      },
    });
    const id = await h.prepare(people(10));
    await h.merge.setLeftOut(id, [9], true);
    await h.merge.start(id);
    await atThird;
    const bid = getMerge(h.store.db, id)?.broadcastId as number;
    const [row] = broadcastRows(h.store.db, [bid]);
    const c = row?.counts;
    expect(c).toMatchObject({ total: 9, waiting: 9, preparing: 7, sent: 0 });
    expect((c?.refused ?? 0) + (c?.waiting ?? 0) + (c?.needsAttention ?? 0) + (c?.canceled ?? 0) + (c?.sent ?? 0)).toBe(c?.total);
    expect(row?.status.detail).toBe('9 recipients: 7 being prepared · 2 waiting to send');
    release();
    await h.merge.idle();
    expect(broadcastRows(h.store.db, [bid])[0]?.counts).toMatchObject({ total: 9, waiting: 9, preparing: 0 });
  });

  it('counts a row whose document could not be made as refused, with nothing to resend for it', async () => {
    h = await startMergeHarness({ converter: { fails: (t) => t.includes('Dr Person 1\n') } });
    const id = await h.prepare(people(3));
    await h.merge.start(id);
    await h.merge.idle();
    const [row] = broadcastRows(h.store.db, [getMerge(h.store.db, id)?.broadcastId as number]);
    expect(row?.counts).toMatchObject({ total: 3, refused: 1, waiting: 2 });
    expect(row?.resendable).toBe(0);
    expect(row?.canResendFailed).toBe(false);
  });

  it('“Resend failed” sends each failed recipient’s own document again', async () => {
    h = await startMergeHarness();
    const id = await h.prepare(people(5));
    await h.merge.start(id);
    await h.merge.idle();
    const jobs = listJobs(h.store.db, { broadcastId: getMerge(h.store.db, id)?.broadcastId as number, limit: 10 });
    const failed = jobs.slice(0, 3);
    for (const j of failed) updateJob(h.store.db, j.id, { state: 'failed', finalAt: Date.now() });
    const r = h.outbox.resendMany(failed.map((j) => j.id));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.jobs).toHaveLength(3);
    for (const again of r.value.jobs) {
      const original = getJob(h.store.db, again.resendOf as number);
      expect(again.documentId).toBe(original?.documentId);
      expect(again.faxNumber).toBe(original?.faxNumber);
      expect(again.contentKey).toBe(original?.contentKey);
    }
    expect(new Set(r.value.jobs.map((j) => j.documentId)).size).toBe(3);
  });
});

describe('the guards at start', () => {
  it('refuses to send the same template and row to the same number again, naming the rows; allowed when said', async () => {
    h = await startMergeHarness();
    const first = await prepareWith(h.merge, 4);
    await h.merge.start(first);
    await h.merge.idle();
    await h.merge.discard(first);

    const second = await prepareWith(h.merge, 6);
    const refused = await h.merge.start(second).catch((e: Error & { code: string }) => e);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as { code: string }).code).toBe('duplicate');
    expect((refused as Error).message).toMatch(/^Rows 2, 3, 4, 5 have already been sent this same document/); // their lines in the CSV (the header is 1)
    expect(getMerge(h.store.db, second)?.state).toBe('draft');
    expect(all(h.store.db, 'SELECT id FROM jobs')).toHaveLength(4);

    // A changed value is another document: not a duplicate.
    await h.merge.fixRow(second, 0, { Account: 'ACC-NEW' });
    await h.merge.setLeftOut(second, [1, 2, 3], true);
    await h.merge.start(second);
    await h.merge.idle();
    expect(all(h.store.db, 'SELECT id FROM jobs')).toHaveLength(7);

    const third = await prepareWith(h.merge, 2);
    await h.merge.start(third, { allowDuplicate: true });
    await h.merge.idle();
    expect(all(h.store.db, 'SELECT id FROM jobs')).toHaveLength(9);
  });

  it('checks the credit once for the whole merge, and sends nothing when it is short', async () => {
    h = await startMergeHarness();
    const asked: (number | null)[] = [];
    const poor: Outbox = {
      ...h.outbox,
      async checkCredit(pages) {
        asked.push(pages);
        return {
          ok: false,
          error: { kind: 'no-credit', message: `This broadcast of ${pages} page(s) needs more credit.`, action: 'Add credit.' },
        };
      },
    };
    const merge = await h.another({ outbox: poor });
    const id = await prepareWith(merge, 7);
    await expect(merge.start(id)).rejects.toMatchObject({ code: 'no-credit', message: expect.stringContaining('7 page(s)') });
    expect(asked).toEqual([7]);
    expect(getMerge(h.store.db, id)?.state).toBe('draft');
    expect(listMergeRows(h.store.db, id).every((r) => r.state === null)).toBe(true);
  });

  it('pauses by itself when the account in use changes, and resumes once it is back', async () => {
    // The outbox's own account (the key its jobs are stamped with), switched as Settings would.
    const client = { getCredit: async () => ({ ok: true, value: 1000 }) } as never;
    const one = { accountId: 'one', endpoint: 'https://sandbox.example', client };
    let account = one;
    h = await startMergeHarness({ outbox: { getAccount: () => account } });
    const m2 = await h.another({ instanceId: 'acct' });
    const id = await prepareWith(m2, 6);
    await m2.start(id);
    account = { accountId: 'other', endpoint: 'https://live.example', client };
    await m2.idle();
    const held = m2.get(id) as MergeView;
    expect(held.state).toBe('paused');
    expect(held.blockers.map((b) => b.code)).toEqual(['account-changed']);
    await expect(m2.resume(id)).rejects.toMatchObject({ code: 'account-changed' });
    account = one;
    await m2.resume(id);
    await m2.idle();
    expect(m2.get(id)?.state).toBe('done');
    const keys = all<{ account_key: string }>(h.store.db, 'SELECT account_key FROM jobs');
    expect(keys).toHaveLength(6);
    expect(new Set(keys.map((k) => k.account_key)).size).toBe(1);
  });

  it('stays at most a couple of batches ahead of an outbox that is sending', async () => {
    h = await startMergeHarness();
    let looks = 0;
    const sending: Outbox = {
      ...h.outbox,
      queueState: () => {
        looks++;
        return { leader: true, running: true, paused: null, noAccount: false, uploading: 0, queued: 0 };
      },
    };
    const merge = await h.another({
      outbox: sending,
      instanceId: 'ahead',
      timing: { firstBatch: 1, batch: 2, aheadBatches: 2, recheckMs: 20 },
    });
    const id = await prepareWith(merge, 12);
    await merge.start(id);
    const queuedNow = () => all<{ id: number }>(h!.store.db, "SELECT id FROM jobs WHERE state = 'queued'");
    // Nothing uploads: batches of 1, 2 and 2 are made, then 5 wait (4 or more: two batches of 2) and it holds.
    await vi.waitFor(() => expect(queuedNow()).toHaveLength(5), { timeout: 5_000 });
    const at = looks;
    await vi.waitFor(() => expect(looks).toBeGreaterThan(at + 5), { timeout: 5_000 });
    expect(queuedNow()).toHaveLength(5);
    expect(listMergeRows(h.store.db, id).filter((r) => r.state === 'pending')).toHaveLength(7);
    // The outbox takes them: it goes on, and finishes.
    const take = setInterval(() => {
      for (const j of queuedNow()) updateJob(h!.store.db, j.id, { state: 'submitted' });
    }, 10);
    await merge.idle();
    clearInterval(take);
    expect(merge.get(id)?.progress).toMatchObject({ queued: 12 });
  });
});

describe('what it says while it runs', () => {
  it('coalesces mergeChanged, and the last one says how it ended', async () => {
    h = await startMergeHarness();
    const seen: MergeView[] = [];
    const merge = await h.another({
      instanceId: 'events',
      emit: (name, payload) => {
        if (name === 'mergeChanged') seen.push(payload as MergeView);
      },
      timing: { coalesceMs: 250 },
    });
    const id = await prepareWith(merge, 30);
    const before = seen.length;
    await merge.start(id);
    await merge.idle();
    await vi.waitFor(() => expect(seen.at(-1)?.state).toBe('done'), { timeout: 2_000 });
    // Every row announces several changes; far fewer reached the renderer.
    expect(seen.length - before).toBeLessThan(30);
    expect(seen.at(-1)?.progress).toMatchObject({ total: 30, queued: 30 });
  });
});
