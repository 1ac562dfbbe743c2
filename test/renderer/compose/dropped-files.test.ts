// @vitest-environment happy-dom
// In Electron a dropped file goes to main as the File itself (the preload reads its path); the
// page never handles a path. A File main holds no grant for goes up as its bytes, as in a browser.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AddDocumentsResult } from '../../../shared/ipc/contract/compose.ts';
import type { IpcResult } from '../../../shared/ipc/define.ts';
import { PATH_NOT_GRANTED } from '../../../shared/ipc/names.ts';
import { composeDocument, composeState, draft } from '../fixtures.ts';
import { fakeMain, useStore } from '../harness.ts';

const browserBridge = window.openfax!;
afterEach(() => {
  window.openfax = browserBridge;
});

/** The desktop bridge: the fake main's methods, with paths, and `addDroppedFiles` answering `answer`. */
function desktop(answer: (files: File[]) => IpcResult<AddDocumentsResult>): File[][] {
  const asked: File[][] = [];
  window.openfax = {
    ...browserBridge,
    capabilities: { transport: 'electron', nativeFiles: true },
    addDroppedFiles: async (files: File[]) => {
      asked.push(files);
      return answer(files);
    },
  };
  return asked;
}

const pdfBytes = new TextEncoder().encode('%PDF-1.4\n%\xe2\xe3\n1 0 obj <<>> endobj\n%%EOF\n');

async function add(file: File): Promise<void> {
  fakeMain.answer('getCompose', () => composeState(draft()));
  await useStore.getState().loadCompose();
  const adding = useStore.getState().addComposeFiles([file]);
  // The preview gets a moment to draw the first page before main is asked.
  await vi.advanceTimersByTimeAsync(400);
  await adding;
}

function added(name: string): AddDocumentsResult {
  const doc = composeDocument('d1', name);
  return { draft: draft({ documents: [doc] }), drafts: [], added: [doc], refused: [] };
}

describe('dropped files in the desktop app', () => {
  it('hands main the dropped File, not its bytes and not a path', async () => {
    vi.useFakeTimers();
    const asked = desktop((files) => ({ ok: true, value: added(files[0]!.name) }));
    const file = new File([pdfBytes], 'memo.pdf');
    await add(file);
    expect(asked).toEqual([[file]]);
    expect(fakeMain.requestsTo('addComposeFiles')).toEqual([]);
    expect(useStore.getState().composeDraft?.documents.map((d) => d.name)).toEqual(['memo.pdf']);
    expect(useStore.getState().composeRefused).toEqual([]);
  });

  it('uploads the bytes of a File main cannot add by path (none, or not granted)', async () => {
    vi.useFakeTimers();
    fakeMain.answer('addComposeFiles', ({ files }) => added(files[0]!.name));
    // The preload's answer for a File without a path (pasted, made in the page).
    desktop(() => ({ ok: false, error: { code: PATH_NOT_GRANTED.code, message: PATH_NOT_GRANTED.message, field: 'files' } }));
    await add(new File([pdfBytes], 'pasted.pdf'));
    // Main's answer for a path it holds no grant for.
    const refused = { ...added('late.pdf'), added: [], refused: [{ name: 'late.pdf', ...PATH_NOT_GRANTED }] };
    desktop(() => ({ ok: true, value: refused }));
    await add(new File([pdfBytes], 'late.pdf'));

    const uploads = fakeMain.requestsTo('addComposeFiles').map((r) => r.files.map((f) => f.name));
    expect(uploads).toEqual([['pasted.pdf'], ['late.pdf']]);
    expect(Buffer.from(fakeMain.requestsTo('addComposeFiles')[0]!.files[0]!.dataBase64, 'base64')).toEqual(Buffer.from(pdfBytes));
    expect(useStore.getState().composeRefused).toEqual([]);
  });

  it('shows why main refused a dropped file it read', async () => {
    vi.useFakeTimers();
    const bad = { name: 'scan.pdf', message: 'The PDF is damaged.', action: 'Export it again.', code: 'damaged' };
    desktop(() => ({ ok: true, value: { ...added('scan.pdf'), added: [], refused: [bad] } }));
    await add(new File([pdfBytes], 'scan.pdf'));
    expect(fakeMain.requestsTo('addComposeFiles')).toEqual([]);
    expect(useStore.getState().composeRefused).toEqual([bad]);
  });
});
