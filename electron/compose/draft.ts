// Compose drafts, kept in the drafts table as JSON so they survive a restart; one is shown. A
// stored draft that no longer parses (written by another version) is left out rather than
// breaking the screen; its documents are swept with the other orphans.

import { type ComposeDefaults, ComposeDraft, type DraftFields } from '../../shared/ipc/contract/compose.ts';
import { createLogger } from '../core/logger.ts';
import { randomUUID } from 'node:crypto';
import { currentDraftId, deleteDraft, listDrafts, saveDraft, setCurrentDraft } from '../store/drafts-repo.ts';
import type { Db } from '../store/sql.ts';

const log = createLogger('compose');

/** The id of the first draft (the only one older versions had). */
export const DRAFT_ID = 'compose';

export function emptyFields(defaults: ComposeDefaults): DraftFields {
  return {
    recipients: [],
    toHeader: '',
    toHeaderAuto: true,
    fromHeader: defaults.fromHeader,
    resolution: defaults.resolution,
    priority: defaults.priority,
    paperSize: null,
    cover: { enabled: false, to: '', from: '', subject: '', message: '' },
  };
}

export function emptyDraft(defaults: ComposeDefaults, now: number, id: string = randomUUID()): ComposeDraft {
  return { ...emptyFields(defaults), id, documents: [], send: null, sentBefore: [], createdAt: now, updatedAt: now };
}

/** Every stored draft that parses, newest first, and the id of the one to show (undefined: none stored). */
export function loadDrafts(db: Db): { drafts: ComposeDraft[]; currentId: string | undefined } {
  const drafts: ComposeDraft[] = [];
  for (const stored of listDrafts(db, 1000)) {
    const parsed = ComposeDraft.safeParse({ ...(stored.data as object), id: stored.id });
    if (parsed.success) drafts.push(parsed.data);
    else log.warn(`saved compose draft ${stored.id} could not be read; left out`, parsed.error.issues.slice(0, 3));
  }
  const current = currentDraftId(db);
  return { drafts, currentId: drafts.some((d) => d.id === current) ? current : drafts[0]?.id };
}

export function storeDraft(db: Db, draft: ComposeDraft): void {
  saveDraft(db, draft.id, draft, draft.updatedAt);
}

export function showDraft(db: Db, id: string): void {
  setCurrentDraft(db, id);
}

export function forgetDraft(db: Db, id: string): void {
  deleteDraft(db, id);
}
