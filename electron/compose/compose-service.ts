// The Compose feature in main: one draft (kept in the database), its documents (copied into
// the data folder), the cover page, and the send that merges everything and hands it to the
// outbox. Plain Node: the app, the browser host and the tests build it with explicit deps.

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { PaperSize } from '../../shared/domain.ts';
import type { EventName, EventPayload } from '../../shared/ipc/contract.ts';
import type {
  AddDocumentsResult,
  ComposeDefaults,
  ComposeDocument,
  ComposeDraft,
  ComposeState,
  CoverFields,
  DraftFields,
  SendResult,
  SendStatus,
} from '../../shared/ipc/contract/compose.ts';
import type { Settings } from '../../shared/settings.ts';
import { AppError } from '../core/app-error.ts';
import { createLogger } from '../core/logger.ts';
import type { Outbox } from '../outbox/types.ts';
import { renderCoverPage } from '../pdf/cover-page.ts';
import { averageCostPerPage } from '../store/jobs-repo.ts';
import type { Db } from '../store/sql.ts';
import { emptyDraft, emptyFields, loadDraft, storeDraft } from './draft.ts';
import { type PricingInputs, resolvePricing } from './pricing.ts';
import { sendDraft } from './send.ts';
import { createSendTracker } from './send-tracker.ts';
import { readStaged, removeStaged, type StageInput, stageDocument, stagedPath, stagingDir, sweepStaging } from './staging.ts';

const log = createLogger('compose');

type ComposeEventName = Extract<EventName, 'composeChanged' | 'composeSendProgress'>;

export interface ComposeDeps {
  db: Db;
  dataDir: string;
  outbox: Pick<Outbox, 'submit' | 'createBroadcast' | 'on' | 'queueState'>;
  getSettings: () => Settings;
  emit: <K extends ComposeEventName>(name: K, payload: EventPayload<K>) => void;
  /** Mode, prices and credit for the estimate (see pricing.ts); history comes from the jobs table. */
  pricing: () => Omit<PricingInputs, 'historyPricePerPage'>;
  now?: () => number;
}

/** A document handed over by the hot folder, with what its routing found. */
export interface IncomingDocument {
  path: string;
  name: string;
  recipients?: Array<{ number: string; display: string; name?: string }>;
  toHeader?: string;
  fromHeader?: string;
  subject?: string;
  options?: { paperSize?: PaperSize; resolution?: DraftFields['resolution']; priority?: DraftFields['priority'] };
}

class ComposeError extends AppError {
  override name = 'ComposeError';
}

export interface ComposeService {
  getState(): ComposeState;
  saveFields(fields: DraftFields): ComposeDraft;
  addFiles(files: Array<{ name: string; bytes: Uint8Array }>, source: 'drop' | 'picker'): Promise<AddDocumentsResult>;
  addPaths(paths: readonly string[], source: ComposeDocument['source']): Promise<AddDocumentsResult>;
  removeDocument(id: string): Promise<ComposeDraft>;
  reorderDocuments(ids: readonly string[]): ComposeDraft;
  documentBytes(id: string): Promise<Uint8Array>;
  coverPreview(input: { cover: CoverFields; pages: number; paperSize: PaperSize; date: string }): Promise<Uint8Array>;
  send(fields: DraftFields): Promise<SendResult>;
  discard(): Promise<ComposeDraft>;
  dismissSend(): ComposeDraft;
  /** "Open with" and second launches: the files join the draft, and the renderer is told. */
  openDocuments(paths: readonly string[]): Promise<AddDocumentsResult>;
  /** A hot-folder pickup: joins the draft; its recipients and headers fill an empty form. */
  addIncoming(doc: IncomingDocument): Promise<AddDocumentsResult>;
  dispose(): void;
}

function defaultsFrom(s: Settings): ComposeDefaults {
  return {
    fromHeader: s.fromHeader,
    resolution: s.resolution,
    priority: s.priority,
    paperSize: s.paperSize,
    defaultCountry: s.defaultCountry,
  };
}

/** Builds the service and restores the saved draft. */
export async function createComposeService(deps: ComposeDeps): Promise<ComposeService> {
  const now = deps.now ?? Date.now;
  const dir = stagingDir(deps.dataDir);
  await mkdir(dir, { recursive: true });
  const defaults = () => defaultsFrom(deps.getSettings());
  let draft = loadDraft(deps.db, defaults(), now());
  let sending = false;

  const missing = draft.documents.filter((d) => !existsSync(stagedPath(dir, d.id)));
  if (missing.length) {
    log.warn(`${missing.length} draft document(s) were missing from ${dir}; dropped from the draft`);
    draft = { ...draft, documents: draft.documents.filter((d) => !missing.includes(d)) };
  }
  await sweepStaging(dir, new Set(draft.documents.map((d) => d.id)));

  const save = (next: ComposeDraft): ComposeDraft => {
    draft = { ...next, updatedAt: now() };
    storeDraft(deps.db, draft);
    return draft;
  };

  const tracker = createSendTracker({
    db: deps.db,
    outbox: deps.outbox,
    onChange(status, change) {
      if (change !== 'progress') {
        if (status.phase === 'sent') void finishSent(status);
        else save({ ...draft, send: status });
      }
      deps.emit('composeSendProgress', status);
    },
  });

  // Everything reached Openfax: the draft's work is done; keep only the status to show.
  async function finishSent(status: SendStatus): Promise<void> {
    const ids = draft.documents.map((d) => d.id);
    const fresh = emptyFields(defaults());
    save({ ...draft, ...fresh, fromHeader: draft.fromHeader, documents: [], send: status });
    // The screen learns first; the staged copies (the outbox has its own) go after.
    deps.emit('composeChanged', { draft, fieldsChanged: true, added: [], refused: [] });
    await removeStaged(dir, ids);
  }

  if (draft.send?.phase === 'uploading') tracker.track(draft.send);

  // Documents join in the order they arrived, even when a large one is still being checked
  // while the next comes in (two quick "Open with", a print during a drop).
  let staging: Promise<unknown> = Promise.resolve();
  function stage(inputs: StageInput[]): Promise<AddDocumentsResult> {
    const next = staging.then(() => stageNow(inputs));
    staging = next.catch(() => {});
    return next;
  }

  async function stageNow(inputs: StageInput[]): Promise<AddDocumentsResult> {
    const added: ComposeDocument[] = [];
    const refused: AddDocumentsResult['refused'] = [];
    for (const input of inputs) {
      const r = await stageDocument(input, dir);
      if (r.ok) added.push(r.document);
      else refused.push(r.refused);
    }
    // A finished send is forgotten as soon as work on the next fax starts.
    const send = draft.send && draft.send.phase !== 'uploading' && added.length ? null : draft.send;
    if (added.length) save({ ...draft, send, documents: [...draft.documents, ...added] });
    return { draft, added, refused };
  }

  const service: ComposeService = {
    getState() {
      const s = deps.getSettings();
      const pricing = resolvePricing({ ...deps.pricing(), historyPricePerPage: safeHistoryPrice(deps.db) });
      return { draft, defaults: defaultsFrom(s), pricing };
    },
    saveFields(fields) {
      return save({ ...draft, ...fields });
    },
    addFiles(files, source) {
      return stage(files.map((f) => ({ kind: 'bytes', bytes: f.bytes, name: f.name, source })));
    },
    addPaths(paths, source) {
      return stage(paths.map((path) => ({ kind: 'path', path, source })));
    },
    async removeDocument(id) {
      if (!draft.documents.some((d) => d.id === id)) return draft;
      save({ ...draft, documents: draft.documents.filter((d) => d.id !== id) });
      await removeStaged(dir, [id]);
      return draft;
    },
    reorderDocuments(ids) {
      const byId = new Map(draft.documents.map((d) => [d.id, d]));
      if (ids.length !== byId.size || new Set(ids).size !== ids.length || ids.some((id) => !byId.has(id))) {
        throw new ComposeError('The document list changed meanwhile: reorder again.', { code: 'documents-changed', field: 'ids' });
      }
      return save({ ...draft, documents: ids.map((id) => byId.get(id) as ComposeDocument) });
    },
    async documentBytes(id) {
      if (!draft.documents.some((d) => d.id === id)) {
        throw new ComposeError('That document is no longer part of the fax.', { code: 'document-gone', field: 'id' });
      }
      return readStaged(dir, id);
    },
    coverPreview({ cover, pages, paperSize, date }) {
      return renderCoverPage({
        to: cover.to,
        from: cover.from,
        subject: cover.subject || undefined,
        message: cover.message,
        pages,
        paperSize,
        date,
      });
    },
    async send(fields) {
      save({ ...draft, ...fields });
      if (sending || draft.send?.phase === 'uploading') {
        return {
          ok: false,
          problems: [{ field: 'general', message: 'This fax is already being sent.', action: 'Wait for the upload to finish.' }],
        };
      }
      sending = true;
      try {
        const r = await sendDraft({
          db: deps.db,
          outbox: deps.outbox,
          dir,
          draft,
          defaults: defaults(),
          pricing: service.getState().pricing,
          now,
        });
        if (!r.ok) return r;
        save({ ...draft, send: r.status });
        tracker.track(r.status);
        return { ok: true, draft };
      } finally {
        sending = false;
      }
    },
    async discard() {
      tracker.stop();
      const ids = draft.documents.map((d) => d.id);
      save(emptyDraft(defaults(), now()));
      await removeStaged(dir, ids);
      return draft;
    },
    dismissSend() {
      if (draft.send?.phase === 'uploading') tracker.stop();
      return save({ ...draft, send: null });
    },
    async openDocuments(paths) {
      const r = await service.addPaths(paths, 'open-with');
      deps.emit('composeChanged', { draft: r.draft, fieldsChanged: false, added: r.added, refused: r.refused });
      return r;
    },
    async addIncoming(doc) {
      const r = await stage([{ kind: 'path', path: doc.path, name: doc.name, source: 'hotfolder' }]);
      let fieldsChanged = false;
      if (r.added.length && draft.recipients.length === 0 && doc.recipients?.length) {
        fieldsChanged = true;
        save({
          ...draft,
          recipients: doc.recipients.map((x) => ({ number: x.number, display: x.display, name: x.name })),
          toHeader: doc.toHeader ?? draft.toHeader,
          toHeaderAuto: doc.toHeader === undefined,
          fromHeader: doc.fromHeader ?? draft.fromHeader,
          resolution: doc.options?.resolution ?? draft.resolution,
          priority: doc.options?.priority ?? draft.priority,
          paperSize: doc.options?.paperSize ?? draft.paperSize,
          cover: doc.subject ? { ...draft.cover, subject: doc.subject } : draft.cover,
        });
      }
      deps.emit('composeChanged', { draft, fieldsChanged, added: r.added, refused: r.refused });
      return { ...r, draft };
    },
    dispose() {
      tracker.dispose();
    },
  };
  return service;
}

function safeHistoryPrice(db: Db): number | undefined {
  try {
    return averageCostPerPage(db);
  } catch {
    return undefined;
  }
}
