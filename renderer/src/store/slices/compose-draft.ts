// What both compose slices do with a draft from main: register its documents with the
// preview (their bytes are fetched from main only when a page is drawn), and let go of a
// document's preview once it leaves the draft.

import type { StoreApi } from 'zustand';
import { type ComposeDraft, type DraftFields, draftSummary } from '../../../../shared/ipc/contract/compose.ts';
import { base64ToBytes } from '../../files/base64.ts';
import { call } from '../../ipc/api.ts';
import { provideFetcher, releasePdf } from '../../preview/pdf-registry.ts';
import type { RootState } from '../index.ts';

type SetState = StoreApi<RootState>['setState'];
type GetState = StoreApi<RootState>['getState'];

/** The form's part of a draft (what the user edits), without what main keeps for it. */
export function fieldsOf(draft: ComposeDraft): DraftFields {
  const { documents: _d, send: _s, updatedAt: _u, id: _i, sentBefore: _b, createdAt: _c, ...fields } = draft;
  return fields;
}

/** Tells the preview where each document's bytes are, once. */
export function registerDocuments(draft: ComposeDraft): void {
  for (const d of draft.documents) {
    provideFetcher(d.id, async () => base64ToBytes((await call('getComposeDocumentBytes', { id: d.id })).dataBase64));
  }
}

/**
 * Takes main's draft as the one on screen. When main shows another draft now (a print started
 * one, a document was dropped while this one was being sent), its form replaces the one here,
 * and the documents of the draft left behind let go of their previews.
 */
export function adoptDraft(set: SetState, get: GetState, draft: ComposeDraft): void {
  registerDocuments(draft);
  const old = get().composeDraft;
  if (old && old.id !== draft.id) {
    for (const d of old.documents) releaseDocument(set, get, d.id);
    set({ composeDraft: draft, composeFields: fieldsOf(draft), composeProblems: [], composeCoverFor: undefined });
  } else set({ composeDraft: draft });
  // Its line in the drafts list says what it holds now.
  set({ composeDrafts: get().composeDrafts.map((d) => (d.id === draft.id ? draftSummary(draft) : d)) });
}

/** Frees the preview of a document that left the draft (under the key it was first shown with). */
export function releaseDocument(set: SetState, get: GetState, id: string): void {
  const keys = get().composePreviewKeys;
  releasePdf(keys[id] ?? id);
  if (keys[id]) {
    const { [id]: _gone, ...rest } = keys;
    set({ composePreviewKeys: rest });
  }
}
