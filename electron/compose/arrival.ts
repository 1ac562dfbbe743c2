// Where a document that arrives on its own (a print, the hot folder, "Open with") goes: never
// into a draft that was sent or is being sent, and into one that already holds documents only
// when the person chose "add to this fax". Otherwise it starts a new draft, and the other
// stays in the drafts list.

import type { ComposeDraft } from '../../shared/ipc/contract/compose.ts';

export function arrivalGoesTo(draft: ComposeDraft, joinOpenDraft: boolean): 'this' | 'new' {
  if (draft.send?.phase === 'uploading') return 'new';
  // A send that reached some recipients: its documents belong to that fax, not to a new one.
  if (draft.send && draft.documents.length > 0) return 'new';
  if (draft.documents.length === 0) return 'this';
  return joinOpenDraft ? 'this' : 'new';
}

/** A person's own drop or pick joins the draft they are looking at, unless it is on its way out. */
export function addGoesTo(draft: ComposeDraft): 'this' | 'new' {
  return draft.send?.phase === 'uploading' ? 'new' : 'this';
}
