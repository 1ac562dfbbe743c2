// Compose applies the same document rules as every entry: a PDF needing a password is refused,
// one with only an owner password is taken, a filled form is shown and sent filled, and the
// paper is the pages' own. The judge is the sandbox's record and the bytes the outbox uploaded.

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFBool, PDFDocument, PDFName } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { PAPER_SIZE_CODE } from '../../../shared/domain.ts';
import type { DraftFields } from '../../../shared/ipc/contract/compose.ts';
import { extractText } from '../../../electron/pdf/extract-text.ts';
import { getDocument } from '../../../electron/store/documents-repo.ts';
import { getJob } from '../../../electron/store/jobs-repo.ts';
import { A4, LETTER, makePdf, qpdfEncrypt } from '../../fixtures/pdf/make-pdf.ts';
import { type Stack, startStack, until } from './harness.ts';

let stack: Stack | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await stack?.close();
  stack = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fields(s: Stack, patch: Partial<DraftFields> = {}): DraftFields {
  const { documents: _d, send: _s, updatedAt: _u, ...rest } = s.compose.getState().draft;
  return { ...rest, ...patch };
}

const alice = { number: '12025550150', display: '+1 202 555 0150', name: 'Alice Ames' };
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A form as a viewer saves it when it leaves drawing to the reader: values, NeedAppearances, no appearances. */
async function viewerFilledForm(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage(LETTER);
  const name = doc.getForm().createTextField('patient');
  name.addToPage(page, { x: 72, y: 600, width: 300, height: 24 });
  name.setText('Ramona Flowers');
  const viewer = await PDFDocument.load(await doc.save());
  const form = viewer.getForm();
  for (const f of form.getFields()) for (const w of f.acroField.getWidgets()) w.dict.delete(PDFName.of('AP'));
  form.acroForm.dict.set(PDFName.of('NeedAppearances'), PDFBool.True);
  return viewer.save({ updateFieldAppearances: false });
}

/** The bytes the outbox uploaded for a job (its spooled document), checked against the sandbox's hash. */
async function uploaded(s: Stack, jobId: number): Promise<Uint8Array> {
  const job = getJob(s.store.db, jobId);
  const doc = job && getDocument(s.store.db, job.documentId);
  if (!doc) throw new Error(`job ${jobId} has no document`);
  const bytes = new Uint8Array(readFileSync(doc.spoolPath));
  const fax = await until(() => s.sandbox.faxes().find((f) => f.outTransId === getJob(s.store.db, jobId)?.outTransId));
  expect(fax.pdfSha256).toBe(sha(bytes));
  return bytes;
}

describe('compose: the document rules every entry uses', () => {
  it('refuses a PDF that needs a password and takes one with only an owner password', async () => {
    stack = await startStack();
    const dir = mkdtempSync(join(tmpdir(), 'compose-docs-'));
    dirs.push(dir);
    const plain = join(dir, 'plain.pdf');
    writeFileSync(plain, await makePdf({ pages: ['statement'], size: A4 }));
    await qpdfEncrypt(plain, join(dir, 'locked.pdf'), 'secret');
    await qpdfEncrypt(plain, join(dir, 'bank.pdf'), '');
    const picked = [join(dir, 'locked.pdf'), join(dir, 'bank.pdf')];
    await stack.compose.grantPaths(picked);
    const r = await stack.compose.addPaths(picked, 'picker');
    expect(r.refused).toEqual([
      expect.objectContaining({ name: 'locked.pdf', code: 'encrypted', message: expect.stringMatching(/needs a password to open/) }),
    ]);
    expect(r.added).toEqual([expect.objectContaining({ name: 'bank.pdf', pages: 1, paperSize: 'a4' })]);
    const preview = await stack.compose.documentBytes(r.added[0]?.id as string);
    expect((await PDFDocument.load(preview)).isEncrypted).toBe(false);
    expect(await extractText(preview)).toContain('statement');
  });

  it('shows a filled form filled in the preview, and sends it filled and on the paper of its pages', async () => {
    stack = await startStack();
    stack.settings.paperSize = 'letter';
    const form = await viewerFilledForm();
    const r = await stack.compose.addFiles([{ name: 'intake.pdf', bytes: form }], 'drop');
    const [doc] = r.added;
    if (!doc) throw new Error(`refused: ${JSON.stringify(r.refused)}`);
    // The preview renders the staged copy: the value is page text there, as it will be sent.
    expect(await extractText(await stack.compose.documentBytes(doc.id))).toContain('Ramona Flowers');

    const sent = await stack.compose.send(fields(stack, { recipients: [alice], fromHeader: 'Acme', paperSize: null }));
    expect(sent).toMatchObject({ ok: true });
    if (!sent.ok) return;
    const jobId = sent.draft.send?.jobs[0]?.jobId as number;
    expect(await extractText(await uploaded(stack, jobId))).toContain('Ramona Flowers');

    // An all-A4 document with "automatic" paper and Letter in the settings goes as A4.
    const a4 = await stack.compose.addFiles([{ name: 'a4.pdf', bytes: await makePdf({ pages: ['x', 'y'], size: A4 }) }], 'drop');
    expect(a4.added).toHaveLength(1);
    const second = await stack.compose.send(fields(stack, { recipients: [alice], fromHeader: 'Acme', paperSize: null }));
    if (!second.ok) throw new Error(JSON.stringify(second.problems));
    const a4Job = second.draft.send?.jobs[0]?.jobId as number;
    const fax = await until(() => stack!.sandbox.faxes().find((f) => f.outTransId === getJob(stack!.store.db, a4Job)?.outTransId));
    expect(fax.paperSize).toBe(PAPER_SIZE_CODE.a4);
  });
});
