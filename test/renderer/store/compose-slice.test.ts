// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { type DraftFields, draftSummary } from '../../../shared/ipc/contract/compose.ts';
import { composeDocument, composeState, draft } from '../fixtures.ts';
import { fakeMain, useStore } from '../harness.ts';

const alice = { number: '12025550150', display: '+1 202 555 0150', contactId: 1, name: 'Alice Ames', toHeader: 'Alice Ames' };
const bob = { number: '12025550160', display: '+1 202 555 0160', contactId: 2, name: 'Bob Burns', toHeader: 'Bob Burns' };

/** Main keeps the draft: saving fields returns it with them. */
function answerSaves() {
  fakeMain.answer('saveComposeDraft', (fields) => draft({ ...fields, documents: useStore.getState().composeDraft?.documents ?? [] }));
}

async function loaded(d = draft()) {
  fakeMain.answer('getCompose', () => composeState(d));
  await useStore.getState().loadCompose();
}

describe('compose slice', () => {
  it('loads the draft into the form, or says why not', async () => {
    fakeMain.refuse('getCompose', 'The data folder cannot be read.');
    await useStore.getState().loadCompose();
    expect(useStore.getState()).toMatchObject({ composeStatus: 'error', composeLoadError: 'The data folder cannot be read.' });

    await loaded(draft({ fromHeader: 'Legal', documents: [composeDocument('d1', 'memo.pdf', 3)] }));
    const s = useStore.getState();
    expect(s.composeStatus).toBe('ready');
    expect(s.composeFields).toMatchObject({ fromHeader: 'Legal', recipients: [] });
    expect(s.composeFields).not.toHaveProperty('documents');
    expect(s.composeDraft?.documents.map((d) => d.name)).toEqual(['memo.pdf']);
    expect(s.composePricing.pricePerPage).toBe(0.07);
  });

  it('saves edits to main once typing pauses, and clears the edited field’s problems', async () => {
    vi.useFakeTimers();
    await loaded();
    answerSaves();
    useStore.getState().setComposeProblems([
      { field: 'fromHeader', message: 'Too long.', action: '' },
      { field: 'recipients', message: 'No recipient yet.', action: '' },
    ]);
    useStore.getState().editComposeFields({ fromHeader: 'A' });
    useStore.getState().editComposeFields({ fromHeader: 'Ac' });
    expect(useStore.getState().composeProblems.map((p) => p.field)).toEqual(['recipients']);
    expect(fakeMain.requestsTo('saveComposeDraft')).toEqual([]);
    await vi.advanceTimersByTimeAsync(350);
    expect(fakeMain.requestsTo('saveComposeDraft').map((f) => f.fromHeader)).toEqual(['Ac']);
    expect(useStore.getState().composeDraft?.fromHeader).toBe('Ac');
  });

  it("fills the To header from the one recipient's contact until the user types their own", async () => {
    vi.useFakeTimers();
    await loaded();
    answerSaves();
    const { setComposeRecipients, editComposeFields } = useStore.getState();
    setComposeRecipients([alice]);
    expect(useStore.getState().composeFields?.toHeader).toBe('Alice Ames');
    setComposeRecipients([alice, bob]);
    expect(useStore.getState().composeFields?.toHeader).toBe('');
    editComposeFields({ toHeader: 'Front desk', toHeaderAuto: false });
    setComposeRecipients([bob]);
    expect(useStore.getState().composeFields?.toHeader).toBe('Front desk');
  });

  it("sends the form as it is, and shows main's problems by field", async () => {
    await loaded();
    useStore.getState().setComposeRecipients([alice]);
    fakeMain.answer('sendCompose', () => ({
      ok: false,
      problems: [{ field: 'documents', message: 'There is nothing to send yet.', action: 'Add a PDF.' }],
    }));
    expect(await useStore.getState().sendCompose()).toBe(false);
    expect(fakeMain.requestsTo('sendCompose')[0]?.recipients).toEqual([alice]);
    expect(useStore.getState()).toMatchObject({ composeSending: false, composeProblems: [{ field: 'documents' }] });

    const sent = draft({ send: { startedAt: 1, phase: 'uploading', jobs: [] } });
    fakeMain.answer('sendCompose', () => ({ ok: true, draft: sent }));
    expect(await useStore.getState().sendCompose()).toBe(true);
    expect(useStore.getState().composeDraft?.send?.phase).toBe('uploading');
    expect(useStore.getState().composeProblems).toEqual([]);
  });

  it('keeps the draft and says what to do when the outbox cannot take it', async () => {
    await loaded();
    fakeMain.refuse('sendCompose', 'The outbox is closed.');
    expect(await useStore.getState().sendCompose()).toBe(false);
    expect(useStore.getState().composeProblems).toEqual([
      {
        field: 'general',
        message: 'The fax could not be handed to the outbox: The outbox is closed.',
        action: 'Try again; the draft is kept.',
      },
    ]);
  });

  it("follows main's changes: new documents, refused files, fields, send progress", async () => {
    await loaded();
    const changed = draft({ fromHeader: 'Hot folder', documents: [composeDocument('d2', 'printed.pdf')] });
    useStore.getState().applyComposeChanged({
      draft: changed,
      drafts: [draftSummary(changed)],
      added: [changed.documents[0]!],
      refused: [{ name: 'photo.pdf', message: 'Not a PDF.', action: 'Export it to PDF.' }],
      fieldsChanged: false,
    });
    let s = useStore.getState();
    expect(s.composeDraft?.documents.map((d) => d.id)).toEqual(['d2']);
    expect(s.composeFields?.fromHeader).toBe('Acme');
    expect(s.composeRefused.map((r) => r.name)).toEqual(['photo.pdf']);

    useStore
      .getState()
      .applyComposeChanged({ draft: changed, drafts: [draftSummary(changed)], added: [], refused: [], fieldsChanged: true });
    expect(useStore.getState().composeFields?.fromHeader).toBe('Hot folder');

    useStore.getState().applyComposeProgress({ startedAt: 1, phase: 'sent', jobs: [] });
    s = useStore.getState();
    expect(s.composeDraft?.send?.phase).toBe('sent');
    expect(s.composeDraft?.documents).toHaveLength(1);
  });

  it('discards the draft: an empty form, no problems, no refused files, and a 10 s Undo that brings it back', async () => {
    const old = draft({ fromHeader: 'Old', documents: [composeDocument('d1', 'a.pdf')] });
    await loaded(old);
    useStore.setState({ composeRefused: [{ name: 'x', message: 'm', action: 'a' }] });
    const empty = draft({ id: 'draft-2', fromHeader: 'Acme' });
    fakeMain.answer('discardCompose', () => ({ state: composeState(empty), undo: { token: old.id, name: 'a.pdf' } }));
    await useStore.getState().discardCompose();
    expect(fakeMain.requestsTo('discardCompose')).toEqual([{}]);
    expect(useStore.getState()).toMatchObject({ composeFields: { fromHeader: 'Acme' }, composeProblems: [], composeRefused: [] });
    expect(useStore.getState().composeDraft?.documents).toEqual([]);
    const [toast] = useStore.getState().toasts;
    expect(toast).toMatchObject({
      title: 'Draft discarded',
      message: '“a.pdf” was discarded. Undo brings it back for 10 seconds.',
      durationMs: 10_000,
    });

    fakeMain.answer('undoDiscardCompose', () => composeState(old));
    toast!.action!.run();
    await vi.waitFor(() => expect(useStore.getState().composeDraft?.id).toBe(old.id));
    expect(fakeMain.requestsTo('undoDiscardCompose')).toEqual([{ token: old.id }]);
    expect(useStore.getState().composeFields?.fromHeader).toBe('Old');
    expect(useStore.getState().composeDraft?.documents.map((d) => d.name)).toEqual(['a.pdf']);
  });

  it('switches drafts: edits waiting to be saved go to the draft they were typed in', async () => {
    vi.useFakeTimers();
    const a = draft({ id: 'a', documents: [composeDocument('d1', 'a.pdf')] });
    const b = draft({ id: 'b', fromHeader: 'Other', documents: [composeDocument('d2', 'b.pdf')] });
    await loaded(a);
    fakeMain.answer('saveComposeDraft', ({ draftId: _id, ...fields }) => ({ ...a, ...fields }));
    fakeMain.answer('openComposeDraft', () => composeState(b, [a]));
    useStore.getState().editComposeFields({ toHeader: 'Typed in A' });
    await useStore.getState().openComposeDraft('b');
    expect(fakeMain.requestsTo('saveComposeDraft')).toMatchObject([{ draftId: 'a', toHeader: 'Typed in A' }]);
    expect(useStore.getState().composeDraft?.id).toBe('b');
    expect(useStore.getState().composeFields?.fromHeader).toBe('Other');
    expect(useStore.getState().composeDrafts.map((d) => d.name)).toEqual(['b.pdf', 'a.pdf']);

    // A print opened a new draft while an edit of this one was waiting: the edit is saved into this one.
    useStore.getState().editComposeFields({ toHeader: 'Typed in B' });
    const c = draft({ id: 'c', documents: [composeDocument('d3', 'printed.pdf')] });
    fakeMain.answer('saveComposeDraft', ({ draftId: _id, ...fields }) => ({ ...b, ...fields }));
    useStore
      .getState()
      .applyComposeChanged({ draft: c, drafts: [c, b, a].map(draftSummary), added: c.documents, refused: [], fieldsChanged: false });
    expect(fakeMain.requestsTo('saveComposeDraft').at(-1)).toMatchObject({ draftId: 'b', toHeader: 'Typed in B' });
    expect(useStore.getState().composeFields?.toHeader).toBe('');
    await vi.advanceTimersByTimeAsync(1000);
    expect(useStore.getState().composeDraft?.id).toBe('c');
  });
});

describe('compose documents', () => {
  const docs = [composeDocument('a', 'a.pdf'), composeDocument('b', 'b.pdf'), composeDocument('c', 'c.pdf')];

  it('reorders at once, and goes back to main’s order when main refuses', async () => {
    await loaded(draft({ documents: docs }));
    fakeMain.answer('reorderComposeDocuments', ({ ids }) => draft({ documents: ids.map((id) => docs.find((d) => d.id === id)!) }));
    await useStore.getState().moveComposeDocument('c', 0);
    expect(fakeMain.requestsTo('reorderComposeDocuments')).toEqual([{ ids: ['c', 'a', 'b'] }]);
    expect(useStore.getState().composeDraft?.documents.map((d) => d.id)).toEqual(['c', 'a', 'b']);

    fakeMain.refuse('reorderComposeDocuments', 'The draft changed.');
    await useStore.getState().moveComposeDocument('a', 2);
    expect(useStore.getState().composeDraft?.documents.map((d) => d.id)).toEqual(['c', 'a', 'b']);
    expect(useStore.getState().toasts).toMatchObject([{ title: 'The documents could not be reordered', message: 'The draft changed.' }]);
  });

  it('removes a document and picks more through main', async () => {
    await loaded(draft({ documents: docs }));
    fakeMain.answer('removeComposeDocument', ({ id }) => draft({ documents: docs.filter((d) => d.id !== id) }));
    await useStore.getState().removeComposeDocument('b');
    expect(useStore.getState().composeDraft?.documents.map((d) => d.id)).toEqual(['a', 'c']);

    fakeMain.answer('pickComposeDocuments', () => ({
      draft: draft(),
      drafts: [],
      added: [],
      refused: [],
      canceled: false,
      unsupported: true,
    }));
    expect(await useStore.getState().pickComposeDocuments()).toBe('unsupported');
  });

  it('refuses a file that is not a PDF at once, without sending it to main', async () => {
    await loaded();
    // A GIF: PNG, JPEG and TIFF are taken (main makes them into pages), a GIF is not.
    const gif = new File([new TextEncoder().encode('GIF89a\x01\x00\x01\x00')], 'scan.pdf');
    await useStore.getState().addComposeFiles([gif]);
    expect(useStore.getState().composeRefused).toMatchObject([
      {
        name: 'scan.pdf',
        message: expect.stringMatching(
          /^The file is not a PDF or an image Openfax can fax \(PNG, JPEG, TIFF\) \(it looks like a GIF image\)/,
        ),
      },
    ]);
    expect(fakeMain.calls.filter((c) => c.name.startsWith('addCompose'))).toEqual([]);
  });

  it('uploads a dropped PDF as base64 in the browser, the bytes unchanged', async () => {
    vi.useFakeTimers();
    await loaded();
    const bytes = new TextEncoder().encode('%PDF-1.4\n%\xe2\xe3\n1 0 obj <<>> endobj\n%%EOF\n');
    fakeMain.answer('addComposeFiles', ({ files }) => {
      const added = composeDocument('new', files[0]!.name);
      return { draft: draft({ documents: [added] }), drafts: [], added: [added], refused: [] };
    });
    const adding = useStore.getState().addComposeFiles([new File([bytes], 'memo.pdf')]);
    await vi.waitFor(() => expect(useStore.getState().composePending.map((p) => p.name)).toEqual(['memo.pdf']));
    // The preview gets a moment to draw the first page before the upload starts.
    await vi.advanceTimersByTimeAsync(400);
    await adding;
    const [request] = fakeMain.requestsTo('addComposeFiles');
    expect(Buffer.from(request!.files[0]!.dataBase64, 'base64')).toEqual(Buffer.from(bytes));
    const s = useStore.getState();
    expect(s.composePending).toEqual([]);
    expect(s.composeDraft?.documents.map((d) => d.id)).toEqual(['new']);
    expect(s.composePreviewKeys.new).toMatch(/^local:/);
  });

  it('uploads a dropped image at once, and previews the PDF main made of it', async () => {
    await loaded();
    // A TIFF's first bytes: main makes the pages; the renderer cannot draw a TIFF itself.
    const tiff = new Uint8Array([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, 0, 0]);
    fakeMain.answer('addComposeFiles', ({ files }) => {
      const added = composeDocument('new', files[0]!.name);
      return { draft: draft({ documents: [added] }), drafts: [], added: [added], refused: [] };
    });
    fakeMain.answer('getComposeDocumentBytes', () => ({ dataBase64: Buffer.from('%PDF-1.7 made').toString('base64') }));
    // No fake timers: an image does not wait for a local preview before it is uploaded.
    await useStore.getState().addComposeFiles([new File([tiff], 'scan.tif')]);
    expect(fakeMain.requestsTo('addComposeFiles')).toHaveLength(1);
    expect(fakeMain.requestsTo('getComposeDocumentBytes')).toEqual([{ id: 'new' }]);
    expect(useStore.getState().composePreviewKeys.new).toMatch(/^local:/);
    expect(useStore.getState().composeRefused).toEqual([]);
  });

  it('shows how far main is with a long TIFF on its pending row', () => {
    useStore.setState({
      composePending: [
        { key: 'local:1', name: 'long.tif' },
        { key: 'local:2', name: 'memo.pdf' },
      ],
    });
    useStore.getState().applyComposeImageProgress({ name: 'long.tif', done: 120, total: 500 });
    expect(useStore.getState().composePending).toEqual([
      { key: 'local:1', name: 'long.tif', progress: { done: 120, total: 500 } },
      { key: 'local:2', name: 'memo.pdf' },
    ]);
  });

  it('returns the cover preview as bytes', async () => {
    const pdf = '%PDF-1.7 cover';
    fakeMain.answer('getCoverPreview', () => ({ dataBase64: Buffer.from(pdf).toString('base64') }));
    const cover: DraftFields['cover'] = { enabled: true, to: 'Alice', from: 'Acme', subject: 'Contract', message: '' };
    const bytes = await useStore.getState().loadCoverPreview({ cover, pages: 3, paperSize: 'letter', date: 'January 6, 2025' });
    expect(new TextDecoder().decode(bytes)).toBe(pdf);
    expect(fakeMain.requestsTo('getCoverPreview')).toEqual([{ cover, pages: 3, paperSize: 'letter', date: 'January 6, 2025' }]);
  });
});
