// The send of a merge with a fake converter: every ready row its own job of one broadcast, in
// order, a small first batch then larger ones; pause, resume and cancel; a row the converter
// fails on; a page count unlike the template's. The outbox's own rows are the judge.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getBroadcast } from '../../../electron/store/broadcasts-repo.ts';
import { getDocument } from '../../../electron/store/documents-repo.ts';
import { getJob, listJobs } from '../../../electron/store/jobs-repo.ts';
import { listMergeRows } from '../../../electron/store/merges-repo.ts';
import { pageTexts } from '../report/pdf-text.ts';
import { readFile } from 'node:fs/promises';
import { type MergeHarness, people, startMergeHarness } from './merge-harness.ts';

let h: MergeHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A gate the converter waits at: `open()` lets one item through at a time, `openAll()` all. */
function gate() {
  let waiting: Array<() => void> = [];
  let all = false;
  let arrived: (() => void) | undefined;
  return {
    wait: () =>
      all
        ? Promise.resolve()
        : new Promise<void>((r) => {
            waiting.push(r);
            arrived?.();
          }),
    /** Resolves once an item waits at the gate. */
    reached: () => (waiting.length ? Promise.resolve() : new Promise<void>((r) => (arrived = r))),
    open() {
      waiting.shift()?.();
    },
    openAll() {
      all = true;
      for (const w of waiting) w();
      waiting = [];
    },
  };
}

describe('the send', () => {
  it('queues every ready row as its own job of one broadcast, in order, in growing batches', async () => {
    h = await startMergeHarness();
    const id = await h.prepare(people(40));
    await h.merge.setLeftOut(id, [5], true);
    const started = await h.merge.start(id);
    expect(started.state).toBe('running');
    await h.merge.idle();
    const view = h.merge.get(id);
    expect(view?.state).toBe('done');
    expect(view?.progress).toMatchObject({ total: 39, rendered: 39, queued: 39, failed: 0, pageMismatch: 0, converter: 'libreoffice' });
    // A first batch of one, then larger ones of at most 16.
    expect(h.converters.batches[0]).toBe(1);
    expect(Math.max(...h.converters.batches)).toBeLessThanOrEqual(16);
    expect(h.converters.batches.reduce((a, b) => a + b, 0)).toBe(39);

    const broadcastId = view?.progress?.broadcastId as number;
    expect(getBroadcast(h.store.db, broadcastId)).toMatchObject({ recipients: 39, name: 'Notice' });
    const jobs = listJobs(h.store.db, { broadcastId, limit: 100 }).sort((a, b) => a.id - b.id);
    expect(jobs).toHaveLength(39);
    // In the rows' order, each to its own number, each with its own document.
    expect(jobs.map((j) => j.faxNumber)).toEqual(
      people(40)
        .filter((_, i) => i !== 5)
        .map((p) => `1${p.fax.replace(/\D/g, '')}`),
    );
    expect(new Set(jobs.map((j) => j.documentId)).size).toBe(39);
    expect(new Set(jobs.map((j) => j.contentKey)).size).toBe(39);
    const rows = listMergeRows(h.store.db, id);
    expect(rows[5]).toMatchObject({ state: 'skipped', planned: false, jobId: null });
    for (const r of rows.filter((x) => x.row !== 5))
      expect(getJob(h.store.db, r.jobId as number)?.faxNumber).toBe(`1${people(40)[r.row]?.fax.replace(/\D/g, '')}`);

    // Each spooled PDF says its own row's values and nothing of another's.
    for (const j of jobs.slice(0, 5)) {
      const row = rows.find((r) => r.jobId === j.id)?.row as number;
      const doc = getDocument(h.store.db, j.documentId);
      const text = (await pageTexts(new Uint8Array(await readFile(doc?.spoolPath as string)))).join('\n');
      expect(text).toContain(`Dr Person ${row}`);
      expect(text).toContain(`ACC-${1000 + row}`);
      const other = row === 0 ? 1 : row - 1;
      expect(text).not.toContain(`ACC-${1000 + other}`);
    }
    // The work folder is gone once everything is queued.
    expect(readdirSync(join(h.store.dataDir, 'merges', id))).not.toContain('work');
  });

  it('fails the row the converter fails on, flags a page count unlike the template’s, and carries on', async () => {
    h = await startMergeHarness({
      converter: { fails: (t) => t.includes('Dr Person 2\n'), pages: (t) => (t.includes('Dr Person 4\n') ? 3 : 1) },
    });
    const id = await h.prepare(people(6));
    await h.merge.start(id);
    await h.merge.idle();
    const view = h.merge.get(id);
    expect(view?.progress).toMatchObject({ total: 6, queued: 5, failed: 1, pageMismatch: 1 });
    const rows = h.merge.listRows(id, 'all', 0, 10).rows;
    expect(rows[2]).toMatchObject({ state: 'failed', error: { code: 'converter-timeout' } });
    expect(rows[2]?.jobId).toBeUndefined();
    expect(rows[4]).toMatchObject({ state: 'queued', pages: 3, error: { code: 'page-mismatch' } });
    expect(getJob(h.store.db, rows[4]?.jobId as number)?.pages).toBe(3);
  });

  it('puts each row’s own cover in front, its tags filled', async () => {
    h = await startMergeHarness();
    const id = await h.prepare(people(2));
    const v = h.merge.get(id);
    if (!v) throw new Error('no merge');
    await h.merge.update(id, {
      options: {
        ...v.options,
        cover: { enabled: true, to: '{{Name}}', from: 'The Clinic', subject: 'Account {{Account}}', message: 'Hello' },
      },
    });
    await h.merge.start(id);
    await h.merge.idle();
    const rows = listMergeRows(h.store.db, id);
    for (const r of rows) {
      const job = getJob(h.store.db, r.jobId as number);
      expect(job?.pages).toBe(2);
      expect(job?.cover).toMatchObject({ name: `Dr Person ${r.row}`, subject: `Account ACC-${1000 + r.row}`, from: 'The Clinic' });
      const doc = getDocument(h.store.db, job?.documentId as string);
      const [cover, body] = await pageTexts(new Uint8Array(await readFile(doc?.spoolPath as string)));
      expect(cover).toContain(`Dr Person ${r.row}`);
      expect(cover).toContain(`Account ACC-${1000 + r.row}`);
      expect(body).toContain(`ACC-${1000 + r.row}`);
    }
  });

  it('skips a row whose twin was queued meanwhile (the guard looks again as each row is queued), with why', async () => {
    const g = gate();
    h = await startMergeHarness({ converter: { gate: () => g.wait() } });
    const id = await h.prepare(people(4));
    await h.merge.start(id);
    await g.reached();
    // Another way in queues the very document row 2 is about to be (same key, same number).
    const row2 = listMergeRows(h.store.db, id)[2];
    const twin = await h.outbox.submit({
      pdfBytes: await (await import('./merge-harness.ts')).textPdf('twin', 1),
      contentHash: row2?.sent?.contentKey,
      to: { number: row2?.sent?.number as string },
    });
    expect(twin.ok).toBe(true);
    g.openAll();
    await h.merge.idle();
    const rows = listMergeRows(h.store.db, id);
    expect(rows.map((r) => r.state)).toEqual(['queued', 'queued', 'skipped', 'queued']);
    expect(rows[2]).toMatchObject({ jobId: null, error: { code: 'duplicate' } });
    expect(listJobs(h.store.db, { limit: 10 })).toHaveLength(4);
  });

  it('pauses after the batch in hand, resumes, and a cancel queues nothing more', async () => {
    const g = gate();
    h = await startMergeHarness({ converter: { gate: () => g.wait() } });
    const id = await h.prepare(people(30));
    await h.merge.start(id);
    await g.reached();
    // The first batch (one row) is in hand: the pause lets it finish and takes no more.
    const paused = await h.merge.pause(id);
    expect(paused.state).toBe('paused');
    g.openAll();
    await h.merge.idle();
    expect(h.merge.get(id)?.progress).toMatchObject({ queued: 1 });
    expect(listMergeRows(h.store.db, id).filter((r) => r.state === 'pending')).toHaveLength(29);

    await h.merge.resume(id);
    await h.merge.idle();
    expect(h.merge.get(id)).toMatchObject({ state: 'done', progress: { queued: 30 } });
    expect(listJobs(h.store.db, { limit: 100 })).toHaveLength(30);
  });

  it('a cancel stops the converter at once: pending rows are canceled, queued faxes stay', async () => {
    const g = gate();
    let seen = 0;
    h = await startMergeHarness({
      converter: {
        gate: async () => {
          seen++;
          if (seen > 3) await g.wait();
        },
      },
    });
    const id = await h.prepare(people(20));
    await h.merge.start(id);
    await g.reached();
    const canceled = await h.merge.cancel(id);
    expect(canceled.state).toBe('canceled');
    g.openAll();
    await h.merge.idle();
    const rows = listMergeRows(h.store.db, id);
    const queued = rows.filter((r) => r.state === 'queued');
    expect(queued).toHaveLength(3);
    expect(rows.filter((r) => r.state === 'canceled')).toHaveLength(17);
    expect(listJobs(h.store.db, { limit: 100 })).toHaveLength(3);
    expect(h.converters.aborted).toBeGreaterThan(0);
    // The broadcast counts the canceled rows: 3 waiting to send + 17 canceled = 20 recipients.
    const bid = h.merge.get(id)?.progress?.broadcastId as number;
    const { broadcastRows } = await import('../../../electron/outbox-view/outbox-query.ts');
    expect(broadcastRows(h.store.db, [bid])[0]?.counts).toMatchObject({ total: 20, waiting: 3, preparing: 0, canceled: 17 });
  });
});
