import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatFaxNumber } from '../../../shared/fax-number.ts';
import { listBroadcastJobRows, listOutboxPage, outboxSummary } from '../../../electron/outbox-view/outbox-query.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';
import { seedBroadcast, seedDocument, seedJob, seedManyJobs } from './seed-jobs.ts';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-jobs-'));
  store = openStore(dir);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('listOutboxPage', () => {
  it('lists newest first with a broadcast as one row placed by its first job', () => {
    const db = store.db;
    const doc = seedDocument(db, 'd1', 'Quote.pdf', 3);
    const first = seedJob(db, { documentId: doc, state: 'delivered', toHeader: 'Alice' });
    const { broadcastId } = seedBroadcast(db, doc, ['delivered', 'failed', 'submitted', 'queued']);
    const last = seedJob(db, { documentId: doc, state: 'queued', toHeader: 'Bob', number: '12025550101' });
    const { rows, hasMore } = listOutboxPage(db, { filter: 'all', search: '', limit: 10 });
    expect(hasMore).toBe(false);
    expect(rows.map((r) => `${r.kind}:${r.id}`)).toEqual([`job:${last}`, `broadcast:${broadcastId}`, `job:${first}`]);
    const b = rows[1];
    if (b?.kind !== 'broadcast') throw new Error('expected a broadcast row');
    expect(b).toMatchObject({
      total: 4,
      counts: { total: 4, refused: 0, waiting: 1, needsAttention: 0, canceled: 0, sent: 3, delivered: 1, failed: 1, inProgress: 1 },
      resendable: 1,
      side: 'sandbox',
      documentName: 'Quote.pdf',
      pages: 2,
    });
    expect(b.status).toMatchObject({
      tone: 'in-progress',
      label: 'In progress',
      detail: '4 recipients: 1 waiting to send · 3 sent · 1 delivered · 1 failed · 1 in progress',
    });
    expect(b.canResendFailed).toBe(true);
    expect(b.canCancel).toBe(true);
    const bob = rows[0];
    if (bob?.kind !== 'job') throw new Error('expected a job row');
    expect(bob).toMatchObject({
      recipientName: 'Bob',
      number: '+1 202 555 0101',
      documentName: 'Quote.pdf',
      canCancel: true,
      canResend: false,
    });
    expect(listBroadcastJobRows(db, broadcastId).map((r) => r.state)).toEqual(['queued', 'submitted', 'failed', 'delivered']);
  });

  it('filters and searches, showing a broadcast when one of its jobs matches', () => {
    const db = store.db;
    const doc = seedDocument(db, 'd1', 'Report.pdf');
    const other = seedDocument(db, 'd2', 'Menu.pdf');
    seedJob(db, { documentId: doc, state: 'delivered', toHeader: 'Alice' });
    const failedSolo = seedJob(db, { documentId: other, state: 'failed', toHeader: 'Carol', number: '442079460000' });
    const { broadcastId } = seedBroadcast(db, doc, ['delivered', 'failed']);
    const failed = listOutboxPage(db, { filter: 'failed', search: '', limit: 10 }).rows;
    expect(failed.map((r) => `${r.kind}:${r.id}`)).toEqual([`broadcast:${broadcastId}`, `job:${failedSolo}`]);
    expect(listOutboxPage(db, { filter: 'all', search: 'menu', limit: 10 }).rows.map((r) => r.id)).toEqual([failedSolo]);
    expect(listOutboxPage(db, { filter: 'all', search: '7946', limit: 10 }).rows.map((r) => r.id)).toEqual([failedSolo]);
    expect(listOutboxPage(db, { filter: 'needs-attention', search: '', limit: 10 }).rows).toEqual([]);
    const counts = { all: 4, 'in-progress': 0, delivered: 2, failed: 2, canceled: 0, 'needs-attention': 0 };
    const none = { all: 0, 'in-progress': 0, delivered: 0, failed: 0, canceled: 0, 'needs-attention': 0 };
    expect(outboxSummary(db, 'sandbox')).toEqual({ counts, inFlight: 0, mode: 'sandbox', bySide: { sandbox: counts, live: none } });
    // Seen from the live account, the same sandbox history is not its own.
    expect(outboxSummary(db, 'live')).toEqual({ counts: none, inFlight: 0, mode: 'live', bySide: { sandbox: counts, live: none } });
  });

  it('pages through 2,000 jobs without gaps or repeats', () => {
    seedManyJobs(store.db, 2000);
    const seen: string[] = [];
    let before: number | undefined;
    for (;;) {
      const page = listOutboxPage(store.db, { filter: 'all', search: '', limit: 150, before });
      seen.push(...page.rows.map((r) => `${r.kind}:${r.id}`));
      if (!page.hasMore) break;
      before = page.rows[page.rows.length - 1]?.sortId;
    }
    expect(new Set(seen).size).toBe(seen.length);
    const broadcasts = seen.filter((s) => s.startsWith('broadcast')).length;
    expect(broadcasts).toBe(3);
    expect(seen.length).toBe(2000 - broadcasts * 25 + broadcasts);
  });
});

describe('the Outbox number', () => {
  it('is the one display format (shared/fax-number.ts), abroad too', () => {
    expect(formatFaxNumber('12025550101')).toBe('+1 202 555 0101');
    expect(formatFaxNumber('442079460000')).toBe('+44 20 7946 0000');
    expect(formatFaxNumber('', '555')).toBe('555');
  });
});
