// The open drafts in memory, each saved to SQLite as it changes, and which one Compose shows.
// There is always a shown draft: removing the last one starts an empty one.

import { type ComposeDraft, type DraftSummary, draftSummary } from '../../shared/ipc/contract/compose.ts';
import type { Db } from '../store/sql.ts';
import { DRAFT_ID, forgetDraft, loadDrafts, showDraft, storeDraft } from './draft.ts';

export interface DraftBook {
  current(): ComposeDraft;
  get(id: string): ComposeDraft | undefined;
  /** Newest first. */
  all(): ComposeDraft[];
  /** Stores the draft (stamping updatedAt) and returns it as kept. */
  save(draft: ComposeDraft): ComposeDraft;
  /** Shows `id`; an empty draft left behind is dropped (nothing of it would be lost). */
  show(id: string): ComposeDraft;
  /** A new empty draft, shown. */
  create(): ComposeDraft;
  /** Forgets the draft; when it was shown, the newest other one (or a new empty one) is shown. */
  remove(id: string): void;
  summaries(): DraftSummary[];
}

/** Nothing a person made: no documents, recipients or cover, no send to show but a finished one. */
export function isBlank(d: ComposeDraft): boolean {
  return d.documents.length === 0 && d.recipients.length === 0 && !d.cover.enabled && (!d.send || d.send.phase === 'sent');
}

export function openDraftBook(db: Db, makeEmpty: () => ComposeDraft, now: () => number): DraftBook {
  const loaded = loadDrafts(db);
  const drafts = new Map<string, ComposeDraft>(loaded.drafts.map((d) => [d.id, d]));
  let currentId = loaded.currentId ?? '';

  const put = (d: ComposeDraft) => {
    drafts.set(d.id, d);
    storeDraft(db, d);
    return d;
  };
  const select = (id: string) => {
    currentId = id;
    showDraft(db, id);
  };
  const fresh = () => {
    const d = put(makeEmpty());
    select(d.id);
    return d;
  };
  // The first draft of a new data folder keeps the id older versions used.
  if (drafts.size === 0) {
    put({ ...makeEmpty(), id: DRAFT_ID });
    select(DRAFT_ID);
  } else if (!drafts.has(currentId)) fresh();

  const book: DraftBook = {
    current: () => drafts.get(currentId) ?? fresh(),
    get: (id) => drafts.get(id),
    // Newest first; of two saved in the same millisecond, the one made later.
    all: () =>
      [...drafts.values()]
        .map((d, i) => ({ d, i }))
        .sort((a, b) => b.d.updatedAt - a.d.updatedAt || b.i - a.i)
        .map((x) => x.d),
    save: (d) => put({ ...d, updatedAt: Math.max(now(), d.updatedAt) }),
    show(id) {
      const target = drafts.get(id);
      if (!target) throw new Error(`no draft ${id}`);
      const left = drafts.get(currentId);
      if (left && left.id !== id && isBlank(left)) book.remove(left.id);
      select(id);
      return target;
    },
    create() {
      const left = drafts.get(currentId);
      const d = put(makeEmpty());
      select(d.id);
      if (left && isBlank(left)) book.remove(left.id);
      return d;
    },
    remove(id) {
      drafts.delete(id);
      forgetDraft(db, id);
      if (id !== currentId) return;
      const next = book.all()[0];
      if (next) select(next.id);
      else fresh();
    },
    summaries: () => book.all().map(draftSummary),
  };
  return book;
}
