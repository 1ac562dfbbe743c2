// The whole merge, for real: a Word template with MERGEFIELDs (made by the `docx` library), 50
// rows of a CSV, LibreOffice converting them, the real outbox uploading to the real sandbox.
// Each PDF is read back with pdf.js (its own name and number, nothing of another row's), and
// the sandbox's own record is the judge: each fax arrived once, to its own number, with the
// template's page count and the hash of its own document. The first fax is accepted before the
// last row is converted (a pipeline, not a batch job).
//
// Needs soffice (.ci/run installs it): skipped with the reason without it, failed under CI.

import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMergeService } from '../../../electron/merge/merge-service.ts';
import type { MergeService } from '../../../electron/merge/types.ts';
import { getDocument } from '../../../electron/store/documents-repo.ts';
import { getJob } from '../../../electron/store/jobs-repo.ts';
import { listMergeRows } from '../../../electron/store/merges-repo.ts';
import { getSettings, setSetting } from '../../../electron/store/settings-repo.ts';
import { mergeFieldTemplate, sofficeMissing } from '../../fixtures/merge-templates.ts';
import { type Harness, startHarness } from '../outbox/harness.ts';
import { pageTexts } from '../report/pdf-text.ts';
import { csvOf, people } from './merge-harness.ts';

const missing = sofficeMissing();
const suite = missing && !process.env.CI ? describe.skip : describe;
if (missing) console.warn(`Skipping the merge's sandbox test: ${missing}`);

const ROWS = 50;

suite('a merge of 50 rows through LibreOffice to the sandbox', () => {
  let h: Harness;
  let merge: MergeService;
  /** When the sandbox accepted its first fax, and when each row was queued (its document made). */
  let firstAccepted: number | undefined;
  const queuedAt = new Map<number, number>();

  beforeAll(async () => {
    if (missing) throw new Error(`LibreOffice is needed under CI: ${missing}`);
    h = await startHarness({ speed: 2000 });
    setSetting(h.store.db, 'fromHeader', 'Openfax Clinic');
    h.outbox.on('job-changed', (j) => {
      if (firstAccepted === undefined && j.outTransId) firstAccepted = Date.now();
      if (j.broadcastId !== null && !queuedAt.has(j.id)) queuedAt.set(j.id, Date.now());
    });
    merge = await createMergeService({
      db: h.store.db,
      dataDir: h.store.dataDir,
      outbox: h.outbox,
      getSettings: () => getSettings(h.store.db),
      log: { debug() {}, info() {}, warn: (m, e) => console.warn(m, e), error: (m, e) => console.error(m, e) },
    });
  }, 60_000);
  afterAll(async () => {
    await merge?.dispose();
    await h?.close();
  });

  it('sends each row its own document, once, and the first goes before the last is made', { timeout: 240_000 }, async () => {
    const view = await merge.openTemplate('Notice.docx', await mergeFieldTemplate({ simple: false, pages: 2 }));
    expect(view.converter).toBe('libreoffice');
    const withData = await merge.openData(view.id, { kind: 'bytes', fileName: 'doctors.csv', bytes: csvOf(people(ROWS)) });
    expect(withData.blockers).toEqual([]);
    expect(withData.counts.ready).toBe(ROWS);

    // A preview of row 7: its own pages, no mismatch with the template's two.
    const preview = await merge.preview(view.id, 7);
    expect(preview).toMatchObject({ row: 7, pages: 2, converter: 'libreoffice' });
    expect(preview.pageMismatch).toBeUndefined();
    const previewText = (await pageTexts(new Uint8Array(Buffer.from(preview.dataBase64, 'base64')))).join(' ');
    expect(previewText).toContain('Dr Person 7');

    await merge.start(view.id);
    await merge.idle();
    const done = merge.get(view.id);
    expect(merge.listRows(view.id, 'all', 0, 3).rows.map((r) => r.error)).toEqual([undefined, undefined, undefined]);
    expect(done?.state).toBe('done');
    expect(done?.progress).toMatchObject({
      total: ROWS,
      rendered: ROWS,
      queued: ROWS,
      failed: 0,
      pageMismatch: 0,
      converter: 'libreoffice',
    });
    expect(await h.outbox.whenIdle({ timeoutMs: 120_000 })).toBe(true);

    const rows = listMergeRows(h.store.db, view.id);
    const faxes = h.sb.faxes().filter((f) => f.accountId === h.account.accountId);
    expect(faxes).toHaveLength(ROWS);
    const everyone = people(ROWS);
    for (const r of rows) {
      const me = everyone[r.row];
      if (!me) throw new Error(`no person for row ${r.row}`);
      const job = getJob(h.store.db, r.jobId as number);
      const doc = getDocument(h.store.db, job?.documentId as string);
      if (!job || !doc) throw new Error(`row ${r.row} has no job`);
      // The sandbox's own record: one fax to this number, its pages, the hash of this row's document.
      const mine = faxes.filter((f) => f.faxNumber === job.faxNumber);
      expect(mine, `row ${r.row}`).toHaveLength(1);
      expect(mine[0]).toMatchObject({ pages: 2, pdfSha256: doc.sha256, fromHeader: 'Openfax Clinic', outTransId: job.outTransId });
      // What was uploaded says this row's values and nothing of its neighbours'.
      const text = (await pageTexts(new Uint8Array(await readFile(doc.spoolPath)))).join(' ');
      expect(text).toContain(me.name);
      expect(text).toContain(me.account);
      expect(text).toContain(me.fax);
      for (const other of [r.row - 1, r.row + 1]) {
        const them = everyone[other];
        if (them) expect(text, `row ${r.row} mentions row ${other}`).not.toContain(them.account);
      }
    }
    expect(new Set(faxes.map((f) => f.pdfSha256)).size).toBe(ROWS);

    // A pipeline: the sandbox accepted the first fax before the last row's document was made.
    const lastQueued = Math.max(...queuedAt.values());
    expect(firstAccepted).toBeDefined();
    expect(firstAccepted as number).toBeLessThan(lastQueued);
  });
});
