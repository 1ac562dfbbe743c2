// The report channels through the real router. A broadcast goes to the sandbox (one number
// delivers, one is refused at submission); the report of the delivered fax comes back as bytes
// to download over the browser's transport and is saved through the save dialog over the
// desktop app's, a fax refused before it reached Openfax has none, and the archive folder is
// chosen with the desktop app's picker (a system folder refused) or typed in the browser.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { get } from '../../../electron/store/sql.ts';
import { IN_FLIGHT_JOB_STATES } from '../../../shared/domain.ts';
import { reportMethods } from '../../../shared/ipc/contract/report.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { pageTexts } from '../report/pdf-text.ts';
import { type HandlersHarness, itDispatchedEvery, startHandlers } from './handlers-harness.ts';

const dispatched = new Set<string>();
let h: HandlersHarness;
let delivered: number;
let refused: number;
let broadcastId: number;
let outside: string;

const db = () => h.services.store.db;
/** Runs `fn` with the desktop app's native dialogs. */
async function desktop<T>(fn: () => Promise<T>): Promise<T> {
  h.host.dialogs = true;
  try {
    return await fn();
  } finally {
    h.host.dialogs = false;
  }
}
const inFlight = () =>
  IN_FLIGHT_JOB_STATES.map(
    (state) => get<{ n: number }>(db(), 'SELECT count(*) AS n FROM jobs WHERE state = :state', { state })?.n ?? 0,
  ).reduce((a, b) => a + b, 0);

beforeAll(async () => {
  h = await startHandlers({ dispatched });
  // The browser host has no native dialogs; the desktop app's tests turn them on (desktop()).
  h.host.dialogs = false;
  outside = mkdtempSync(join(tmpdir(), 'openfax-report-ipc-'));
  const pdf = await makePdf({ pages: ['Invoice 7'] });
  const added = await h.value('addComposeFiles', { files: [{ name: 'invoice.pdf', dataBase64: Buffer.from(pdf).toString('base64') }] });
  const { documents: _d, send: _s, updatedAt: _u, ...fields } = added.draft;
  const sent = await h.value('sendCompose', {
    ...fields,
    recipients: [
      { number: '12025550150', display: '+1 202 555 0150' },
      { number: '12025550105', display: '+1 202 555 0105' },
    ],
    toHeader: '',
    fromHeader: 'Acme',
  });
  if (!sent.ok || !sent.draft.send?.broadcastId) throw new Error(`the broadcast was not sent: ${JSON.stringify(sent)}`);
  broadcastId = sent.draft.send.broadcastId;
  const byDisplay = Object.fromEntries(sent.draft.send.jobs.map((j) => [j.display, j.jobId]));
  delivered = byDisplay['+1 202 555 0150'] as number;
  refused = byDisplay['+1 202 555 0105'] as number;
  await vi.waitFor(
    async () => {
      await h.services.sandbox.settle();
      await h.services.outbox.pollNow();
      expect(inFlight()).toBe(0);
    },
    { timeout: 20_000, interval: 50 },
  );
}, 30_000);
afterAll(async () => {
  await h.close();
  rmSync(outside, { recursive: true, force: true });
});

describe('saving reports', () => {
  it('hands the browser the report to download, named by the archive rule', async () => {
    const r = await h.value('saveJobReport', { jobId: delivered });
    if (r.kind !== 'content') throw new Error(`not content: ${r.kind}`);
    expect(r.fileName).toMatch(/^\d{4}-\d\d-\d\d \d{4} \+1 202 555 0150 delivered report\.pdf$/);
    const [text] = await pageTexts(Buffer.from(r.base64, 'base64'));
    expect(text).toContain('Fax transmission report');
    expect(text).toContain(`Job ${delivered}`);

    const withDocument = await h.value('saveJobReport', { jobId: delivered, withDocument: true });
    if (withDocument.kind !== 'content') throw new Error(`not content: ${withDocument.kind}`);
    expect(withDocument.fileName).toMatch(/ delivered\.pdf$/);
    const pages = await pageTexts(Buffer.from(withDocument.base64, 'base64'));
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('Invoice 7');
  });

  it('saves through the save dialog in the desktop app, and makes nothing when it is canceled', async () => {
    const path = join(outside, 'chosen.pdf');
    h.host.answers.savePaths.push(path);
    expect(await desktop(() => h.value('saveJobReport', { jobId: delivered }, 'electron'))).toMatchObject({ kind: 'saved', path });
    expect(h.host.asked.at(-1)).toBe('Save the transmission report');
    expect((await pageTexts(readFileSync(path)))[0]).toContain(`Job ${delivered}`);
    expect(await desktop(() => h.value('saveBroadcastReport', { broadcastId }, 'electron'))).toEqual({ kind: 'canceled' });
  });

  it('makes a broadcast’s summary with the report of each recipient Openfax accepted, telling its progress', async () => {
    const progress: unknown[] = [];
    const off = h.services.events.on('reportProgress', (p) => progress.push(p));
    const r = await h.value('saveBroadcastReport', { broadcastId });
    off();
    expect(progress).toEqual([
      { broadcastId, done: 0, total: 1 },
      { broadcastId, done: 1, total: 1 },
    ]);
    if (r.kind !== 'content') throw new Error(`not content: ${r.kind}`);
    expect(r.fileName).toMatch(new RegExp(`broadcast ${broadcastId} report\\.pdf$`));
    const pages = await pageTexts(Buffer.from(r.base64, 'base64'));
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('2 recipients: 1 refused before sending · 1 sent · 1 delivered');
    expect(pages[1]).toContain(`Job ${delivered}`);
  });

  it('refuses in words for a fax that never reached Openfax, or an unknown one', async () => {
    expect(await h.value('saveJobReport', { jobId: refused })).toEqual({
      kind: 'refused',
      reason: `Fax ${refused} never reached Openfax (Refused): there was no transmission to report.`,
    });
    expect(await h.value('saveJobReport', { jobId: 4242, withDocument: true })).toEqual({
      kind: 'refused',
      reason: 'There is no fax job 4242.',
    });
    expect(await h.value('saveBroadcastReport', { broadcastId: 4242 })).toEqual({ kind: 'refused', reason: 'There is no broadcast 4242.' });
    expect(await h.refusal('saveJobReport', { jobId: 'one' })).toMatchObject({ code: 'invalid-payload' });
  });
});

describe('choosing the archive folder', () => {
  it('takes a folder from the desktop app’s picker, and refuses a system folder there', async () => {
    const folder = join(outside, 'Fax archive');
    h.host.answers.folders.push('/etc');
    expect(await desktop(() => h.value('pickArchiveFolder', undefined, 'electron'))).toEqual({
      kind: 'invalid',
      path: '/etc',
      reason: '/etc is a system folder. Choose a folder of your own for the archive, for example "Fax archive" in Documents.',
    });
    expect(h.services.settings.get().archiveFolderPath).toBe('');
    h.host.answers.folders.push(folder);
    expect(await desktop(() => h.value('pickArchiveFolder', undefined, 'electron'))).toEqual({ kind: 'picked', path: folder });
    expect(existsSync(folder)).toBe(true);
    expect(h.services.settings.get().archiveFolderPath).toBe(folder);
    expect(await desktop(() => h.value('pickArchiveFolder', undefined, 'electron'))).toEqual({ kind: 'canceled' });
  });

  it('takes a typed folder only over the browser’s transport, checked the same way', async () => {
    const typed = join(outside, 'Typed archive');
    expect(await h.value('updateSettings', { patch: { archiveFolderPath: typed } }, 'electron')).toEqual({
      ok: false,
      errors: { archiveFolderPath: 'Choose the archive folder with “Choose folder…”.' },
    });
    expect(await h.value('updateSettings', { patch: { archiveFolderPath: h.dataDir } })).toMatchObject({
      ok: false,
      errors: { archiveFolderPath: expect.stringContaining('where Openfax Desktop keeps its own data') },
    });
    expect(await h.value('updateSettings', { patch: { archiveFolderPath: typed } })).toMatchObject({ ok: true });
    expect(h.services.settings.get().archiveFolderPath).toBe(typed);
    // Clearing it needs no picker.
    expect(await h.value('updateSettings', { patch: { archiveFolderPath: '' } }, 'electron')).toMatchObject({ ok: true });
    expect(await h.value('pickArchiveFolder', undefined)).toEqual({ kind: 'unsupported' });
  });
});

itDispatchedEvery(reportMethods, dispatched);
