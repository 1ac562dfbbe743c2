// The merge as the screen shows it once it runs and after: rows the duplicate guard refuses on
// the way are counted and listed (never dropped), a paused merge stays the one shown and no
// second merge starts beside it, and an ended merge forgets its rows' personal data once
// another is prepared, keeping what its broadcast still counts. Judged by SQLite's own rows.
import { afterEach, describe, expect, it } from 'vitest';
import { listJobs } from '../../../electron/store/jobs-repo.ts';
import { get, all } from '../../../electron/store/sql.ts';
import { mergeFieldTemplate } from '../../fixtures/merge-templates.ts';
import { type MergeHarness, people, startMergeHarness } from './merge-harness.ts';

let h: MergeHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A gate the converter waits at; `openAll()` lets everything through. */
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
    reached: () => (waiting.length ? Promise.resolve() : new Promise<void>((r) => (arrived = r))),
    openAll() {
      all = true;
      for (const w of waiting) w();
      waiting = [];
    },
  };
}

describe('rows that did not go', () => {
  it('a row the guard refuses during the run is counted, worded and listed under Not sent', async () => {
    h = await startMergeHarness();
    const rows = people(4);
    rows[3] = { ...rows[1]! }; // the same doctor twice: the second fax of one document to one number
    const id = await h.prepare(rows);
    await h.merge.start(id);
    await h.merge.idle();
    const view = h.merge.get(id)!;
    expect(view.state).toBe('done');
    expect(view.progress).toMatchObject({ total: 4, queued: 3, failed: 0, skipped: 1, canceled: 0 });
    expect(view.progress?.notSent).toEqual([{ code: 'duplicate', message: expect.any(String), rows: 1 }]);
    expect(listJobs(h.store.db, { limit: 10 })).toHaveLength(3);

    const notSent = h.merge.listRows(id, 'not-sent', 0, 100);
    expect(notSent.total).toBe(1);
    expect(notSent.rows).toMatchObject([{ row: 3, state: 'skipped', error: { code: 'duplicate' } }]);
    expect(h.merge.listRows(id, 'all', 0, 100).total).toBe(4);
  });

  it('rows canceled with the merge are counted and listed too; a draft has none', async () => {
    const g = gate();
    h = await startMergeHarness({ converter: { gate: () => g.wait() } });
    const id = await h.prepare(people(5));
    expect(h.merge.listRows(id, 'not-sent', 0, 100)).toEqual({ rows: [], total: 0 });
    await h.merge.start(id);
    await g.reached();
    await h.merge.cancel(id);
    g.openAll();
    await h.merge.idle();
    const view = h.merge.get(id)!;
    const p = view.progress!;
    expect(p.canceled).toBeGreaterThanOrEqual(4);
    expect(p.queued + p.failed + p.skipped + p.canceled).toBe(5);
    expect(view.progress?.notSent).toContainEqual({ code: 'canceled', message: 'canceled', rows: p.canceled });
    expect(h.merge.listRows(id, 'not-sent', 0, 100).total).toBe(p.failed + p.skipped + p.canceled);
  });
});

describe('one merge at a time', () => {
  it('a paused merge stays the one shown, and opening another template is refused with its words', async () => {
    const g = gate();
    h = await startMergeHarness({ converter: { gate: () => g.wait() } });
    const id = await h.prepare(people(6));
    await h.merge.start(id);
    await g.reached();
    await h.merge.pause(id);
    g.openAll();
    await h.merge.idle();
    expect(h.merge.current()).toMatchObject({ id, state: 'paused' });

    const before = all(h.store.db, 'SELECT id FROM merges');
    await expect(h.merge.openTemplate('Other.docx', await mergeFieldTemplate({ simple: true }))).rejects.toMatchObject({
      code: 'merge-in-progress',
      message: 'A merge is paused (Notice.docx, 1 of 6 made): resume or cancel it first.',
    });
    expect(all(h.store.db, 'SELECT id FROM merges')).toEqual(before);
    expect(h.merge.current()).toMatchObject({ id, state: 'paused' });

    // Canceled, it no longer stands in the way.
    await h.merge.cancel(id);
    const next = await h.merge.openTemplate('Other.docx', await mergeFieldTemplate({ simple: true }));
    expect(next.id).not.toBe(id);
    expect(h.merge.current()?.id).toBe(next.id);
  });
});

describe('an ended merge', () => {
  it('forgets its rows’ cells once another is prepared; states, numbers and jobs stay', async () => {
    h = await startMergeHarness();
    const id = await h.prepare(people(3));
    await h.merge.start(id);
    await h.merge.idle();
    expect(h.merge.get(id)?.state).toBe('done');
    const personal = () =>
      all<{ cells: string; sent: string | null }>(h!.store.db, 'SELECT cells, sent FROM merge_rows WHERE merge_id = ? ORDER BY row', [id]);
    expect(personal().some((r) => r.cells.includes('Dr Person'))).toBe(true);
    const jobsBefore = all(h.store.db, 'SELECT row, state, job_id FROM merge_rows WHERE merge_id = ? ORDER BY row', [id]);

    await h.merge.openTemplate('Next.docx', await mergeFieldTemplate({ simple: true }));
    expect(get<{ closed_at: number | null }>(h.store.db, 'SELECT closed_at FROM merges WHERE id = ?', [id])?.closed_at).not.toBeNull();
    const after = personal();
    for (const r of after) {
      expect(r.cells).toBe('[]');
      expect(r.sent).not.toMatch(/Dr Person|Patient|ACC-/);
    }
    expect(after.map((r) => JSON.parse(r.sent ?? '{}').number)).toEqual(['12125552000', '12125552001', '12125552002']);
    expect(all(h.store.db, 'SELECT row, state, job_id FROM merge_rows WHERE merge_id = ? ORDER BY row', [id])).toEqual(jobsBefore);
    expect(h.merge.get(id)).toBeNull();
  });
});
