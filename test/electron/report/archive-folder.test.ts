// The archive folder end to end, through the real sandbox with a third of its report reads
// failing (HTTP 500 or a garbled answer): a delivered fax and a failed one are each written
// once, as the document followed by its report, under the name the rule gives (local time of
// the final result; this file runs in Asia/Kolkata, half an hour off any whole-hour zone). Then
// the folder vanishes while a third fax ends: nothing is lost, a notice names the folder and
// the fix, and at the next start that fax is written beside the first one of the same name,
// which stays as it was. Each archived file carries the very PDF uploaded as an attachment, so
// the SHA-256 its report prints can be checked from the archive alone.

process.env.TZ = 'Asia/Kolkata';

import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../electron/app/handlers/index.ts';
import { createIpcRouter } from '../../../electron/app/ipc-router.ts';
import { archivedPath } from '../../../electron/store/archive-repo.ts';
import { getJobView, type JobView } from '../../../electron/store/jobs-repo.ts';
import { get, run } from '../../../electron/store/sql.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { attachedFiles, pageTexts } from './pdf-text.ts';
import { NUMBERS, type ReportApp, startReportApp } from './report-harness.ts';

const FAULTS = { rate: 0.3, kinds: ['http500', 'malformed'] as const, seed: 7, paths: ['/outboundDetailsbyDate.php'] };

let app: ReportApp;
let archive: string;
let ann: number;
let bob: number;
const cleanup: string[] = [];

const db = () => app.services.store.db;
const job = (id: number) => getJobView(db(), id) as JobView;
const pad = (n: number) => String(n).padStart(2, '0');
/** The name the rule gives, worked out here from the job's final time in the local zone. */
function expectedName(j: JobView, who: string, result: 'delivered' | 'failed'): string {
  const d = new Date(j.finalAt as number);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}${pad(d.getMinutes())} ${who} ${result}.pdf`;
}
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function start(dataDir?: string): Promise<ReportApp> {
  return startReportApp({ dataDir, faults: { ...FAULTS, kinds: [...FAULTS.kinds] } });
}

beforeAll(async () => {
  app = await start();
  archive = mkdtempSync(join(tmpdir(), 'openfax-archive-'));
  cleanup.push(archive);
  // Chosen the way the browser host's Settings chooses it: typed, then checked by main.
  const router = createIpcRouter(createHandlers(app.services));
  const saved = await router.dispatch('updateSettings', { patch: { archiveFolderPath: archive } }, { transport: 'web' });
  expect(saved).toMatchObject({ ok: true, value: { ok: true } });

  const letter = await makePdf({ pages: ['Engagement letter', 'Terms'] });
  const memo = await makePdf({ pages: ['Memo to Bob'] });
  const a = await app.services.outbox.submit({
    pdfBytes: letter,
    originalName: 'letter.pdf',
    to: { number: NUMBERS.delivers, toHeader: 'ANN SMITH' },
  });
  // A header with characters no file system takes in a name.
  const b = await app.services.outbox.submit({
    pdfBytes: memo,
    originalName: 'memo.pdf',
    to: { number: NUMBERS.noAnswer, toHeader: 'BOB/BUILDER:CO' },
  });
  if (!a.ok || !b.ok) throw new Error('the faxes were not queued');
  ann = a.value.jobIds[0] as number;
  bob = b.value.jobIds[0] as number;
  await app.everyResultIn();
  await vi.waitFor(() => expect(readdirSync(archive)).toHaveLength(2), { timeout: 20_000 });
  await app.services.reports.archiver.idle();
}, 90_000);

afterAll(async () => {
  await app?.close();
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

describe('the archive folder', () => {
  it('keeps each fax that ended once, named by local date and time, recipient and result', () => {
    expect(job(ann).state).toBe('delivered');
    expect(job(bob).state).toBe('failed');
    expect(readdirSync(archive).sort()).toEqual(
      [expectedName(job(ann), 'ANN SMITH', 'delivered'), expectedName(job(bob), 'BOB BUILDER CO', 'failed')].sort(),
    );
    expect(archivedPath(db(), ann)).toBe(join(archive, expectedName(job(ann), 'ANN SMITH', 'delivered')));
    expect(archivedPath(db(), bob)).toBe(join(archive, expectedName(job(bob), 'BOB BUILDER CO', 'failed')));
  });

  it('holds the document followed by its report, readable by its owner alone', async () => {
    for (const [id, body, result] of [
      [ann, ['Engagement letter', 'Terms'], 'Delivered'],
      [bob, ['Memo to Bob'], 'Failed: No answer'],
    ] as const) {
      const path = archivedPath(db(), id) as string;
      if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
      const pages = await pageTexts(readFileSync(path));
      expect(pages).toHaveLength(body.length + 1);
      expect(pages.slice(0, body.length).map((p, i) => p.includes(body[i] as string))).toEqual(body.map(() => true));
      const report = pages.at(-1) as string;
      expect(report).toContain('Fax transmission report');
      expect(report).toContain(result);
      expect(report).toContain(`OutTransID ${job(id).outTransId}`);
      const received = app.services.sandbox.faxes().find((f) => f.outTransId === job(id).outTransId);
      expect(report).toContain(`SHA-256 ${received?.pdfSha256}`);
      // The pages above were re-saved; the attachment is the upload itself, byte for byte.
      const attached = Object.values(await attachedFiles(readFileSync(path)));
      expect(attached).toHaveLength(1);
      expect(
        createHash('sha256')
          .update(attached[0] as Uint8Array)
          .digest('hex'),
      ).toBe(received?.pdfSha256);
    }
  });

  it('loses nothing when the folder vanishes, says so, and at the next start never overwrites a fax of the same name', async () => {
    const first = archivedPath(db(), ann) as string;
    const firstSha = sha(first);
    const away = `${archive}.away`;
    cleanup.push(away);
    renameSync(archive, away);
    const again = await app.services.outbox.resend(ann, { allowDuplicate: true });
    if (!again.ok) throw new Error(again.error.message);
    const resent = again.value.id;
    await app.everyResultIn();
    await vi.waitFor(() => expect(app.notices.find((n) => n.code === 'archive-failed')).toBeDefined(), { timeout: 20_000 });
    const notice = app.notices.find((n) => n.code === 'archive-failed');
    expect(notice?.level).toBe('warning');
    expect(notice?.message).toContain(`The archive folder ${archive} is missing.`);
    expect(notice?.message).toContain('choose another archive folder in Settings');
    expect(notice?.message).toContain('written when Openfax Desktop next starts');
    expect(get(db(), 'SELECT path, tries, last_error AS error FROM archived_jobs WHERE job_id = :id', { id: resent })).toMatchObject({
      path: null,
      tries: 1,
      error: expect.stringContaining(archive),
    });

    // The drive is back. The name has minute precision and the outbox's clock cannot be held, so
    // the resent fax is given the first one's final time: the two names are then the same.
    renameSync(away, archive);
    run(db(), 'UPDATE jobs SET final_at = :at WHERE id = :id', { at: job(ann).finalAt, id: resent });
    const dataDir = app.dataDir;
    await app.close({ keepData: true });
    app = await start(dataDir);
    await vi.waitFor(() => expect(archivedPath(db(), resent)).toBeDefined(), { timeout: 20_000 });

    const second = first.replace(/\.pdf$/, ' (2).pdf');
    expect(archivedPath(db(), resent)).toBe(second);
    expect(readdirSync(archive).sort()).toEqual(
      [first, second, archivedPath(db(), bob) as string].map((p) => p.slice(archive.length + 1)).sort(),
    );
    expect(sha(first)).toBe(firstSha);
    const report = (await pageTexts(readFileSync(second))).at(-1);
    expect(report).toContain(`Job ${resent}`);
    expect(report).toContain(`OutTransID ${job(resent).outTransId}`);
    // Written once: another start writes nothing more.
    await app.services.reports.archiver.idle();
    expect(readdirSync(archive)).toHaveLength(3);
  }, 90_000);
});
