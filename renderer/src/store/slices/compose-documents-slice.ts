// The documents of the Compose draft: adding (dropped, picked), removing, reordering, the
// files refused on the way, and the cover page's preview. The state is the compose slice's.

import type { StateCreator } from 'zustand';
import type { AddDocumentsResult, RefusedFile } from '../../../../shared/ipc/contract/compose.ts';
import type { MethodRequest } from '../../../../shared/ipc/contract.ts';
import { PATH_NOT_GRANTED } from '../../../../shared/ipc/names.ts';
import { base64ToBytes, bytesToBase64 } from '../../files/base64.ts';
import { isImageBytes, quickRefusal, readFileBytes } from '../../files/file-intake.ts';
import { addDroppedFiles, call, hostCapabilities } from '../../ipc/api.ts';
import { messageOf } from '../../ipc/message-of.ts';
import { openPdf, provideBytes, provideFetcher, releasePdf, whenShown } from '../../preview/pdf-registry.ts';
import type { RootState } from '../index.ts';
import { adoptDraft, releaseDocument } from './compose-draft.ts';

export interface ComposeDocumentsSlice {
  addComposeFiles(files: File[]): Promise<void>;
  /** The native file dialog; 'unsupported' where the host has none (the browser). */
  pickComposeDocuments(): Promise<'unsupported' | 'done'>;
  removeComposeDocument(id: string): Promise<void>;
  moveComposeDocument(id: string, toIndex: number): Promise<void>;
  dismissComposeRefused(): void;
  /** Main is making a long TIFF into pages: show how far on its row. */
  applyComposeImageProgress(progress: { name: string; done: number; total: number }): void;
  /** The cover page main would prepend for these fields, as PDF bytes. */
  loadCoverPreview(request: MethodRequest<'getCoverPreview'>): Promise<Uint8Array>;
}

const FIRST_PAGE_GRACE_MS = 400;
let pendingSeq = 0;

/**
 * The preview of `key` waits for the PDF main makes of an image; the returned function is told
 * the staged document's id once main has answered (undefined when it was refused).
 */
function madeInMain(key: string): (id: string | undefined) => void {
  let settle: (id: string | undefined) => void = () => undefined;
  const bytes = new Promise<Uint8Array>((resolve, reject) => {
    settle = (id) =>
      id
        ? call('getComposeDocumentBytes', { id }).then((r) => resolve(base64ToBytes(r.dataBase64)), reject)
        : reject(new Error('The image was not added'));
  });
  bytes.catch(() => undefined);
  provideFetcher(key, () => bytes);
  return settle;
}

/**
 * Electron adds a dropped file by its path (its bytes are not copied over IPC); a file main has
 * no grant for (pasted, made in the page, a link swapped since the drop) goes up as its bytes,
 * as in a browser: the page holds those bytes already, and nothing is read from disk for it.
 */
async function sendToMain(file: File, bytes: Uint8Array): Promise<AddDocumentsResult> {
  const upload = () => call('addComposeFiles', { files: [{ name: file.name, dataBase64: bytesToBase64(bytes) }] });
  if (!hostCapabilities().nativeFiles) return upload();
  const byPath = await addDroppedFiles([file]).catch((err: unknown) => {
    if ((err as { code?: unknown }).code === PATH_NOT_GRANTED.code) return undefined;
    throw err;
  });
  return byPath && byPath.refused[0]?.code !== PATH_NOT_GRANTED.code ? byPath : upload();
}

/** "what is wrong: what to do" → the two halves. */
function splitReason(name: string, reason: string): RefusedFile {
  const cut = reason.indexOf(': ');
  if (cut < 0) return { name, message: reason, action: '' };
  const action = reason.slice(cut + 2);
  return { name, message: `${reason.slice(0, cut)}.`, action: action.charAt(0).toUpperCase() + action.slice(1) };
}

export const createComposeDocumentsSlice: StateCreator<RootState, [], [], ComposeDocumentsSlice> = (set, get) => ({
  async addComposeFiles(files) {
    for (const file of files) {
      const bytes = await readFileBytes(file);
      const refusal = quickRefusal(bytes);
      if (refusal) {
        set({ composeRefused: [...get().composeRefused, splitReason(file.name, refusal)] });
        continue;
      }
      const key = `local:${++pendingSeq}`;
      // An image (PNG, JPEG, TIFF) is made into a PDF by main: its preview is that PDF, once made.
      const made = isImageBytes(bytes) ? madeInMain(key) : undefined;
      if (!made) {
        provideBytes(key, bytes);
        // Open it (and its first page) now, before the upload: the preview is what people wait for.
        openPdf(key)
          .then((doc) => doc.getPage(1))
          .catch(() => undefined);
      }
      set({ composePending: [...get().composePending, { key, name: file.name }] });
      try {
        // Main's check of a long PDF takes CPU the first page needs: on a small machine the
        // preview comes first (briefly; the upload does not wait for a hidden screen).
        if (!made) await whenShown(key, FIRST_PAGE_GRACE_MS);
        const r = await sendToMain(file, bytes);
        const added = r.added[0];
        if (made) made(added?.id);
        if (!added) releasePdf(key);
        adoptDraft(set, get, r.draft);
        set({
          composeDrafts: r.drafts,
          composePending: get().composePending.filter((x) => x.key !== key),
          composePreviewKeys: added ? { ...get().composePreviewKeys, [added.id]: key } : get().composePreviewKeys,
          composeRefused: [...get().composeRefused, ...r.refused],
        });
      } catch (err) {
        made?.(undefined);
        releasePdf(key);
        set({
          composePending: get().composePending.filter((x) => x.key !== key),
          composeRefused: [
            ...get().composeRefused,
            { name: file.name, message: `${file.name} could not be added: ${messageOf(err)}`, action: 'Try adding it again.' },
          ],
        });
      }
    }
  },

  async pickComposeDocuments() {
    const r = await call('pickComposeDocuments');
    if (r.unsupported) return 'unsupported';
    adoptDraft(set, get, r.draft);
    set({ composeDrafts: r.drafts });
    if (r.refused.length) set({ composeRefused: [...get().composeRefused, ...r.refused] });
    return 'done';
  },

  async removeComposeDocument(id) {
    const draft = await call('removeComposeDocument', { id });
    releaseDocument(set, get, id);
    adoptDraft(set, get, draft);
  },

  async moveComposeDocument(id, toIndex) {
    const draft = get().composeDraft;
    const docs = draft?.documents ?? [];
    const from = docs.findIndex((d) => d.id === id);
    if (from < 0 || toIndex < 0 || toIndex >= docs.length || from === toIndex) return;
    const ids = docs.map((d) => d.id);
    ids.splice(from, 1);
    ids.splice(toIndex, 0, id);
    // Show the new order at once; main's answer confirms it.
    if (draft) set({ composeDraft: { ...draft, documents: ids.map((x) => docs.find((d) => d.id === x)!) } });
    try {
      adoptDraft(set, get, await call('reorderComposeDocuments', { ids }));
    } catch (err) {
      if (draft) set({ composeDraft: draft });
      get().pushToast({ level: 'error', title: 'The documents could not be reordered', message: messageOf(err) });
    }
  },

  dismissComposeRefused() {
    set({ composeRefused: [] });
  },

  applyComposeImageProgress({ name, done, total }) {
    set({ composePending: get().composePending.map((p) => (p.name === name ? { ...p, progress: { done, total } } : p)) });
  },

  async loadCoverPreview(request) {
    return base64ToBytes((await call('getCoverPreview', request)).dataBase64);
  },
});
