// The compose channels through the real router: documents are staged on disk by id, the draft
// row in SQLite follows every edit, and a send is judged by what the sandbox received.

import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stagedPath, stagingDir } from '../../../electron/compose/staging.ts';
import { currentDraftId, getDraft } from '../../../electron/store/drafts-repo.ts';
import { type ComposeDraft, composeMethods, type DraftFields } from '../../../shared/ipc/contract/compose.ts';
import { PATH_NOT_GRANTED } from '../../../shared/ipc/names.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { type HandlersHarness, itDispatchedEvery, startHandlers } from './handlers-harness.ts';

const dispatched = new Set<string>();
let h: HandlersHarness;

beforeAll(async () => {
  h = await startHandlers({ dispatched });
});
afterAll(() => h.close());

const alice = { number: '12025550150', display: '+1 202 555 0150', name: 'Alice Ames' };
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const staged = (id: string) => stagedPath(stagingDir(h.dataDir), id);
const storedDraft = () => getDraft<ComposeDraft>(h.services.store.db, currentDraftId(h.services.store.db) ?? '')?.data;

function fieldsOf(draft: ComposeDraft, patch: Partial<DraftFields> = {}): DraftFields {
  const { documents: _d, send: _s, updatedAt: _u, id: _i, sentBefore: _b, createdAt: _c, ...fields } = draft;
  return { ...fields, ...patch };
}

describe('compose channels', () => {
  it('start with an empty draft, the defaults and the sandbox price, and save edits in SQLite', async () => {
    const state = await h.value('getCompose', undefined);
    expect(state).toMatchObject({ draft: { documents: [], recipients: [], send: null }, pricing: { priceSource: 'sandbox' } });
    const saved = await h.value('saveComposeDraft', fieldsOf(state.draft, { recipients: [alice], toHeader: 'Alice' }));
    expect(saved).toMatchObject({ recipients: [alice], toHeader: 'Alice' });
    expect(storedDraft()).toMatchObject({ recipients: [alice], toHeader: 'Alice' });
    const bad = await h.refusal('saveComposeDraft', fieldsOf(state.draft, { recipients: [{ number: 'call me', display: 'x' }] }));
    expect(bad).toMatchObject({ code: 'invalid-payload', issues: [{ path: 'recipients.0.number' }] });
  });

  it('stage uploaded bytes, paths from the desktop app and picked files, each on disk by id', async () => {
    const one = await makePdf({ pages: ['one'] });
    const up = await h.value('addComposeFiles', { files: [{ name: 'one.pdf', dataBase64: base64(one) }] });
    expect(up.added).toMatchObject([{ name: 'one.pdf', pages: 1, source: 'drop' }]);
    expect(existsSync(staged(up.added[0]!.id))).toBe(true);
    expect(await h.refusal('addComposeFiles', { files: [] })).toMatchObject({ code: 'invalid-payload', issues: [{ path: 'files' }] });

    const twoPath = join(h.dataDir, 'two.pdf');
    writeFileSync(twoPath, await makePdf({ pages: ['two', 'three'] }));
    const browser = { code: PATH_NOT_GRANTED.code, message: PATH_NOT_GRANTED.message, field: 'paths' };
    expect(await h.refusal('addComposePaths', { paths: [twoPath] }, 'web')).toEqual(browser);
    expect(await h.refusal('grantDroppedPaths', { paths: [twoPath] }, 'web')).toEqual(browser);
    // Named, but never dropped: refused unread (security/compose-paths.test.ts probes the rest).
    const named = await h.value('addComposePaths', { paths: [twoPath] }, 'electron');
    expect(named).toMatchObject({ added: [], refused: [{ name: 'two.pdf', ...PATH_NOT_GRANTED }] });
    // Dropped (the preload grants the drop's paths): added, once.
    expect(await h.value('grantDroppedPaths', { paths: [twoPath, 'relative.pdf'] }, 'electron')).toEqual({ granted: 1 });
    const byPath = await h.value('addComposePaths', { paths: [twoPath] }, 'electron');
    expect(byPath.added).toMatchObject([{ name: 'two.pdf', pages: 2 }]);
    expect((await h.value('addComposePaths', { paths: [twoPath] }, 'electron')).added).toEqual([]);

    h.host.answers.files.push([twoPath]);
    const picked = await h.value('pickComposeDocuments', undefined);
    expect(picked).toMatchObject({ canceled: false, unsupported: false, added: [{ name: 'two.pdf', source: 'picker' }] });
    expect(await h.value('pickComposeDocuments', undefined)).toMatchObject({ canceled: true, added: [] });
    h.host.dialogs = false;
    try {
      expect(await h.value('pickComposeDocuments', undefined)).toMatchObject({ unsupported: true, added: [] });
    } finally {
      h.host.dialogs = true;
    }
    expect(storedDraft()?.documents.map((d) => d.source)).toEqual(['drop', 'drop', 'picker']);
  });

  it('hand staged bytes back, reorder and remove by id, and refuse ids the draft does not hold', async () => {
    const docs = (await h.value('getCompose', undefined)).draft.documents;
    const [first, second, third] = docs.map((d) => d.id) as [string, string, string];
    const bytes = await h.value('getComposeDocumentBytes', { id: first });
    expect(Buffer.from(bytes.dataBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(await h.refusal('getComposeDocumentBytes', { id: '../openfax.db' })).toEqual({
      code: 'document-gone',
      message: 'That document is no longer part of the fax.',
      field: 'id',
    });

    const reordered = await h.value('reorderComposeDocuments', { ids: [third, first, second] });
    expect(reordered.documents.map((d) => d.id)).toEqual([third, first, second]);
    expect(await h.refusal('reorderComposeDocuments', { ids: [first] })).toEqual({
      code: 'documents-changed',
      message: 'The document list changed meanwhile: reorder again.',
      field: 'ids',
    });

    const removed = await h.value('removeComposeDocument', { id: third });
    expect(removed.documents.map((d) => d.id)).toEqual([first, second]);
    expect(existsSync(staged(third))).toBe(false);
    expect(storedDraft()?.documents).toHaveLength(2);
  });

  it('render the cover preview', async () => {
    const cover = { enabled: true, to: 'Alice', from: 'Acme', subject: 'Contract', message: 'Two pages follow.' };
    const r = await h.value('getCoverPreview', { cover, pages: 3, paperSize: 'letter', date: 'May 2, 2025' });
    expect(Buffer.from(r.dataBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(await h.refusal('getCoverPreview', { cover, pages: 3, paperSize: 'tabloid', date: '' })).toMatchObject({
      code: 'invalid-payload',
    });
  });

  it('refuse a bad header in place, then send the merged fax the sandbox receives', async () => {
    const draft = (await h.value('getCompose', undefined)).draft;
    const refused = await h.value('sendCompose', fieldsOf(draft, { toHeader: 'Sixteen chars!!!', fromHeader: 'Acme' }));
    expect(refused).toMatchObject({ ok: false, problems: [{ field: 'toHeader' }] });
    expect(h.services.sandbox.faxes()).toEqual([]);

    const sent = await h.value('sendCompose', fieldsOf(draft, { toHeader: 'Alice', fromHeader: 'Acme' }));
    expect(sent).toMatchObject({ ok: true, draft: { send: { jobs: [{ display: alice.display }] } } });
    await vi.waitFor(() => expect(h.services.sandbox.faxes()).toMatchObject([{ faxNumber: alice.number, toHeader: 'Alice', pages: 3 }]), {
      timeout: 10_000,
    });
    await vi.waitFor(async () => expect((await h.value('getCompose', undefined)).draft.send?.phase).toBe('sent'), { timeout: 10_000 });

    const dismissed = await h.value('dismissComposeSend', undefined);
    expect(dismissed.send).toBeNull();
    expect(storedDraft()?.send).toBeNull();
  });

  it('discard a draft with an undo that brings its documents back, and switch between drafts', async () => {
    const one = await makePdf({ pages: ['again'] });
    const up = await h.value('addComposeFiles', { files: [{ name: 'again.pdf', dataBase64: base64(one) }] });
    const kept = up.draft.id;
    await h.value('saveComposeDraft', { ...fieldsOf(up.draft, { recipients: [alice] }), draftId: kept });
    const discarded = await h.value('discardCompose', {});
    expect(discarded.undo).toEqual({ token: kept, name: 'again.pdf' });
    expect(discarded.state.draft).toMatchObject({ documents: [], recipients: [] });
    expect(getDraft(h.services.store.db, kept)).toBeUndefined();
    // Held for the undo: the staged copy is still there.
    expect(existsSync(staged(up.added[0]!.id))).toBe(true);

    const back = await h.value('undoDiscardCompose', { token: kept });
    expect(back.draft).toMatchObject({ id: kept, recipients: [alice], documents: [{ name: 'again.pdf' }] });
    expect(storedDraft()?.documents.map((d) => d.name)).toEqual(['again.pdf']);
    expect(await h.refusal('undoDiscardCompose', { token: 'gone' })).toMatchObject({ code: 'undo-expired', field: 'token' });

    const fresh = await h.value('newComposeDraft', undefined);
    expect(fresh.draft.id).not.toBe(kept);
    expect(fresh.drafts.map((d) => d.name)).toEqual(['New fax', 'again.pdf']);
    const reopened = await h.value('openComposeDraft', { id: kept });
    expect(reopened.draft.id).toBe(kept);
    // The empty draft left behind is dropped; nothing of it would be lost.
    expect(reopened.drafts.map((d) => d.id)).toEqual([kept]);
    expect(await h.refusal('openComposeDraft', { id: 'nope' })).toMatchObject({ code: 'draft-gone' });
    expect(readdirSync(stagingDir(h.dataDir)).filter((f) => f.endsWith('.pdf')).length).toBeGreaterThan(0);
  });

  itDispatchedEvery(composeMethods, dispatched);
});
