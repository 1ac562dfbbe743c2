// The one compose draft, kept in the drafts table as JSON so it survives a restart. A stored
// draft that no longer parses (written by another version) is replaced by an empty one
// rather than breaking the screen; its documents are swept with the other orphans.

import { type ComposeDefaults, ComposeDraft, type DraftFields } from '../../shared/ipc/contract/compose.ts';
import { createLogger } from '../core/logger.ts';
import { getDraft, saveDraft } from '../store/drafts-repo.ts';
import type { Db } from '../store/sql.ts';

const log = createLogger('compose');

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

export function emptyDraft(defaults: ComposeDefaults, now: number): ComposeDraft {
  return { ...emptyFields(defaults), documents: [], send: null, updatedAt: now };
}

export function loadDraft(db: Db, defaults: ComposeDefaults, now: number): ComposeDraft {
  const stored = getDraft(db, DRAFT_ID);
  if (!stored) return emptyDraft(defaults, now);
  const parsed = ComposeDraft.safeParse(stored.data);
  if (parsed.success) return parsed.data;
  log.warn('the saved compose draft could not be read; starting a new one', parsed.error.issues.slice(0, 3));
  return emptyDraft(defaults, now);
}

export function storeDraft(db: Db, draft: ComposeDraft): void {
  saveDraft(db, DRAFT_ID, draft, draft.updatedAt);
}
