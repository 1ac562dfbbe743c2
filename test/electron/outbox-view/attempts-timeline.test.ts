import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attemptsTimeline } from '../../../electron/outbox-view/attempts-timeline.ts';
import { listAttemptsForJob } from '../../../electron/store/attempts-repo.ts';
import { getJob } from '../../../electron/store/jobs-repo.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';
import { seedAttempt, seedDocument, seedJob } from './seed-jobs.ts';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-timeline-'));
  store = openStore(dir);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('attemptsTimeline', () => {
  it('tells busy, busy, delivered as three calls with words, codes, durations and pages', () => {
    const db = store.db;
    const t0 = Date.UTC(2026, 0, 5, 9, 0, 0);
    seedDocument(db, 'd', 'Order.pdf', 2);
    const id = seedJob(db, { documentId: 'd', state: 'delivered', createdAt: t0, patch: { attempts: 3, cost: 0.14 } });
    const trans = String(100000 + id);
    seedAttempt(db, id, trans, { historyId: 900001, currentState: 0, lastStatus: -1, seenAt: t0 + 2000 });
    seedAttempt(db, id, trans, {
      historyId: 900002,
      currentState: 7,
      lastStatus: 2,
      callDuration: 12,
      pagesSent: 0,
      realCost: 0,
      seenAt: t0 + 30_000,
    });
    seedAttempt(db, id, trans, {
      historyId: 900003,
      currentState: 7,
      lastStatus: 2,
      callDuration: 11,
      pagesSent: 0,
      realCost: 0,
      seenAt: t0 + 270_000,
    });
    seedAttempt(db, id, trans, {
      historyId: 900004,
      currentState: 8,
      lastStatus: 0,
      callDuration: 48.5,
      pagesSent: 2,
      realCost: 0.14,
      seenAt: t0 + 520_000,
    });
    const job = getJob(db, id);
    if (!job) throw new Error('no job');
    const t = attemptsTimeline(job, listAttemptsForJob(db, id));
    expect(t.map((e) => e.kind)).toEqual(['created', 'submitted', 'attempt', 'attempt', 'attempt', 'result']);
    expect(t[1]).toMatchObject({ title: 'Accepted by Openfax', code: `OutTransID ${trans}` });
    expect(t[2]).toMatchObject({
      title: 'Call 1: Line busy',
      code: 'LastStatus 2',
      tone: 'waiting',
      durationSeconds: 12,
      pagesSent: 0,
      pagesTotal: 2,
      at: t0 + 30_000,
      detail: 'Openfax will redial',
    });
    expect(t[4]).toMatchObject({
      title: 'Call 3: Delivered',
      code: 'LastStatus 0',
      tone: 'delivered',
      durationSeconds: 48.5,
      pagesSent: 2,
      cost: 0.14,
    });
    expect(t[5]).toMatchObject({ kind: 'result', title: 'Delivered', tone: 'delivered', cost: 0.14 });
  });

  it('ends a refused fax with the reason and what to do, and shows no calls', () => {
    const db = store.db;
    seedDocument(db, 'd', 'Order.pdf');
    const id = seedJob(db, {
      documentId: 'd',
      state: 'rejected',
      error: {
        kind: 'restricted',
        code: 'RestrictedFaxNumber',
        message: 'This number may not be dialled.',
        action: 'Check the number with the recipient.',
      },
    });
    const job = getJob(db, id);
    if (!job) throw new Error('no job');
    const t = attemptsTimeline(job, []);
    expect(t.map((e) => e.kind)).toEqual(['created', 'problem']);
    expect(t[1]).toMatchObject({
      title: 'Refused: This number may not be dialled.',
      code: 'RestrictedFaxNumber',
      detail: 'Check the number with the recipient.',
      tone: 'failed',
    });
  });
});
