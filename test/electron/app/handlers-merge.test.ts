// The mail-merge channels through the real router, over the real app (a temp data folder, the
// real merge service and outbox, the in-memory sandbox). A dropped or picked template becomes a
// merge row in SQLite; rows are checked, fixed and left out there; a preview and a send go
// through LibreOffice, and the sandbox's own record says what arrived: each ready row's fax once.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, get } from '../../../electron/store/sql.ts';
import type { MergeView } from '../../../shared/ipc/contract/merge.ts';
import { mergeMethods } from '../../../shared/ipc/contract/merge.ts';
import { DEFAULT_FIELDS, mergeFieldTemplate, sofficeMissing, zipOfSomethingElse } from '../../fixtures/merge-templates.ts';
import { pageTexts } from '../report/pdf-text.ts';
import { type HandlersHarness, itDispatchedEvery, startHandlers } from './handlers-harness.ts';

const noSoffice = sofficeMissing();
if (noSoffice && process.env.CI) throw new Error(`${noSoffice}; the merge handlers test needs it under CI.`);

const dispatched = new Set<string>();
let h: HandlersHarness;
const changed: MergeView[] = [];

beforeAll(async () => {
  h = await startHandlers({ dispatched });
  h.services.events.on('mergeChanged', (v) => changed.push(v));
});
afterAll(() => h.close());

const db = () => h.services.store.db;
const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const mergeRow = (id: string) =>
  get<{ state: string; template_name: string | null; data_name: string | null }>(
    db(),
    'SELECT state, template_name, data_name FROM merges WHERE id = :id',
    { id },
  );
const rowsOf = (id: string) =>
  all<{ row: number; left_out: number; edits: string | null }>(
    db(),
    'SELECT row, left_out, edits FROM merge_rows WHERE merge_id = :id ORDER BY row',
    { id },
  );

// Row 2's number is too short; the others are real numbers of their own.
const CSV = [
  'Name,Fax,Account,Patient list',
  'Dr Ann Ames,212 555 0151,A-101,Jo; Al',
  'Dr Bob Burns,555 01,A-102,Cy',
  'Dr Cy Cole,212 555 0153,A-103,Di',
].join('\r\n');

let template: Uint8Array;
let mergeId: string;

describe('opening a template', () => {
  it('answers no merge at first, then a dropped template starts one whose fields are read at once', async () => {
    expect(await h.value('getMerge', undefined)).toEqual({ merge: null });
    template = await mergeFieldTemplate({ simple: true });
    const view = await h.value('openMergeTemplate', { source: { kind: 'bytes', fileName: 'notice.docx', base64: b64(template) } });
    mergeId = view.id;
    expect(view).toMatchObject({ state: 'draft', template: { name: 'notice.docx', fields: DEFAULT_FIELDS }, data: null });
    expect(view.template?.kinds.mergeFields).toBeGreaterThan(0);
    expect(mergeRow(mergeId)).toMatchObject({ state: 'draft', template_name: 'notice.docx' });
    expect((await h.value('getMerge', undefined)).merge?.id).toBe(mergeId);
    // The renderer hears of it too.
    await expect.poll(() => changed.some((v) => v.id === mergeId)).toBe(true);
  });

  it('refuses a .docx that is a ZIP of other things in words, and keeps the merge as it was', async () => {
    const refusal = await h.refusal('openMergeTemplate', {
      source: { kind: 'bytes', fileName: 'letter.docx', base64: b64(await zipOfSomethingElse()) },
    });
    expect(refusal.code).not.toBe('internal');
    expect(refusal.message).toMatch(/letter\.docx|Word/);
    expect(mergeRow(mergeId)).toMatchObject({ template_name: 'notice.docx' });
  });

  it('reads the file the desktop’s dialog chose; a closed dialog and a browser get their own refusals', async () => {
    const path = join(h.dataDir, 'Chosen notice.docx');
    writeFileSync(path, template);
    h.host.answers.files.push([path]);
    const view = await h.value('openMergeTemplate', { source: { kind: 'pick' } });
    expect(view).toMatchObject({ id: mergeId, template: { name: 'Chosen notice.docx' } });
    expect(h.host.asked.at(-1)).toBe('Choose the Word template');

    expect(await h.refusal('openMergeTemplate', { source: { kind: 'pick' } })).toMatchObject({
      code: 'merge-pick-canceled',
      field: 'source',
    });
    h.host.dialogs = false;
    try {
      expect(await h.refusal('openMergeData', { mergeId, source: { kind: 'pick' } })).toMatchObject({ code: 'merge-pick-unavailable' });
    } finally {
      h.host.dialogs = true;
    }
    expect(mergeRow(mergeId)).toMatchObject({ template_name: 'Chosen notice.docx', data_name: null });
  });

  it('refuses malformed payloads before any handler runs', async () => {
    const huge = 'A'.repeat(70_000_001);
    expect(await h.refusal('openMergeTemplate', { source: { kind: 'bytes', fileName: 'big.docx', base64: huge } })).toMatchObject({
      code: 'invalid-payload',
      issues: [{ path: 'source.base64' }],
    });
    expect(await h.refusal('openMergeTemplate', { source: { kind: 'path', path: '/etc/passwd' } })).toMatchObject({
      code: 'invalid-payload',
    });
    expect(await h.refusal('listMergeRows', { mergeId, limit: 501 })).toMatchObject({
      code: 'invalid-payload',
      issues: [{ path: 'limit' }],
    });
    expect(await h.refusal('setMergeRowsLeftOut', { mergeId, rows: [], leftOut: true })).toMatchObject({ code: 'invalid-payload' });
    expect(await h.refusal('updateMerge', { mergeId, converter: 'pandoc' })).toMatchObject({
      code: 'invalid-payload',
      issues: [{ path: 'converter' }],
    });
    expect(await h.refusal('pauseMerge', { mergeId: '' })).toMatchObject({ code: 'invalid-payload' });
    expect(await h.refusal('fixMergeRow', { mergeId: 'no-such-merge', row: 0, values: [{ column: 'Fax', value: '1' }] })).toMatchObject({
      code: 'no-merge',
    });
  });
});

describe('the rows', () => {
  it('reads an address-book group, then a CSV in its place', async () => {
    const group = await h.value('saveGroup', { name: 'Clinics' });
    if (!group.ok) throw new Error(group.reason);
    await h.value('saveContact', { name: 'Dr Dee Dunn', fax: '212 555 0154', groupIds: [group.group.id] });
    const fromGroup = await h.value('openMergeData', { mergeId, source: { kind: 'group', groupId: group.group.id } });
    expect(fromGroup.data).toMatchObject({ kind: 'group', name: 'Clinics', rows: 1 });
    expect(rowsOf(mergeId)).toHaveLength(1);

    const view = await h.value('openMergeData', { mergeId, source: { kind: 'bytes', fileName: 'doctors.csv', base64: b64(CSV) } });
    expect(view.data).toMatchObject({ kind: 'csv', name: 'doctors.csv', rows: 3, columns: DEFAULT_FIELDS });
    expect(view.mapping.numberColumn).toBe('Fax');
    expect(view.counts).toMatchObject({ rows: 3, ready: 2, problems: 1 });
    expect(rowsOf(mergeId).map((r) => r.row)).toEqual([0, 1, 2]);
  });

  it('refuses a fix or a left-out from a screen that saw the rows before they were read again', async () => {
    const seen = (await h.value('getMerge', undefined)).merge!.updatedAt;
    // The clock moves on (a read in the same millisecond would be the same view).
    while (Date.now() <= seen) {
      /* under a millisecond */
    }
    // Another window reads the data again: row indexes now name that data's rows.
    const reread = await h.value('openMergeData', { mergeId, source: { kind: 'bytes', fileName: 'doctors.csv', base64: b64(CSV) } });
    expect(reread.updatedAt).toBeGreaterThan(seen);
    const before = rowsOf(mergeId);
    const refusal = await h.refusal('fixMergeRow', { mergeId, row: 1, values: [{ column: 'Fax', value: '212 555 0152' }], seen });
    expect(refusal).toMatchObject({ code: 'merge-rows-changed', message: expect.stringContaining('The rows changed: look again') });
    expect(await h.refusal('setMergeRowsLeftOut', { mergeId, rows: [2], leftOut: true, seen })).toMatchObject({
      code: 'merge-rows-changed',
    });
    expect(rowsOf(mergeId)).toEqual(before);
  });

  it('lists the problem rows with their reasons, fixes one in place and leaves one out', async () => {
    const problems = await h.value('listMergeRows', { mergeId, filter: 'problems' });
    expect(problems).toMatchObject({ total: 1, rows: [{ row: 1, display: expect.stringContaining('555 01') }] });
    expect(problems.rows[0]?.problems.join(' ')).toMatch(/\w/);

    const seen = (await h.value('getMerge', undefined)).merge!.updatedAt;
    const fixed = await h.value('fixMergeRow', { mergeId, row: 1, values: [{ column: 'Fax', value: '212 555 0152' }], seen });
    expect(fixed.row).toMatchObject({ row: 1, number: '12125550152', problems: [] });
    expect(fixed.merge.counts).toMatchObject({ ready: 3, problems: 0 });
    expect(JSON.parse(rowsOf(mergeId)[1]?.edits ?? '{}')).toEqual({ Fax: '212 555 0152' });

    const out = await h.value('setMergeRowsLeftOut', { mergeId, rows: [2], leftOut: true, seen: fixed.merge.updatedAt });
    expect(out.counts).toMatchObject({ ready: 2, leftOut: 1 });
    expect(rowsOf(mergeId).map((r) => r.left_out)).toEqual([0, 0, 1]);
    expect((await h.value('listMergeRows', { mergeId, filter: 'left-out' })).rows.map((r) => r.row)).toEqual([2]);
  });

  it('keeps the person’s choices: the To header field, the options, and refuses a converter that is not here', async () => {
    const before = (await h.value('getMerge', undefined)).merge!;
    const view = await h.value('updateMerge', {
      mergeId,
      mapping: { ...before.mapping, toHeaderField: 'Name' },
      options: { ...before.options, fromHeader: 'ACME PHARMACY' },
    });
    expect(view.mapping.toHeaderField).toBe('Name');
    expect(view.options.fromHeader).toBe('ACME PHARMACY');
    const rows = await h.value('listMergeRows', { mergeId });
    expect(rows.rows[0]?.toHeader).toBe('Dr Ann Ames');
    const word = view.converters.find((c) => c.id === 'word');
    if (word && !word.available)
      expect(await h.refusal('updateMerge', { mergeId, converter: 'word' })).toMatchObject({ code: 'converter-unavailable' });
  });
});

describe('what a draft cannot do', () => {
  it('refuses to pause, resume or cancel a merge that is not sending, and a row that is not there', async () => {
    expect(await h.refusal('pauseMerge', { mergeId })).toMatchObject({ code: 'not-running' });
    expect(await h.refusal('resumeMerge', { mergeId })).toMatchObject({ code: 'not-paused' });
    expect(await h.refusal('cancelMerge', { mergeId })).toMatchObject({ code: 'not-running' });
    expect(await h.refusal('previewMergeRow', { mergeId, row: 99 })).toMatchObject({ code: 'no-row', field: 'row' });
    expect(await h.refusal('startMerge', { mergeId: 'no-such-merge' })).toMatchObject({ code: 'no-merge' });
    // Discarding what is not open changes nothing.
    expect((await h.value('discardMerge', { mergeId: 'no-such-merge' })).merge?.id).toBe(mergeId);
    expect(mergeRow(mergeId)?.state).toBe('draft');
  });
});

describe.skipIf(noSoffice !== undefined)('preview and send (LibreOffice)', () => {
  it('previews a row as the PDF it will send, with its own values', async () => {
    await h.value('updateMerge', { mergeId, converter: 'libreoffice' });
    const preview = await h.value('previewMergeRow', { mergeId, row: 1 });
    expect(preview).toMatchObject({ row: 1, converter: 'libreoffice', pages: 1 });
    const text = (await pageTexts(new Uint8Array(Buffer.from(preview.dataBase64, 'base64')))).join(' ');
    expect(text).toContain('Dr Bob Burns');
    expect(text).toContain('A-102');
    expect(text).not.toContain('Dr Ann Ames');
  }, 60_000);

  it('sends each ready row once, pauses and resumes, and is closed by discard', async () => {
    const started = await h.value('startMerge', { mergeId });
    expect(started.state).toBe('running');
    const paused = await h.value('pauseMerge', { mergeId });
    expect(paused.state).toBe('paused');
    expect((await h.value('resumeMerge', { mergeId })).state).toBe('running');
    expect(await h.refusal('fixMergeRow', { mergeId, row: 0, values: [{ column: 'Fax', value: '1' }] })).toMatchObject({
      code: 'merge-started',
    });
    await h.services.merge.idle();
    const done = (await h.value('getMerge', undefined)).merge!;
    expect(done).toMatchObject({ state: 'done', progress: { total: 2, queued: 2, failed: 0 } });

    // The sandbox's record: rows 1 and 2 once each, row 3 (left out) never.
    await expect.poll(() => h.services.sandbox.faxes().length, { timeout: 30_000 }).toBe(2);
    expect(
      h.services.sandbox
        .faxes()
        .map((f) => f.faxNumber)
        .sort(),
    ).toEqual(['12125550151', '12125550152']);
    expect(new Set(h.services.sandbox.faxes().map((f) => f.pdfSha256)).size).toBe(2);

    expect(await h.value('discardMerge', { mergeId })).toEqual({ merge: null });
    expect(await h.value('getMerge', undefined)).toEqual({ merge: null });
  }, 90_000);

  it('asks before sending the same documents again, then cancels the rest on request', async () => {
    const again = await h.value('openMergeTemplate', { source: { kind: 'bytes', fileName: 'notice.docx', base64: b64(template) } });
    const id = again.id;
    expect(id).not.toBe(mergeId);
    const fixedCsv = CSV.replace('555 01,', '212 555 0152,');
    await h.value('openMergeData', { mergeId: id, source: { kind: 'bytes', fileName: 'doctors.csv', base64: b64(fixedCsv) } });
    await h.value('updateMerge', { mergeId: id, converter: 'libreoffice' });
    // The same template and the same rows: the two sent before are named (by their rows in the
    // file, the header being row 1), nothing goes.
    const refused = await h.refusal('startMerge', { mergeId: id });
    expect(refused).toMatchObject({ code: 'duplicate', message: expect.stringContaining('Rows 2, 3 have already been sent') });
    expect(mergeRow(id)?.state).toBe('draft');

    expect((await h.value('startMerge', { mergeId: id, allowDuplicate: true })).state).toBe('running');
    await h.value('pauseMerge', { mergeId: id });
    const canceled = await h.value('cancelMerge', { mergeId: id });
    expect(canceled.state).toBe('canceled');
    await h.services.merge.idle();
    expect(mergeRow(id)?.state).toBe('canceled');
    // At most the batch in hand when it paused went; never a fax twice for one row.
    const sent = h.services.sandbox.faxes().length;
    expect(sent).toBeLessThanOrEqual(2 + 3);
    expect((await h.value('discardMerge', { mergeId: id })).merge).toBeNull();
  }, 90_000);
});

itDispatchedEvery(mergeMethods, dispatched);
