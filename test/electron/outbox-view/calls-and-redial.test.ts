// "Attempts" counts calls made, read one way: the store's count (what the Attempts column
// shows), the timeline's "Call N" and the rule in call-rows.ts agree on every report row. And
// a job waiting to redial says about when, from its last call and the vendor's wait.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { attemptsTimeline } from '../../../electron/outbox-view/attempts-timeline.ts';
import { isCallRow } from '../../../electron/outbox-view/call-rows.ts';
import { jobRows, listOutboxPage } from '../../../electron/outbox-view/outbox-query.ts';
import { redialAtOf } from '../../../electron/outbox-view/redial.ts';
import { listAttemptsForJob, summariseTransMany, upsertAttempt } from '../../../electron/store/attempts-repo.ts';
import { getJob, getJobView, updateJob } from '../../../electron/store/jobs-repo.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';
import { ACCOUNT_KEY, seedAttempt, seedDocument, seedJob } from './seed-jobs.ts';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-calls-'));
  store = openStore(dir);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
  vi.useRealTimers();
});

describe('calls made', () => {
  it('are the same rows for the store’s count and the timeline’s rule, for every LastStatus and CurrentState', () => {
    const db = store.db;
    const ids: string[] = [];
    const expected = new Map<string, number>();
    let history = 1;
    for (const lastStatus of [undefined, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) {
      for (const currentState of [undefined, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]) {
        const outTransId = `t${history}`;
        upsertAttempt(db, ACCOUNT_KEY, { historyId: history++, outTransId, lastStatus, currentState, raw: {} }, null, 1);
        ids.push(outTransId);
        expected.set(outTransId, isCallRow({ lastStatus, currentState }) ? 1 : 0);
      }
    }
    const counted = summariseTransMany(db, ACCOUNT_KEY, ids);
    expect(Object.fromEntries(ids.map((id) => [id, counted.get(id)?.attempts]))).toEqual(Object.fromEntries(expected));
  });

  it('number the timeline’s calls as the Attempts column counts them; the next call is not counted yet', () => {
    const db = store.db;
    const t0 = Date.UTC(2026, 0, 5, 10, 0, 0);
    seedDocument(db, 'd', 'Order.pdf', 2);
    const id = seedJob(db, { documentId: 'd', state: 'submitted', createdAt: t0, patch: { attempts: 2, currentState: 5 } });
    const trans = String(100000 + id);
    seedAttempt(db, id, trans, { historyId: 1, currentState: 7, lastStatus: 2, seenAt: t0 + 10_000 });
    seedAttempt(db, id, trans, { historyId: 2, currentState: 7, lastStatus: 1, seenAt: t0 + 300_000 });
    seedAttempt(db, id, trans, { historyId: 3, currentState: 5, seenAt: t0 + 600_000 });
    const job = getJob(db, id)!;
    const calls = attemptsTimeline(job, listAttemptsForJob(db, id)).filter((e) => e.kind === 'attempt');
    expect(calls.map((e) => e.title)).toEqual(['Call 1: Line busy', 'Call 2: No answer', 'Next call: Dialling and sending']);
    expect(summariseTransMany(db, ACCOUNT_KEY, [trans]).get(trans)?.attempts).toBe(2);
    expect(jobRows(db, [getJobView(db, id)!])[0]).toMatchObject({ attempts: 2, maxAttempts: 3 });
  });
});

describe('redial estimate', () => {
  it('is four minutes after the last call ended, on the rows the list and the panel show', () => {
    vi.useFakeTimers();
    const t0 = Date.UTC(2026, 0, 5, 10, 30, 0);
    vi.setSystemTime(t0);
    const db = store.db;
    seedDocument(db, 'd', 'Order.pdf', 2);
    // A busy line: the row was seen as the call began; the fax was seen waiting 20 s later,
    // which is the closest we know to when the call ended.
    const waiting = seedJob(db, { documentId: 'd', state: 'submitted', patch: { currentState: 7, lastStatus: 2, attempts: 1 } });
    seedAttempt(db, waiting, String(100000 + waiting), { historyId: 10, currentState: 7, lastStatus: 2, seenAt: t0 - 60_000 });
    updateJob(db, waiting, {}, { now: t0 - 40_000 });
    // A connected call that dropped after 90 s: it ended later than the fax was last changed.
    const dropped = seedJob(db, { documentId: 'd', state: 'submitted', patch: { currentState: 7, lastStatus: 6, attempts: 1 } });
    seedAttempt(db, dropped, String(100000 + dropped), {
      historyId: 11,
      currentState: 7,
      lastStatus: 6,
      callDuration: 90,
      seenAt: t0 - 100_000,
    });
    updateJob(db, dropped, {}, { now: t0 - 50_000 });
    // Waiting to redial, but no report row to time it by: nothing is said.
    const unknown = seedJob(db, { documentId: 'd', state: 'submitted', patch: { currentState: 7, attempts: 1 } });
    const dialling = seedJob(db, { documentId: 'd', state: 'submitted', patch: { currentState: 5, attempts: 1 } });
    seedAttempt(db, dialling, String(100000 + dialling), { historyId: 12, currentState: 5, seenAt: t0 });

    const rows = listOutboxPage(db, { filter: 'all', search: '', limit: 10 }).rows;
    const at = Object.fromEntries(rows.map((r) => [r.id, r.kind === 'job' ? r.redialAt : undefined]));
    expect(at).toEqual({
      [waiting]: t0 - 40_000 + 4 * 60_000,
      [dropped]: t0 - 10_000 + 4 * 60_000,
      [unknown]: null,
      [dialling]: null,
    });
    expect(redialAtOf(getJob(db, waiting)!, listAttemptsForJob(db, waiting))).toBe(t0 - 40_000 + 4 * 60_000);
  });
});
