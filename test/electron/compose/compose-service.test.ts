import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import type { DraftFields } from '../../../shared/ipc/contract/compose.ts';
import { getJobViews } from '../../../electron/store/jobs-repo.ts';
import { A4, LETTER, makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { type Stack, startStack, until } from './harness.ts';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const staged = (s: Stack) => readdirSync(join(s.dataDir, 'compose')).filter((f) => f.endsWith('.pdf'));

function fields(s: Stack, patch: Partial<DraftFields> = {}): DraftFields {
  const { documents: _d, send: _s, updatedAt: _u, id: _i, sentBefore: _b, createdAt: _c, ...rest } = s.compose.getState().draft;
  return { ...rest, ...patch };
}

const alice = { number: '12025550150', display: '+1 202 555 0150', name: 'Alice Ames', toHeader: 'Alice' };
const bob = { number: '12025550151', display: '+1 202 555 0151' };

describe('compose documents', () => {
  it('keeps good PDFs, refuses a non-PDF and a damaged one with reasons, and survives a restart', async () => {
    stack = await startStack();
    const three = await makePdf({ pages: ['one', 'two', 'three'] });
    const a4 = await makePdf({ pages: ['a4'], size: A4 });
    const damaged = three.slice(0, 400);
    const r = await stack.compose.addFiles(
      [
        { name: 'report.pdf', bytes: three },
        { name: 'photo.pdf', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]) },
        { name: 'broken.pdf', bytes: damaged },
        { name: 'annex.pdf', bytes: a4 },
      ],
      'drop',
    );
    expect(r.added.map((d) => [d.name, d.pages, d.paperSize])).toEqual([
      ['report.pdf', 3, 'letter'],
      ['annex.pdf', 1, 'a4'],
    ]);
    expect(r.refused.map((x) => x.name)).toEqual(['photo.pdf', 'broken.pdf']);
    expect(r.refused[0]?.message).toMatch(/not a PDF.*PNG/);
    expect(r.refused[0]?.action).not.toBe('');
    expect(r.refused[1]?.code).toBe('damaged');
    expect(staged(stack)).toHaveLength(2);

    stack.compose.saveFields(fields(stack, { recipients: [alice], toHeader: 'Alice', toHeaderAuto: true, resolution: 'fine' }));
    const [first, second] = r.added;
    stack.compose.reorderDocuments([second!.id, first!.id]);
    expect(() => stack!.compose.reorderDocuments([first!.id])).toThrow(/changed/);

    const again = await stack.restart();
    const draft = again.getState().draft;
    expect(draft.documents.map((d) => d.name)).toEqual(['annex.pdf', 'report.pdf']);
    expect(draft.recipients).toEqual([alice]);
    expect(draft.resolution).toBe('fine');
    const bytes = await again.documentBytes(first!.id);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(3);
    await expect(again.documentBytes('../../etc/passwd')).rejects.toThrow(/no longer part/);

    await again.removeDocument(second!.id);
    expect(again.getState().draft.documents.map((d) => d.name)).toEqual(['report.pdf']);
    expect(staged(stack)).toHaveLength(1);
  });

  it('takes files from "Open with" and the hot folder, filling an empty form from the routing', async () => {
    stack = await startStack();
    const a = join(stack.dataDir, 'opened.pdf');
    const b = join(stack.dataDir, 'picked-up.pdf');
    writeFileSync(a, await makePdf({ pages: ['x', 'y'] }));
    writeFileSync(b, await makePdf());
    const opened = await stack.compose.openDocuments([a, join(stack.dataDir, 'missing.pdf')]);
    expect(opened.added.map((d) => [d.name, d.source])).toEqual([['opened.pdf', 'open-with']]);
    expect(opened.refused[0]?.name).toBe('missing.pdf');
    expect(stack.events.composeChanged.at(-1)).toMatchObject({ fieldsChanged: false, added: [{ name: 'opened.pdf' }] });
    expect(stack.events.notice.at(-1)).toEqual({
      level: 'info',
      title: 'On Compose',
      message: 'opened.pdf is on Compose, in the draft “opened.pdf”.',
    });

    await stack.compose.addIncoming({
      path: b,
      name: 'invoice 2025-118.pdf',
      recipients: [{ number: '12025550150', display: '+1 202 555 0150', name: 'Alice Ames' }],
      toHeader: 'Accounts',
      subject: 'Invoice 2025-118',
      options: { resolution: 'fine' },
    });
    const changed = stack.events.composeChanged.at(-1)!;
    expect(changed.fieldsChanged).toBe(true);
    expect(changed.draft.recipients).toEqual([{ number: '12025550150', display: '+1 202 555 0150', name: 'Alice Ames' }]);
    expect(changed.draft).toMatchObject({
      toHeader: 'Accounts',
      toHeaderAuto: false,
      resolution: 'fine',
      cover: { subject: 'Invoice 2025-118' },
    });
    // The draft already held the opened file: the pickup started a draft of its own.
    expect(changed.draft.documents.map((d) => d.source)).toEqual(['hotfolder']);
    expect(changed.drafts.map((d) => d.name)).toEqual(['invoice 2025-118.pdf', 'opened.pdf']);

    // A form already filled in is not overwritten by a later pickup ("add to this fax").
    stack.settings.arrivalsJoinOpenDraft = true;
    await stack.compose.addIncoming({ path: b, name: 'again.pdf', recipients: [{ number: '12025550151', display: '+1 202 555 0151' }] });
    expect(stack.events.composeChanged.at(-1)?.fieldsChanged).toBe(false);
    expect(stack.compose.getState().draft.recipients).toHaveLength(1);
  });

  it('renders the cover page preview with the page count', async () => {
    stack = await startStack();
    const bytes = await stack.compose.coverPreview({
      cover: { enabled: true, to: 'Alice Ames', from: 'Acme', subject: 'Contract', message: 'Please sign.' },
      pages: 4,
      paperSize: 'a4',
      date: 'May 2, 2025',
    });
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(Math.round(doc.getPage(0).getWidth())).toBe(Math.round(A4[0]));
  });
});

describe('compose send', () => {
  it('refuses a bad header and a bad number in place, and queues nothing', async () => {
    stack = await startStack();
    await stack.compose.addFiles([{ name: 'a.pdf', bytes: await makePdf() }], 'drop');
    const r = await stack.compose.send(
      fields(stack, { recipients: [{ number: '1212555', display: '212 555' }], toHeader: 'Sixteen chars!!!', fromHeader: 'Acme' }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byField = Object.fromEntries(r.problems.map((p) => [p.field, p]));
    expect(byField.toHeader?.message).toMatch(/16 characters, 1 over the limit of 15/);
    expect(byField.toHeader?.action).toMatch(/shorten it by 1 character/i);
    expect(byField.recipients?.message).toMatch(/too short|digits/);
    expect(stack.compose.getState().draft.toHeader).toBe('Sixteen chars!!!');
    expect(stack.sandbox.faxes()).toHaveLength(0);
  });

  it('merges two PDFs behind a cover page, sends it, tracks the upload and clears the draft', async () => {
    stack = await startStack();
    await stack.compose.addFiles(
      [
        { name: 'letter.pdf', bytes: await makePdf({ pages: ['p1', 'p2'], size: LETTER }) },
        { name: 'annex.pdf', bytes: await makePdf({ pages: ['p3'] }) },
      ],
      'drop',
    );
    const cover = { enabled: true, to: 'Alice Ames', from: 'Acme', subject: 'Contract', message: 'Three pages follow.' };
    const r = await stack.compose.send(fields(stack, { recipients: [alice], toHeader: 'Alice', fromHeader: 'Acme Front', cover }));
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    expect(r.draft.send?.jobs).toHaveLength(1);

    const last = await until(() => stack!.events.composeSendProgress.find((s) => s.phase !== 'uploading'));
    expect(last.phase).toBe('sent');
    const fax = await until(() => stack!.sandbox.faxes()[0]);
    expect(fax).toMatchObject({ faxNumber: '12025550150', toHeader: 'Alice', fromHeader: 'Acme Front', pages: 4 });

    const draft = await until(() => {
      const d = stack!.compose.getState().draft;
      return d.documents.length === 0 && d;
    });
    expect(draft.recipients).toEqual([]);
    expect(draft.fromHeader).toBe('Acme Front');
    expect(draft.send?.phase).toBe('sent');
    await until(() => staged(stack!).length === 0);
    expect(stack.events.composeChanged.some((e) => e.fieldsChanged && e.draft.documents.length === 0)).toBe(true);

    const job = getJobViews(
      stack.store.db,
      r.draft.send!.jobs.map((j) => j.jobId),
    )[0];
    expect(job?.pages).toBe(4);
    expect(stack.compose.dismissSend().send).toBeNull();
  });

  it("sends to several recipients as one broadcast with each contact's own To header", async () => {
    stack = await startStack();
    await stack.compose.addFiles([{ name: 'memo.pdf', bytes: await makePdf({ pages: ['memo'] }) }], 'drop');
    const r = await stack.compose.send(fields(stack, { recipients: [alice, bob], toHeader: '', fromHeader: 'Acme' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.draft.send?.broadcastId).toBeTypeOf('number');
    await until(() => stack!.sandbox.faxes().length === 2);
    const headers = Object.fromEntries(stack.sandbox.faxes().map((f) => [f.faxNumber, f.toHeader]));
    expect(headers).toEqual({ '12025550150': 'Alice', '12025550151': '' });
  });

  it('refuses a fax the credit does not cover when the price is known', async () => {
    stack = await startStack();
    stack.pricing.credit = 0.1;
    await stack.compose.addFiles([{ name: 'two.pdf', bytes: await makePdf({ pages: ['1', '2'] }) }], 'drop');
    const r = await stack.compose.send(fields(stack, { recipients: [alice], fromHeader: 'Acme' }));
    expect(r).toMatchObject({ ok: false, problems: [{ field: 'credit' }] });
    if (r.ok) return;
    expect(r.problems[0]?.message).toMatch(/\$0\.14.*\$0\.10/);
  });

  it('shows an authentication failure in plain words and keeps the draft', async () => {
    stack = await startStack({ apiKey: 'wrong-key' });
    await stack.compose.addFiles([{ name: 'a.pdf', bytes: await makePdf() }], 'drop');
    const r = await stack.compose.send(fields(stack, { recipients: [alice], fromHeader: 'Acme' }));
    expect(r.ok).toBe(true);
    const last = await until(() => stack!.events.composeSendProgress.find((s) => s.phase !== 'uploading'));
    expect(last.phase).toBe('failed');
    const job = last.jobs[0]!;
    expect(job.state).toBe('auth-failed');
    expect(job.error?.message).toBeTruthy();
    expect(job.error?.action).toBeTruthy();
    const draft = stack.compose.getState().draft;
    expect(draft.documents).toHaveLength(1);
    expect(draft.recipients).toEqual([alice]);
    expect(draft.send?.phase).toBe('failed');
    expect(existsSync(join(stack.dataDir, 'compose', `${draft.documents[0]!.id}.pdf`))).toBe(true);
  });
});
