// The Outbox channels through the real router. A broadcast goes to the sandbox (one number
// delivers, one is a voice line), its results come back through the report poller, and the
// sandbox's record of the PDF judges the document we hand back. Cancel and retry act on jobs
// written straight into SQLite while the outbox is stopped, so nothing races them.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { get } from '../../../electron/store/sql.ts';
import { IN_FLIGHT_JOB_STATES } from '../../../shared/domain.ts';
import { jobsMethods } from '../../../shared/ipc/contract/jobs.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { seedBroadcast, seedJob } from '../outbox-view/seed-jobs.ts';
import { type HandlersHarness, itDispatchedEvery, startHandlers } from './handlers-harness.ts';

const dispatched = new Set<string>();
let h: HandlersHarness;

const DELIVERS = { number: '12025550150', display: '+1 202 555 0150' };
const VOICE_LINE = { number: '12025550103', display: '+1 202 555 0103' };

let broadcastId: number;
let delivered: number;
let failed: number;
let documentId: string;

const db = () => h.services.store.db;
const stateOf = (id: number) => get<{ state: string }>(db(), 'SELECT state FROM jobs WHERE id = :id', { id })?.state;
const resendOf = (id: number) => get<{ id: number }>(db(), 'SELECT id FROM jobs WHERE resend_of = :id', { id })?.id;
const countWhere = (state: string) => get<{ n: number }>(db(), 'SELECT count(*) AS n FROM jobs WHERE state = :state', { state })?.n;

/** Until every job has its final result: the sandbox finishes its calls, the poller reads them. */
async function everyResultIn(): Promise<void> {
  await vi.waitFor(
    async () => {
      await h.services.sandbox.settle();
      await h.services.outbox.pollNow();
      const inFlight = IN_FLIGHT_JOB_STATES.map((s) => countWhere(s) ?? 0).reduce((a, b) => a + b, 0);
      expect(inFlight).toBe(0);
    },
    { timeout: 20_000, interval: 50 },
  );
}

beforeAll(async () => {
  h = await startHandlers({ dispatched });
  const pdf = await makePdf({ pages: ['memo', 'annex'] });
  const added = await h.value('addComposeFiles', { files: [{ name: 'memo.pdf', dataBase64: Buffer.from(pdf).toString('base64') }] });
  const { documents: _d, send: _s, updatedAt: _u, ...fields } = added.draft;
  const sent = await h.value('sendCompose', { ...fields, recipients: [DELIVERS, VOICE_LINE], toHeader: '', fromHeader: 'Acme' });
  if (!sent.ok || !sent.draft.send?.broadcastId) throw new Error(`the broadcast was not sent: ${JSON.stringify(sent)}`);
  broadcastId = sent.draft.send.broadcastId;
  const byDisplay = Object.fromEntries(sent.draft.send.jobs.map((j) => [j.display, j.jobId]));
  delivered = byDisplay[DELIVERS.display]!;
  failed = byDisplay[VOICE_LINE.display]!;
  await everyResultIn();
}, 30_000);
afterAll(() => h.close());

describe('outbox lists', () => {
  it('show the broadcast as one row with its counts, and each recipient under it', async () => {
    const page = await h.value('listOutbox', {});
    expect(page.rows).toMatchObject([
      { kind: 'broadcast', id: broadcastId, total: 2, counts: { sent: 2, delivered: 1, failed: 1 }, side: 'sandbox' },
    ]);
    expect(page).toMatchObject({ hasMore: false, summary: { counts: { all: 2, delivered: 1, failed: 1 }, inFlight: 0 } });
    expect(await h.value('getOutboxSummary', undefined)).toEqual(page.summary);

    const members = await h.value('listBroadcastJobs', { broadcastId });
    expect(Object.fromEntries(members.rows.map((r) => [r.id, r.state]))).toEqual({ [delivered]: 'delivered', [failed]: 'failed' });
    expect(await h.refusal('listOutbox', { filter: 'everything' })).toMatchObject({
      code: 'invalid-payload',
      issues: [{ path: 'filter' }],
    });
  });

  it('detail a job with its timeline, and hand back the PDF the sandbox received', async () => {
    const detail = await h.value('getJobDetail', { jobId: failed });
    expect(detail).toMatchObject({
      job: { id: failed, state: 'failed', number: VOICE_LINE.display },
      document: { name: 'memo.pdf', available: true },
      broadcast: { id: broadcastId },
      resendOf: null,
      resentAs: null,
    });
    expect(detail!.timeline.length).toBeGreaterThan(0);
    documentId = detail!.document.id;
    expect(await h.value('getJobDetail', { jobId: 99_999 })).toBeNull();
    expect(await h.refusal('getJobDetail', { jobId: -1 })).toMatchObject({ code: 'invalid-payload', issues: [{ path: 'jobId' }] });

    const doc = await h.value('getJobDocument', { jobId: delivered });
    expect(doc).toMatchObject({ ok: true, name: 'memo.pdf' });
    if (!doc.ok) return;
    const received = h.services.sandbox.faxes().find((f) => f.faxNumber === DELIVERS.number);
    expect(createHash('sha256').update(Buffer.from(doc.base64, 'base64')).digest('hex')).toBe(received?.pdfSha256);
    expect(await h.value('getJobDocument', { jobId: 99_999 })).toEqual({ ok: false, reason: 'There is no fax job 99999.' });
  });

  it('open the PDF with the OS viewer in the desktop app only', async () => {
    expect(await h.value('openJobDocument', { jobId: delivered })).toEqual({ opened: false, reason: null });
    h.host.transport = 'electron';
    try {
      expect(await h.value('openJobDocument', { jobId: delivered })).toEqual({ opened: true, reason: null });
      expect(h.host.opened.at(-1)).toMatch(/\.pdf$/);
      h.host.canOpen = false;
      expect(await h.value('openJobDocument', { jobId: delivered })).toEqual({
        opened: false,
        reason: 'No program to open PDFs was found.',
      });
    } finally {
      h.host.transport = 'web';
      h.host.canOpen = true;
    }
  });
});

describe('outbox actions', () => {
  it('send a finished fax again as a new one, and the failed recipients of a broadcast', async () => {
    // Openfax already has it: the duplicate guard asks, naming when it went and how it ended.
    const asked = await h.value('resendJob', { jobId: delivered });
    expect(asked).toMatchObject({
      ok: false,
      field: 'to',
      duplicates: [{ jobId: delivered, faxNumber: DELIVERS.number, number: DELIVERS.display, outcome: 'delivered' }],
    });
    if (asked.ok) return;
    expect(asked.reason).toMatch(/^Openfax already accepted this document for \+1 202 555 0150 today at .+; it was delivered\./);
    const again = await h.value('resendJob', { jobId: delivered, allowDuplicate: true });
    expect(again).toMatchObject({ ok: true, message: 'Sent again as a new fax.' });
    if (!again.ok) return;
    expect(again.jobIds).toEqual([resendOf(delivered)]);
    expect((await h.value('getJobDetail', { jobId: delivered }))?.resentAs).toBe(again.jobIds[0]);
    expect(await h.value('resendJob', { jobId: 99_999 })).toEqual({
      ok: false,
      reason: 'There is no fax job 99999.',
      action: 'Refresh the outbox.',
    });

    // The voice line cannot take a fax: no resend to it in one click, a corrected number first.
    expect(await h.value('resendBroadcastFailed', { broadcastId })).toMatchObject({ ok: false, field: 'number' });
    expect(await h.value('resendJob', { jobId: failed })).toMatchObject({ ok: false, field: 'number' });
    expect(await h.value('resendJob', { jobId: failed, number: '202 555' })).toMatchObject({ ok: false, field: 'number' });
    // The corrected number already has this document: the guard asks again.
    expect(await h.value('resendJob', { jobId: failed, number: DELIVERS.display })).toMatchObject({ ok: false, duplicates: [{}] });
    const corrected = await h.value('resendJob', { jobId: failed, number: '202 555 0151' });
    expect(corrected).toMatchObject({ ok: true, message: 'Sent again as a new fax to +1 202 555 0151.' });
    if (!corrected.ok) return;
    expect(corrected.jobIds).toEqual([resendOf(failed)]);

    await everyResultIn();
    expect(h.services.sandbox.faxes().filter((f) => f.faxNumber === DELIVERS.number)).toHaveLength(2);
    expect(h.services.sandbox.faxes().filter((f) => f.faxNumber === VOICE_LINE.number)).toHaveLength(1);
    expect(h.services.sandbox.faxes().filter((f) => f.faxNumber === '12025550151')).toHaveLength(1);
  });

  it('cancel queued faxes and broadcasts, and retry a fax that needs attention', async () => {
    await h.services.outbox.stop();
    const queued = seedJob(db(), { documentId, state: 'queued' });
    expect(await h.value('cancelJob', { jobId: queued })).toEqual({ ok: true, jobIds: [queued], message: 'Canceled; nothing was sent.' });
    expect(stateOf(queued)).toBe('canceled');
    expect(await h.value('cancelJob', { jobId: delivered })).toMatchObject({
      ok: false,
      reason: 'This fax is delivered and cannot be canceled.',
    });

    const seeded = seedBroadcast(db(), documentId, ['queued', 'queued', 'delivered']);
    expect(await h.value('cancelBroadcast', { broadcastId: seeded.broadcastId })).toEqual({
      ok: true,
      jobIds: [],
      message: '2 recipients not yet sent canceled.',
    });
    expect(seeded.jobIds.map(stateOf)).toEqual(['canceled', 'canceled', 'delivered']);

    const unsure = seedJob(db(), {
      documentId,
      state: 'needs-attention',
      error: { kind: 'unknown-outcome', code: null, message: 'The upload was cut off.', action: null },
    });
    expect(await h.value('retryJob', { jobId: unsure })).toMatchObject({
      ok: false,
      reason: 'Openfax may already have this fax: sending it again could deliver it twice.',
    });
    expect(stateOf(unsure)).toBe('needs-attention');
    expect(await h.value('retryJob', { jobId: unsure, acceptDuplicateRisk: true })).toMatchObject({
      ok: true,
      message: 'Back in the queue.',
    });
    expect(stateOf(unsure)).toBe('queued');
    expect(await h.refusal('cancelBroadcast', { broadcastId: 'all' })).toMatchObject({ code: 'invalid-payload' });
  });

  it('export the list as CSV: content for a browser, a file where the desktop app was told', async () => {
    h.host.dialogs = false;
    try {
      const content = await h.value('exportJobsCsv', { filter: 'delivered' });
      expect(content).toMatchObject({ kind: 'content', rows: countWhere('delivered') });
      if (content.kind !== 'content') return;
      expect(content.csv.trim().split('\r\n')).toHaveLength(content.rows + 1);
    } finally {
      h.host.dialogs = true;
    }
    const target = join(h.dataDir, 'jobs.csv');
    h.host.answers.savePaths.push(target);
    const saved = await h.value('exportJobsCsv', {});
    expect(saved).toEqual({ kind: 'saved', path: target, rows: get<{ n: number }>(db(), 'SELECT count(*) AS n FROM jobs')?.n });
    expect(readFileSync(target, 'utf8').startsWith('\ufeff')).toBe(true);
    expect(await h.value('exportJobsCsv', {})).toEqual({ kind: 'canceled' });
  });

  itDispatchedEvery(jobsMethods, dispatched);
});
