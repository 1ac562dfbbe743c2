// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { DraftFields } from '../../../shared/ipc/contract/compose.ts';
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
      added: [changed.documents[0]!],
      refused: [{ name: 'photo.pdf', message: 'Not a PDF.', action: 'Export it to PDF.' }],
      fieldsChanged: false,
    });
    let s = useStore.getState();
    expect(s.composeDraft?.documents.map((d) => d.id)).toEqual(['d2']);
    expect(s.composeFields?.fromHeader).toBe('Acme');
    expect(s.composeRefused.map((r) => r.name)).toEqual(['photo.pdf']);

    useStore.getState().applyComposeChanged({ draft: changed, added: [], refused: [], fieldsChanged: true });
    expect(useStore.getState().composeFields?.fromHeader).toBe('Hot folder');

    useStore.getState().applyComposeProgress({ startedAt: 1, phase: 'sent', jobs: [] });
    s = useStore.getState();
    expect(s.composeDraft?.send?.phase).toBe('sent');
    expect(s.composeDraft?.documents).toHaveLength(1);
  });

  it('discards the draft: an empty form, no problems, no refused files', async () => {
    await loaded(draft({ fromHeader: 'Old', documents: [composeDocument('d1', 'a.pdf')] }));
    useStore.setState({ composeRefused: [{ name: 'x', message: 'm', action: 'a' }] });
    fakeMain.answer('discardCompose', () => draft({ fromHeader: 'Acme' }));
    await useStore.getState().discardCompose();
    expect(useStore.getState()).toMatchObject({ composeFields: { fromHeader: 'Acme' }, composeProblems: [], composeRefused: [] });
    expect(useStore.getState().composeDraft?.documents).toEqual([]);
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

    fakeMain.answer('pickComposeDocuments', () => ({ draft: draft(), added: [], refused: [], canceled: false, unsupported: true }));
    expect(await useStore.getState().pickComposeDocuments()).toBe('unsupported');
  });

  it('refuses a file that is not a PDF at once, without sending it to main', async () => {
    await loaded();
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])], 'scan.pdf');
    await useStore.getState().addComposeFiles([png]);
    expect(useStore.getState().composeRefused).toMatchObject([
      { name: 'scan.pdf', message: expect.stringMatching(/^The file is not a PDF/) },
    ]);
    expect(fakeMain.calls.filter((c) => c.name.startsWith('addCompose'))).toEqual([]);
  });

  it('uploads a dropped PDF as base64 in the browser, the bytes unchanged', async () => {
    vi.useFakeTimers();
    await loaded();
    const bytes = new TextEncoder().encode('%PDF-1.4\n%\xe2\xe3\n1 0 obj <<>> endobj\n%%EOF\n');
    fakeMain.answer('addComposeFiles', ({ files }) => {
      const added = composeDocument('new', files[0]!.name);
      return { draft: draft({ documents: [added] }), added: [added], refused: [] };
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

  it('returns the cover preview as bytes', async () => {
    const pdf = '%PDF-1.7 cover';
    fakeMain.answer('getCoverPreview', () => ({ dataBase64: Buffer.from(pdf).toString('base64') }));
    const cover: DraftFields['cover'] = { enabled: true, to: 'Alice', from: 'Acme', subject: 'Contract', message: '' };
    const bytes = await useStore.getState().loadCoverPreview({ cover, pages: 3, paperSize: 'letter', date: 'January 6, 2025' });
    expect(new TextDecoder().decode(bytes)).toBe(pdf);
    expect(fakeMain.requestsTo('getCoverPreview')).toEqual([{ cover, pages: 3, paperSize: 'letter', date: 'January 6, 2025' }]);
  });
});
