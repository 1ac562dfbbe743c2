import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { broadcastProgress, insertBroadcast } from '../../../electron/store/broadcasts-repo.ts';
import { insertContact } from '../../../electron/store/contacts-repo.ts';
import { insertDocument } from '../../../electron/store/documents-repo.ts';
import {
  countJobsByState,
  getJob,
  insertJob,
  listJobs,
  type NewJob,
  nextQueuedJob,
  updateJob,
  updateJobState,
} from '../../../electron/store/jobs-repo.ts';
import { tempStore } from './helpers.ts';

let s: ReturnType<typeof tempStore>;
beforeEach(() => {
  s = tempStore();
  insertDocument(s.db, {
    id: 'doc1',
    spoolPath: '/x/doc1.pdf',
    sha256: 'aa',
    size: 10,
    pages: 2,
    paperSize: 'letter',
    originalName: 'contract.pdf',
    source: 'cli',
    createdAt: 1,
  });
});
afterEach(() => s.cleanup());

function job(over: Partial<NewJob> = {}): NewJob {
  return {
    documentId: 'doc1',
    numberRaw: '212 555 0100',
    faxNumber: '12125550100',
    toHeader: 'Alice',
    fromHeader: 'Acme',
    paperSize: 'letter',
    resolution: 'standard',
    priority: 'Normal',
    pages: 2,
    state: 'queued',
    ...over,
  };
}

describe('jobs', () => {
  it('lists newest first with paging, filters and search', () => {
    const contact = insertContact(s.db, { name: 'Zed Zimmer', company: 'Zoo Inc', faxRaw: '3125550199', faxNumber: '13125550199' });
    const ids = [
      insertJob(s.db, job({ state: 'delivered' })),
      insertJob(s.db, job({ state: 'failed', numberRaw: '312 555 0199', faxNumber: '13125550199', contactId: contact.id })),
      insertJob(s.db, job({ state: 'needs-attention' })),
      insertJob(s.db, job({ state: 'submitted' })),
      insertJob(s.db, job({ state: 'rejected', toHeader: 'Bob' })),
    ];
    expect(listJobs(s.db).map((j) => j.id)).toEqual([...ids].reverse());
    expect(listJobs(s.db, { limit: 2, before: ids[3] }).map((j) => j.id)).toEqual([ids[2], ids[1]]);
    expect(listJobs(s.db, { filter: 'failed' }).map((j) => j.id)).toEqual([ids[4], ids[1]]);
    expect(listJobs(s.db, { filter: 'in-progress' }).map((j) => j.id)).toEqual([ids[3]]);
    expect(listJobs(s.db, { search: 'zimmer' }).map((j) => j.id)).toEqual([ids[1]]);
    expect(listJobs(s.db, { search: '555-0199' }).map((j) => j.id)).toEqual([ids[1]]);
    expect(listJobs(s.db, { search: 'bob' }).map((j) => j.id)).toEqual([ids[4]]);
    expect(listJobs(s.db, { search: 'contract' })).toHaveLength(5);
    const v = listJobs(s.db, { search: 'zoo' })[0];
    expect(v).toMatchObject({ documentName: 'contract.pdf', contactName: 'Zed Zimmer', contactCompany: 'Zoo Inc' });
    expect(countJobsByState(s.db)).toEqual({ delivered: 1, failed: 1, 'needs-attention': 1, submitted: 1, rejected: 1 });
  });

  it('changes state only from the states allowed', () => {
    const id = insertJob(s.db, job(), 10);
    expect(updateJobState(s.db, id, 'submitting', ['queued'], { submitTries: 1 }, 20)).toBe(true);
    expect(updateJobState(s.db, id, 'canceled', ['queued', 'draft'])).toBe(false);
    expect(getJob(s.db, id)).toMatchObject({ state: 'submitting', submitTries: 1, updatedAt: 20, createdAt: 10 });
    updateJob(s.db, id, { error: { kind: 'network', code: 'ECONNRESET', message: 'dropped', action: null } });
    expect(getJob(s.db, id)?.error).toEqual({ kind: 'network', code: 'ECONNRESET', message: 'dropped', action: null });
    updateJob(s.db, id, { error: null });
    expect(getJob(s.db, id)?.error).toBeNull();
  });

  it('picks Normal before Low, oldest first, skipping jobs waiting on a backoff', () => {
    const low = insertJob(s.db, job({ priority: 'Low' }));
    const later = insertJob(s.db, job());
    const normal = insertJob(s.db, job());
    updateJob(s.db, later, { nextTryAt: 5_000 });
    expect(nextQueuedJob(s.db, 1_000, 'https://api.example#1')?.id).toBe(normal);
    expect(nextQueuedJob(s.db, 6_000, 'https://api.example#1')?.id).toBe(later);
    updateJobState(s.db, normal, 'submitting', ['queued']);
    updateJobState(s.db, later, 'submitting', ['queued']);
    expect(nextQueuedJob(s.db, 6_000, 'https://api.example#1')?.id).toBe(low);
  });

  it("counts a broadcast's progress", () => {
    const b = insertBroadcast(s.db, { documentId: 'doc1', name: 'All', recipients: 4, creditAtStart: 10, estimatedCost: 1, createdAt: 1 });
    for (const state of ['queued', 'submitted', 'delivered', 'failed'] as const) {
      const id = insertJob(s.db, job({ state, broadcastId: b }));
      if (state === 'delivered') updateJob(s.db, id, { cost: 0.14 });
    }
    expect(broadcastProgress(s.db, b)).toEqual({
      broadcastId: b,
      total: 4,
      waiting: 1,
      sending: 0,
      submitted: 1,
      delivered: 1,
      failed: 1,
      canceled: 0,
      needsAttention: 0,
      done: 2,
      cost: 0.14,
      byState: { queued: 1, submitted: 1, delivered: 1, failed: 1 },
    });
  });

  it('refuses a second job with the same OutTransID on the same account', () => {
    const a = insertJob(s.db, job());
    const b = insertJob(s.db, job());
    updateJob(s.db, a, { accountKey: 'k', outTransId: '1' });
    expect(() => updateJob(s.db, b, { accountKey: 'k', outTransId: '1' })).toThrow(/UNIQUE/);
    updateJob(s.db, b, { accountKey: 'other', outTransId: '1' });
  });
});
