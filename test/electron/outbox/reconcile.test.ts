// The reconciler on hand-made report rows: what it adopts, what it waits for, what it resends.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reconcile } from '../../../electron/outbox/reconcile.ts';
import { applyReportRows } from '../../../electron/outbox/report-apply.ts';
import type { AttemptRecord } from '../../../electron/store/attempts-repo.ts';
import { insertDocument } from '../../../electron/store/documents-repo.ts';
import { getJob, insertJob, updateJob } from '../../../electron/store/jobs-repo.ts';
import { tempStore } from '../store/helpers.ts';

const KEY = 'http://127.0.0.1:1#100000001';
const T0 = Date.parse('2026-03-01T12:00:00Z');
let s: ReturnType<typeof tempStore>;
let history = 500;

beforeEach(() => {
  s = tempStore();
  insertDocument(s.db, {
    id: 'd',
    spoolPath: '/x',
    sha256: 'x',
    size: 1,
    pages: 2,
    paperSize: 'letter',
    originalName: 'x.pdf',
    source: 'cli',
    createdAt: T0,
  });
});
afterEach(() => s.cleanup());

/** A job that was `submitting` when the process died. */
function uncertainJob(over: { toHeader?: string; cursorAtSubmit?: number; tries?: number; pages?: number } = {}): number {
  const id = insertJob(
    s.db,
    {
      documentId: 'd',
      numberRaw: '212 555 0142',
      faxNumber: '12125550142',
      toHeader: over.toHeader ?? 'To',
      fromHeader: 'From',
      paperSize: 'letter',
      resolution: 'standard',
      priority: 'Normal',
      pages: over.pages ?? 2,
      state: 'queued',
    },
    T0,
  );
  updateJob(s.db, id, {
    state: 'submitting',
    accountKey: KEY,
    submitStartedAt: T0,
    submitTries: over.tries ?? 1,
    cursorAtSubmit: over.cursorAtSubmit ?? 100,
  });
  return id;
}

function row(outTransId: string, over: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    historyId: ++history,
    outTransId,
    faxNumber: '12125550142',
    toHeader: 'To',
    fromHeader: 'From',
    pageCount: 2,
    renderStatus: 1,
    currentState: 8,
    lastStatus: 0,
    realCost: 0.14,
    pagesSent: 2,
    date: '2026-03-01 12:00:05',
    raw: {},
    ...over,
  };
}

const run = (reportReadAt: number, active = new Set<number>()) =>
  reconcile(s.db, { accountKey: KEY, active, reportReadAt, graceMs: 60_000, maxTries: 3, now: reportReadAt });

describe('reconcile', () => {
  it("adopts the matching row and takes the fax's state and cost from it", () => {
    const id = uncertainJob();
    applyReportRows(s.db, KEY, [row('7001')], T0 + 1000);
    expect(run(T0 + 2000)).toMatchObject({ adopted: [id] });
    expect(getJob(s.db, id)).toMatchObject({ state: 'delivered', outTransId: '7001', attempts: 1, cost: 0.14 });
  });

  it('adopts none of two look-alikes when one row could be either: both held for a person, for good', () => {
    const a = uncertainJob();
    const b = uncertainJob();
    applyReportRows(s.db, KEY, [row('7002')], T0 + 1000);
    expect(run(T0 + 2000)).toEqual({ adopted: [], requeued: [], exhausted: [], held: [a, b], waiting: [] });
    const held = getJob(s.db, a);
    expect(held).toMatchObject({ state: 'needs-attention', outTransId: null, error: { kind: 'unknown-outcome', code: 'look-alike' } });
    expect(held?.error?.message).toContain(`job ${b} to +1 212 555 0142 with the same pages and headers`);
    expect(held?.error?.message).toContain('will not send it again by itself');
    expect(held?.error?.action).toMatch(/"x\.pdf" arrived\. Choose Retry only if you know it did not arrive/);
    // No later read settles them: not after the grace period, not when the row is final.
    expect(run(T0 + 600_000)).toEqual({ adopted: [], requeued: [], exhausted: [], held: [], waiting: [] });
    expect([getJob(s.db, a)?.state, getJob(s.db, b)?.state]).toEqual(['needs-attention', 'needs-attention']);
  });

  it('adopts none when two look-alikes have two rows: the report cannot say which document is which', () => {
    const a = uncertainJob();
    const b = uncertainJob();
    applyReportRows(s.db, KEY, [row('7010'), row('7011')], T0 + 1000);
    expect(run(T0 + 2000)).toMatchObject({ adopted: [], held: [a, b] });
  });

  it('adopts none when one job could be either of two rows (a look-alike sent from elsewhere)', () => {
    const id = uncertainJob();
    applyReportRows(s.db, KEY, [row('7012'), row('7013')], T0 + 1000);
    expect(run(T0 + 2000)).toMatchObject({ adopted: [], held: [id] });
    expect(getJob(s.db, id)?.error?.message).toMatch(
      /shows 2 faxes to \+1 212 555 0142 with the same pages and headers since it was uploaded/,
    );
  });

  it('holds faxes of different lengths when an unrendered row (conversion failed) could be either', () => {
    const one = uncertainJob({ pages: 1 });
    const two = uncertainJob({ pages: 2 });
    applyReportRows(s.db, KEY, [row('7014', { pageCount: 0, renderStatus: 2, currentState: 10, lastStatus: 8 })], T0 + 1000);
    expect(run(T0 + 2000)).toMatchObject({ adopted: [], held: [one, two] });
  });

  it('waits while a second possible row is still rendering, then decides', () => {
    const id = uncertainJob();
    applyReportRows(s.db, KEY, [row('7015'), row('7016', { pageCount: 0, renderStatus: 0, currentState: 1, lastStatus: -1 })], T0 + 1000);
    expect(run(T0 + 120_000)).toMatchObject({ adopted: [], held: [], waiting: [id] });
    applyReportRows(s.db, KEY, [row('7016', { historyId: history, pageCount: 3 })], T0 + 121_000);
    expect(run(T0 + 122_000)).toMatchObject({ adopted: [id] });
    expect(getJob(s.db, id)?.outTransId).toBe('7015');
  });

  it('a held job still contends: a later look-alike whose answer is lost does not adopt a row that may be the held one', () => {
    const held = uncertainJob();
    const other = uncertainJob();
    applyReportRows(s.db, KEY, [row('7017')], T0 + 1000);
    expect(run(T0 + 2000).held).toEqual([held, other]);
    const later = uncertainJob({ cursorAtSubmit: history });
    applyReportRows(s.db, KEY, [row('7018')], T0 + 3000);
    expect(run(T0 + 4000)).toMatchObject({ adopted: [], held: [later] });
    expect(getJob(s.db, later)?.error?.message).toContain(`jobs ${held} and ${other} to +1 212 555 0142`);
  });

  it('ignores rows of other faxes: other headers, other pages, seen before the upload began, or long before it', () => {
    const id = uncertainJob({ cursorAtSubmit: 600 });
    applyReportRows(
      s.db,
      KEY,
      [
        row('7003', { historyId: 550 }),
        row('7004', { historyId: 601, toHeader: 'Other' }),
        row('7005', { historyId: 602, pageCount: 5 }),
        row('7006', { historyId: 603, date: '2026-02-20 08:00:00' }),
      ],
      T0 + 1000,
    );
    expect(run(T0 + 2000).waiting).toEqual([id]);
    // After the grace period without a match: it never arrived, send again.
    expect(run(T0 + 61_000).requeued).toEqual([id]);
    expect(getJob(s.db, id)).toMatchObject({ state: 'queued', outTransId: null });
  });

  it('waits while a look-alike is still rendering (0 pages) instead of resending', () => {
    const id = uncertainJob();
    applyReportRows(s.db, KEY, [row('7007', { pageCount: 0, renderStatus: 0, currentState: 1, lastStatus: -1 })], T0 + 1000);
    expect(run(T0 + 120_000).waiting).toEqual([id]);
    applyReportRows(s.db, KEY, [row('7007', { historyId: history, pageCount: 2, renderStatus: 1, currentState: 5 })], T0 + 121_000);
    expect(run(T0 + 122_000).adopted).toEqual([id]);
    expect(getJob(s.db, id)).toMatchObject({ state: 'submitted', outTransId: '7007', currentState: 5 });
  });

  it('never settles a job being uploaded, nor a look-alike of one', () => {
    const uploading = uncertainJob();
    const lookalike = uncertainJob();
    applyReportRows(s.db, KEY, [row('7008')], T0 + 1000);
    expect(run(T0 + 120_000, new Set([uploading]))).toEqual({ adopted: [], requeued: [], exhausted: [], held: [], waiting: [lookalike] });
  });

  it('asks for attention instead of resending once the upload tries are used up', () => {
    const id = uncertainJob({ tries: 3 });
    expect(run(T0 + 61_000).exhausted).toEqual([id]);
    expect(getJob(s.db, id)).toMatchObject({ state: 'needs-attention', error: { kind: 'retries-exhausted' } });
  });

  it('updates a job as its row changes in place, and keeps rows of faxes sent elsewhere', () => {
    const id = uncertainJob();
    applyReportRows(s.db, KEY, [row('7009', { currentState: 5, lastStatus: -1, realCost: 0 })], T0 + 1000);
    run(T0 + 2000);
    expect(getJob(s.db, id)).toMatchObject({ state: 'submitted', currentState: 5 });
    const h = history;
    const r = applyReportRows(s.db, KEY, [row('7009', { historyId: h }), row('9999', { faxNumber: '13125550000' })], T0 + 3000);
    expect(r).toMatchObject({ changedJobIds: [id], unmatchedRows: 1 });
    expect(getJob(s.db, id)).toMatchObject({ state: 'delivered', cost: 0.14, attempts: 1 });
  });
});
