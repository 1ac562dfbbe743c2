// Discard asks nothing, so it can be undone: for 10 s the staged documents stay on disk and the
// draft comes back whole; after that (or when the app quits) they are gone. Fake timers: the
// 10 s are counted, not waited for.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UNDO_DISCARD_MS } from '../../../shared/ipc/contract/compose.ts';
import { SETTINGS_DEFAULTS } from '../../../shared/settings.ts';
import { type ComposeService, createComposeService } from '../../../electron/compose/compose-service.ts';
import { stagedPath, stagingDir } from '../../../electron/compose/staging.ts';
import type { Outbox } from '../../../electron/outbox/types.ts';
import { getDraft } from '../../../electron/store/drafts-repo.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';

// Nothing is sent here: an outbox that would refuse to be called.
const outbox = {
  submit: () => Promise.reject(new Error('not in this test')),
  createBroadcast: () => Promise.reject(new Error('not in this test')),
  on: () => () => {},
  queueState: () => ({ leader: true, running: true, paused: null, noAccount: false, uploading: 0, queued: 0 }),
} as unknown as Pick<Outbox, 'submit' | 'createBroadcast' | 'on' | 'queueState'>;

let dataDir: string;
let store: Store;
let compose: ComposeService;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'openfax-undo-'));
  store = openStore(dataDir);
  compose = await createComposeService({
    db: store.db,
    dataDir,
    outbox,
    getSettings: () => SETTINGS_DEFAULTS,
    emit: () => {},
    pricing: () => ({ mode: 'sandbox', sandboxPricePerPage: 0.07 }),
  });
});
afterEach(async () => {
  vi.useRealTimers();
  await compose.dispose();
  store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const alice = { number: '12025550150', display: '+1 202 555 0150', name: 'Alice Ames' };

async function draftWithTwoDocuments() {
  const r = await compose.addFiles(
    [
      { name: 'contract.pdf', bytes: await makePdf({ pages: ['one', 'two'] }) },
      { name: 'annex.pdf', bytes: await makePdf() },
    ],
    'drop',
  );
  const { id, documents: _d, send: _s, updatedAt: _u, sentBefore: _b, createdAt: _c, ...fields } = r.draft;
  compose.saveFields({ ...fields, recipients: [alice] }, id);
  return { id, files: r.added.map((d) => stagedPath(stagingDir(dataDir), d.id)) };
}

describe('discard with undo', () => {
  it('brings the draft and its documents back within 10 s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { id, files } = await draftWithTwoDocuments();
    const r = await compose.discard();
    expect(r.undo).toEqual({ token: id, name: 'contract.pdf + 1 more' });
    expect(r.state.draft.documents).toEqual([]);
    expect(getDraft(store.db, id)).toBeUndefined();

    vi.advanceTimersByTime(UNDO_DISCARD_MS - 1);
    expect(files.every((f) => existsSync(f))).toBe(true);
    const back = compose.undoDiscard(id);
    expect(back.draft).toMatchObject({ id, recipients: [alice] });
    expect(back.draft.documents.map((d) => d.name)).toEqual(['contract.pdf', 'annex.pdf']);
    expect(getDraft(store.db, id)).toBeDefined();
    // The documents really are back: their bytes are there to preview and send.
    expect((await compose.documentBytes(back.draft.documents[0]!.id)).byteLength).toBeGreaterThan(0);
    vi.advanceTimersByTime(UNDO_DISCARD_MS * 2);
    expect(files.every((f) => existsSync(f))).toBe(true);
  });

  it('deletes the documents once the 10 s pass, and then the undo says so', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { id, files } = await draftWithTwoDocuments();
    await compose.discard();
    vi.advanceTimersByTime(UNDO_DISCARD_MS);
    await vi.waitFor(() => expect(files.some((f) => existsSync(f))).toBe(false));
    expect(() => compose.undoDiscard(id)).toThrow(/can no longer be brought back/);
  });

  it('deletes the held documents when the app quits', async () => {
    const { files } = await draftWithTwoDocuments();
    await compose.discard();
    expect(files.every((f) => existsSync(f))).toBe(true);
    await compose.dispose();
    expect(files.some((f) => existsSync(f))).toBe(false);
  });

  it('discards an empty draft without an undo', async () => {
    expect((await compose.discard()).undo).toBeUndefined();
  });
});

describe('discard while Send is handing the fax over', () => {
  it('is refused until the hand-over ends, so the draft neither comes back nor loses its files', async () => {
    await compose.dispose();
    let release: (v: unknown) => void = () => {};
    const handedOver = new Promise((resolve) => (release = resolve));
    const slow = {
      ...outbox,
      submit: () => handedOver.then(() => ({ ok: false, error: { kind: 'validation', message: 'No.', action: 'Fix it.' } })),
    } as unknown as typeof outbox;
    compose = await createComposeService({
      db: store.db,
      dataDir,
      outbox: slow,
      getSettings: () => SETTINGS_DEFAULTS,
      emit: () => {},
      pricing: () => ({ mode: 'sandbox', sandboxPricePerPage: 0.07 }),
    });
    const { id, files } = await draftWithTwoDocuments();
    const sending = compose.send(compose.getState().draft, id);
    await expect(compose.discard(id)).rejects.toMatchObject({ code: 'draft-sending' });
    release(undefined);
    await sending;
    expect(compose.getState().drafts.some((d) => d.id === id)).toBe(true);
    expect(files.every((f) => existsSync(f))).toBe(true);
  });
});
