// A merge never sends a row twice and never loses one: each row's job and its `queued` commit
// in one transaction, a run stopped anywhere (an error inside that transaction, a process that
// stops answering before or after the commit, a quit) is taken up by the next owner, rows caught
// rendering are made again and queued rows never are. A live owner's merge is left alone.

import { afterEach, describe, expect, it } from 'vitest';
import type { MergeService } from '../../../electron/merge/types.ts';
import type { Outbox } from '../../../electron/outbox/types.ts';
import { all, run } from '../../../electron/store/sql.ts';
import { getMerge, listMergeRows } from '../../../electron/store/merges-repo.ts';
import { FAKE_INFO, fakeConverters, type MergeHarness, people, startMergeHarness } from './merge-harness.ts';

let h: MergeHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Every row of the send has exactly one job and every job of the broadcast exactly one row. */
function expectOnceEach(harness: MergeHarness, mergeId: string, rows: number): void {
  const merge = getMerge(harness.store.db, mergeId);
  const mergeRows = listMergeRows(harness.store.db, mergeId);
  const jobs = all<{ id: number; fax_number: string }>(harness.store.db, 'SELECT id, fax_number FROM jobs WHERE broadcast_id = ?', [
    merge?.broadcastId ?? -1,
  ]);
  expect(mergeRows.filter((r) => r.state === 'queued')).toHaveLength(rows);
  expect(jobs).toHaveLength(rows);
  expect(new Set(jobs.map((j) => j.fax_number)).size).toBe(rows);
  const byJob = new Map(mergeRows.map((r) => [r.jobId, r]));
  for (const j of jobs) expect(byJob.get(j.id)?.sent?.number).toBe(j.fax_number);
  // No job is left outside the broadcast either (a rolled-back one leaves nothing).
  expect(all(harness.store.db, 'SELECT id FROM jobs WHERE broadcast_id IS NOT ?', [merge?.broadcastId ?? -1])).toEqual([]);
}

/** The outbox, with `onQueue(row)` run for each personalised job inside its transaction, after the merge's hook. */
function withHook(
  outbox: Outbox,
  onQueue: (jobCount: number) => 'hang-before' | 'hang-after' | undefined,
): { outbox: Outbox; hung: Promise<void>; release: () => void } {
  let count = 0;
  let signalHung: () => void = () => undefined;
  const hung = new Promise<void>((r) => {
    signalHung = r;
  });
  let release: () => void = () => undefined;
  const stuck = new Promise<never>((_, reject) => {
    release = () => reject(new Error('released'));
  });
  stuck.catch(() => undefined);
  const wrapped: Outbox = {
    ...outbox,
    async queuePersonal(input) {
      count++;
      const n = count;
      const said: { what?: ReturnType<typeof onQueue> } = {};
      const r = await outbox.queuePersonal({
        ...input,
        inTransaction: (q) => {
          input.inTransaction?.(q);
          said.what = onQueue(n);
          // The process "dies" before its commit: everything in the transaction rolls back.
          if (said.what === 'hang-before') throw new Error('the process stopped before the commit');
        },
      });
      if (said.what) {
        signalHung();
        return stuck;
      }
      return r;
    },
  };
  return { outbox: wrapped, hung, release };
}

describe('crash safety', () => {
  it('an error inside the queue’s transaction leaves neither the job nor a queued row', async () => {
    h = await startMergeHarness();
    const hooked = withHook(h.outbox, (n) => {
      if (n === 3) throw new Error('the index broke');
    });
    const merge = await h.another({ outbox: hooked.outbox });
    const id = await (async () => {
      const v = await merge.openTemplate(
        'Notice.docx',
        await (await import('../../fixtures/merge-templates.ts')).mergeFieldTemplate({ simple: true }),
      );
      await merge.openData(v.id, { kind: 'bytes', fileName: 'd.csv', bytes: (await import('./merge-harness.ts')).csvOf(people(6)) });
      return v.id;
    })();
    await merge.start(id);
    await merge.idle();
    // Not the row's fault: it waits to be made again, and the merge holds saying why.
    let rows = listMergeRows(h.store.db, id);
    expect(rows[2]).toMatchObject({ state: 'pending', jobId: null });
    expect(merge.get(id)).toMatchObject({ state: 'paused' });
    expect(getMerge(h.store.db, id)?.run?.held).toMatchObject({ code: 'queue-error' });
    expect(getMerge(h.store.db, id)?.run?.held?.message).toContain('the index broke');
    expect(all(h.store.db, "SELECT id FROM jobs WHERE fax_number LIKE '%5552002'")).toEqual([]);
    expect(all(h.store.db, 'SELECT id FROM jobs')).toHaveLength(rows.filter((r) => r.state === 'queued').length);
    await merge.resume(id);
    await merge.idle();
    rows = listMergeRows(h.store.db, id);
    expect(rows.map((r) => r.state)).toEqual(['queued', 'queued', 'queued', 'queued', 'queued', 'queued']);
    const jobs = all<{ id: number }>(h.store.db, 'SELECT id FROM jobs');
    expect(jobs).toHaveLength(6);
    expect(new Set(rows.map((r) => r.jobId))).toEqual(new Set(jobs.map((j) => j.id)));
  });

  for (const when of ['hang-before', 'hang-after'] as const) {
    it(`a process that stops ${when === 'hang-before' ? 'before' : 'after'} a row’s commit: the next owner finishes, nothing doubled or lost`, async () => {
      h = await startMergeHarness();
      const hooked = withHook(h.outbox, (n) => (n === 4 ? when : undefined));
      const first = await h.another({ outbox: hooked.outbox, instanceId: 'first' });
      const v = await first.openTemplate(
        'Notice.docx',
        await (await import('../../fixtures/merge-templates.ts')).mergeFieldTemplate({ simple: true }),
      );
      await first.openData(v.id, { kind: 'bytes', fileName: 'd.csv', bytes: (await import('./merge-harness.ts')).csvOf(people(12)) });
      await first.start(v.id);
      await hooked.hung;
      // The first process is stuck mid-row; its heartbeat goes stale. On this computer a live pid
      // is never taken over, so it is made an owner on another computer (whose pid says nothing here).
      run(h.store.db, "UPDATE merges SET owner_host = 'another-computer' WHERE id = ?", [v.id]);
      const other = fakeConverters();
      const next = await h.another({
        instanceId: 'next',
        now: () => Date.now() + 60_000,
        parts: { findConverters: async () => [FAKE_INFO], createConverter: () => other.create() },
      });
      await next.idle();
      expect(other.created).toBe(1);
      expect(getMerge(h.store.db, v.id)?.state).toBe('done');
      expectOnceEach(h, v.id, 12);
      // The stuck one wakes up late: what it still holds was made by the other, and it changes nothing.
      hooked.release();
      await first.idle();
      expectOnceEach(h, v.id, 12);
    });
  }

  it('a quit mid-merge: the next start carries on where it stopped', async () => {
    let converted = 0;
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((r) => {
      stop = r;
    });
    h = await startMergeHarness({
      converter: {
        gate: async () => {
          if (++converted === 6) stop();
        },
      },
    });
    const id = await h.prepare(people(25));
    await h.merge.start(id);
    await stopped;
    await h.merge.dispose();
    const between = listMergeRows(h.store.db, id);
    expect(between.filter((r) => r.state === 'rendering')).toEqual([]);
    expect(getMerge(h.store.db, id)).toMatchObject({ state: 'running', owner: null });
    const queuedBefore = between.filter((r) => r.state === 'queued').length;
    expect(queuedBefore).toBeGreaterThan(0);
    expect(queuedBefore).toBeLessThan(25);
    const again: MergeService = await h.another({ instanceId: 'restart' });
    await again.idle();
    expect(again.get(id)?.state).toBe('done');
    expectOnceEach(h, id, 25);
  });

  it('leaves a merge whose owner is alive and fresh to it', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let reached: () => void = () => undefined;
    const atGate = new Promise<void>((r) => {
      reached = r;
    });
    h = await startMergeHarness({
      converter: {
        gate: async () => {
          reached();
          await held;
        },
      },
    });
    const id = await h.prepare(people(5));
    await h.merge.start(id);
    await atGate;
    const other = fakeConverters();
    const second = await h.another({
      instanceId: 'second',
      parts: { findConverters: async () => [FAKE_INFO], createConverter: () => other.create() },
    });
    await second.idle();
    expect(other.created).toBe(0);
    release();
    await h.merge.idle();
    expectOnceEach(h, id, 5);
  });
});
