// Writes realistic outbox history straight into a real store: documents, jobs in every state,
// broadcasts and vendor attempt rows. Used by the view-model tests and by bench/lists-jobs.ts.

import type { JobState } from '../../../shared/domain.ts';
import { accountKeyOf, LOCAL_SANDBOX_ENDPOINT } from '../../../electron/store/account-state-repo.ts';
import { upsertAttempt } from '../../../electron/store/attempts-repo.ts';
import { insertBroadcast } from '../../../electron/store/broadcasts-repo.ts';
import { insertDocument } from '../../../electron/store/documents-repo.ts';
import { insertJob, type JobError, type JobPatch, updateJob } from '../../../electron/store/jobs-repo.ts';
import { type Db, transaction } from '../../../electron/store/sql.ts';

/** Seeded history is the sandbox's (the app the e2e tests drive runs in sandbox mode). */
export const ACCOUNT_KEY = accountKeyOf(LOCAL_SANDBOX_ENDPOINT, '100000001');

export function seedDocument(db: Db, id: string, name: string, pages = 2, now = Date.now()): string {
  insertDocument(db, {
    id,
    spoolPath: `/nonexistent/spool/${id}.pdf`,
    sha256: id.padEnd(64, '0'),
    size: 1000,
    pages,
    paperSize: 'letter',
    originalName: name,
    source: 'compose',
    createdAt: now,
  });
  return id;
}

export interface SeedJob {
  documentId: string;
  number?: string;
  toHeader?: string;
  state?: JobState;
  broadcastId?: number;
  pages?: number;
  patch?: JobPatch;
  error?: JobError;
  createdAt?: number;
}

/** Inserts a job and moves it to its state with the fields that state carries. */
export function seedJob(db: Db, j: SeedJob): number {
  const now = j.createdAt ?? Date.now();
  const number = j.number ?? '12025550199';
  const id = insertJob(
    db,
    {
      documentId: j.documentId,
      numberRaw: number,
      faxNumber: number,
      toHeader: j.toHeader ?? 'Front desk',
      fromHeader: 'Acme',
      paperSize: 'letter',
      resolution: 'standard',
      priority: 'Normal',
      pages: j.pages ?? 2,
      state: 'queued',
      broadcastId: j.broadcastId,
    },
    now,
  );
  const state = j.state ?? 'queued';
  const patch: JobPatch = { state, ...(j.error ? { error: j.error } : {}) };
  if (['submitted', 'delivered', 'failed', 'canceled'].includes(state)) {
    Object.assign(patch, { accountKey: ACCOUNT_KEY, outTransId: String(100000 + id), submittedAt: now + 1000 });
  }
  if (state === 'delivered')
    Object.assign(patch, { currentState: 8, lastStatus: 0, attempts: 1, pagesSent: j.pages ?? 2, cost: 0.14, finalAt: now + 60_000 });
  if (state === 'failed')
    Object.assign(patch, { currentState: 9, lastStatus: 1, attempts: 3, pagesSent: 0, cost: 0, finalAt: now + 600_000 });
  if (state === 'submitted') Object.assign(patch, { currentState: 5, attempts: 1 });
  if (['rejected', 'auth-failed', 'no-credit', 'canceled'].includes(state)) Object.assign(patch, { finalAt: now + 1000 });
  updateJob(db, id, { ...patch, ...j.patch }, { now: now + 1000 });
  return id;
}

export function seedBroadcast(
  db: Db,
  documentId: string,
  states: readonly JobState[],
  now = Date.now(),
): { broadcastId: number; jobIds: number[] } {
  const broadcastId = insertBroadcast(db, {
    documentId,
    name: '',
    recipients: states.length,
    creditAtStart: 100,
    estimatedCost: states.length * 0.14,
    createdAt: now,
  });
  const jobIds = states.map((state, i) =>
    seedJob(db, {
      documentId,
      broadcastId,
      state,
      number: `1202555${String(1000 + i).slice(-4)}`,
      toHeader: `Member ${i + 1}`,
      createdAt: now,
    }),
  );
  return { broadcastId, jobIds };
}

export function seedAttempt(
  db: Db,
  jobId: number,
  outTransId: string,
  a: {
    historyId: number;
    currentState: number;
    lastStatus?: number;
    callDuration?: number;
    pagesSent?: number;
    realCost?: number;
    seenAt: number;
  },
): void {
  upsertAttempt(
    db,
    ACCOUNT_KEY,
    {
      historyId: a.historyId,
      outTransId,
      faxNumber: '12025550199',
      currentState: a.currentState,
      lastStatus: a.lastStatus,
      callDuration: a.callDuration,
      pagesSent: a.pagesSent,
      pageCount: 2,
      realCost: a.realCost,
      raw: { HistoryOutboundFaxID: a.historyId },
    },
    jobId,
    a.seenAt,
  );
}

const MIX: readonly JobState[] = [
  'delivered',
  'delivered',
  'delivered',
  'delivered',
  'failed',
  'submitted',
  'queued',
  'needs-attention',
  'delivered',
  'rejected',
  'canceled',
  'delivered',
];

/** `count` jobs over a year of history, one broadcast of 25 every 500 jobs; one transaction. */
export function seedManyJobs(db: Db, count: number, start = Date.now() - 365 * 86400_000): void {
  transaction(db, () => {
    const docs = Array.from({ length: 50 }, (_, i) => seedDocument(db, `doc-${i}`, `Invoice ${1000 + i}.pdf`, 1 + (i % 5), start));
    const step = (365 * 86400_000) / count;
    let made = 0;
    while (made < count) {
      const at = start + made * step;
      const doc = docs[made % docs.length] as string;
      if (made % 500 === 499 && count - made >= 25) {
        seedBroadcast(
          db,
          doc,
          Array.from({ length: 25 }, (_, i) => MIX[i % MIX.length] as JobState),
          at,
        );
        made += 25;
        continue;
      }
      seedJob(db, {
        documentId: doc,
        state: MIX[made % MIX.length],
        number: `1${String(2000000000 + made * 7919).slice(0, 10)}`,
        toHeader: `Client ${made}`,
        createdAt: at,
        error:
          MIX[made % MIX.length] === 'rejected'
            ? { kind: 'restricted', code: 'RestrictedFaxNumber', message: 'This number may not be dialled.', action: 'Check the number.' }
            : undefined,
      });
      made++;
    }
  });
}
