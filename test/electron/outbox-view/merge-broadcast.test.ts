// A mail merge's broadcast as the Outbox shows it: named after its template, not after one
// recipient's document; a paused merge says it is paused (and why), not "In progress"; no
// "Resend the failed recipients" when none of them has a fax to send again. Over a real merge
// (the merge engine's harness: real store, real outbox, a fake converter).
import { afterEach, describe, expect, it } from 'vitest';
import { broadcastLabel, broadcastRows } from '../../../electron/outbox-view/outbox-query.ts';
import { startResultNotifier } from '../../../electron/outbox-view/result-notifier.ts';
import { broadcastProgress } from '../../../electron/store/broadcasts-repo.ts';
import { getJobViews, type JobView, listJobs } from '../../../electron/store/jobs-repo.ts';
import { run } from '../../../electron/store/sql.ts';
import { type MergeHarness, people, startMergeHarness } from '../merge/merge-harness.ts';

let h: MergeHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

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

describe('a merge’s broadcast in the Outbox', () => {
  it('is named after the template, and a paused merge says so instead of "In progress"', async () => {
    const g = gate();
    h = await startMergeHarness({ converter: { gate: () => g.wait() } });
    const id = await h.prepare(people(6));
    await h.merge.start(id);
    await g.reached();
    await h.merge.pause(id);
    g.openAll();
    await h.merge.idle();
    const broadcastId = h.merge.get(id)?.progress?.broadcastId;
    expect(broadcastId).toBeDefined();
    const [row] = broadcastRows(h.store.db, [broadcastId!]);
    expect(row?.name).toBe('Notice.docx · mail merge');
    expect(row?.documentName).toBe('Notice.docx · mail merge');
    expect(row?.documentName).not.toMatch(/Dr Person/);
    expect(row?.status).toMatchObject({
      tone: 'waiting',
      label: 'Merge paused',
      action: 'Resume it on the Merge screen to make the rest.',
    });
    expect(row?.status.detail).toContain('The mail merge was paused.');
    expect(row?.status.detail).toContain('5 being prepared');
    expect(broadcastLabel(h.store.db, broadcastId!)).toBe('Notice.docx · mail merge');

    // Held by itself (the account changed): the reason and its fix are what the row says.
    const rec = h.merge.get(id)!;
    run(h.store.db, 'UPDATE merges SET run = json_set(run, ?, json(?)) WHERE id = ?', [
      '$.held',
      JSON.stringify({ code: 'account-changed', message: 'The account in use changed.', action: 'Switch back to resume.' }),
      rec.id,
    ]);
    const [held] = broadcastRows(h.store.db, [broadcastId!]);
    expect(held?.status).toMatchObject({ label: 'Merge held', action: 'Switch back to resume.' });
    expect(held?.status.detail).toContain('The account in use changed.');

    // Resumed, it is working again.
    await h.merge.resume(id);
    await h.merge.idle();
    const [done] = broadcastRows(h.store.db, [broadcastId!]);
    expect(done?.status.label).toBe('In progress');
    expect(done?.counts.preparing).toBe(0);
  });

  it('offers no resend when the failed recipients never had a fax made', async () => {
    h = await startMergeHarness({ converter: { fails: (text) => /Person 1\b/.test(text) } });
    const id = await h.prepare(people(3));
    await h.merge.start(id);
    await h.merge.idle();
    const broadcastId = h.merge.get(id)!.progress!.broadcastId!;
    // The two made are delivered; the one not made is refused at our end.
    run(h.store.db, "UPDATE jobs SET state = 'delivered', final_at = 1 WHERE broadcast_id = ?", [broadcastId]);
    const [row] = broadcastRows(h.store.db, [broadcastId]);
    expect(row).toMatchObject({ resendable: 0, canResendFailed: false });
    expect(row?.status.label).toBe('Partly failed');
    expect(row?.status.action).toBeNull();
  });

  it('its finished notification names the broadcast, not the last recipient’s document', async () => {
    h = await startMergeHarness();
    const id = await h.prepare(people(2));
    await h.merge.start(id);
    await h.merge.idle();
    const db = h.store.db;
    const broadcastId = h.merge.get(id)!.progress!.broadcastId!;
    run(db, "UPDATE jobs SET state = 'delivered', final_at = ? WHERE broadcast_id = ?", [Date.now(), broadcastId]);
    const jobs = getJobViews(
      db,
      listJobs(db, { broadcastId, limit: 10 }).map((j) => j.id),
    );
    expect(jobs).toHaveLength(2);
    // Each job names its own recipient: the last one final must not name the whole broadcast.
    expect(jobs.every((j) => /^Notice – \+1 212 555 20\d\d\.pdf$/.test(j.documentName))).toBe(true);
    const listeners: Array<(j: JobView) => void> = [];
    const notes: string[] = [];
    const off = startResultNotifier({
      outbox: {
        on: (_e, cb) => {
          listeners.push(cb);
          return () => undefined;
        },
      },
      host: { notify: (title, body) => void notes.push(`${title}: ${body}`), setBadgeCount: () => undefined },
      notificationsEnabled: () => true,
      countInFlight: () => 0,
      broadcastProgress: (b) => broadcastProgress(db, b),
      broadcastName: (b) => broadcastLabel(db, b),
    });
    try {
      for (const j of jobs) for (const l of listeners) l(j);
      expect(notes).toEqual(['Broadcast delivered: Notice.docx · mail merge: 2 delivered of 2.']);
    } finally {
      off();
    }
  });
});
