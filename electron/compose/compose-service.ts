// The Compose feature in main: the drafts (kept in the database; one is shown), their documents
// (copied into the data folder), the cover pages, and the send that merges everything and hands
// it to the outbox. Plain Node: the app, the browser host and the tests build it with explicit deps.

import { existsSync } from 'node:fs';
import type { PaperSize } from '../../shared/domain.ts';
import type { EventName, EventPayload } from '../../shared/ipc/contract.ts';
import {
  type AddDocumentsResult,
  type ComposeDefaults,
  type ComposeDocument,
  type ComposeDraft,
  type ComposeState,
  type CoverFields,
  type DraftFields,
  type DraftRecipient,
  draftName,
  type SendResult,
  type SendStatus,
  UNDO_DISCARD_MS,
} from '../../shared/ipc/contract/compose.ts';
import type { Settings } from '../../shared/settings.ts';
import { AppError } from '../core/app-error.ts';
import { createLogger } from '../core/logger.ts';
import { privateDir } from '../core/private-files.ts';
import type { Outbox } from '../outbox/types.ts';
import { renderCoverPage } from '../pdf/cover-page.ts';
import type { PdfInspector } from '../pdf/pdf-inspector.ts';
import type { Db } from '../store/sql.ts';
import { addGoesTo, arrivalGoesTo } from './arrival.ts';
import { createDiscardUndo } from './discard-undo.ts';
import { emptyDraft, emptyFields } from './draft.ts';
import { isBlank, openDraftBook } from './draft-book.ts';
import { recipientCover } from '../pdf/recipient-cover.ts';
import { type PricingInputs, resolvePricing } from './pricing.ts';
import { type DuplicateAnswer, sendDraft } from './send.ts';
import { createSendTracker, type SendTracker } from './send-tracker.ts';
import { createPathGrants, takeGranted } from './path-grants.ts';
import { settleSend } from './sent-before.ts';
import {
  imagePaperFor,
  readStaged,
  removeStaged,
  type StageInput,
  stageDocument,
  stagedPath,
  stagingDir,
  sweepStaging,
} from './staging.ts';

const log = createLogger('compose');

type ComposeEventName = Extract<EventName, 'composeChanged' | 'composeSendProgress' | 'composeImageProgress' | 'notice'>;

export interface ComposeDeps {
  db: Db;
  dataDir: string;
  outbox: Pick<Outbox, 'submit' | 'createBroadcast' | 'on' | 'queueState'>;
  getSettings: () => Settings;
  emit: <K extends ComposeEventName>(name: K, payload: EventPayload<K>) => void;
  /** Mode, prices and credit for the estimate (see pricing.ts), the learned price already scoped to the account. */
  pricing: () => PricingInputs;
  now?: () => number;
  /** Where pdf.js reads added documents, in a child with a time and memory cap (pdf/pdf-inspector.ts). */
  pdfInspector?: PdfInspector;
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
  /** Saves the form into `draftId` (the shown draft when absent). */
  saveFields(fields: DraftFields, draftId?: string): ComposeDraft;
  addFiles(files: Array<{ name: string; bytes: Uint8Array }>, source: 'drop' | 'picker'): Promise<AddDocumentsResult>;
  /**
   * Lets each path be added once, shortly (a drop, the Add documents dialog); answers how many
   * were granted. "Open with" and the hot folder grant their own.
   */
  grantPaths(paths: readonly string[]): Promise<number>;
  /** Adds files by path: only granted ones are read; the others get the one refusal (path-grants.ts). */
  addPaths(paths: readonly string[], source: ComposeDocument['source']): Promise<AddDocumentsResult>;
  removeDocument(id: string): Promise<ComposeDraft>;
  reorderDocuments(ids: readonly string[]): ComposeDraft;
  documentBytes(id: string): Promise<Uint8Array>;
  /** The cover `recipient` gets (each has their own). */
  coverPreview(input: {
    cover: CoverFields;
    recipient?: DraftRecipient;
    fromHeader?: string;
    pages: number;
    paperSize: PaperSize;
    date: string;
  }): Promise<Uint8Array>;
  /** `duplicates`: the person's answer when the duplicate guard asked (send to those again too, or to the others only). */
  send(fields: DraftFields, draftId?: string, duplicates?: DuplicateAnswer): Promise<SendResult>;
  /** Discards a draft (the shown one by default); `undo` brings it back for UNDO_DISCARD_MS. */
  discard(id?: string): Promise<{ state: ComposeState; undo?: { token: string; name: string } }>;
  undoDiscard(token: string): ComposeState;
  newDraft(): ComposeState;
  openDraft(id: string): ComposeState;
  dismissSend(): ComposeDraft;
  /** "Open with" and second launches: the files arrive like a print, and the renderer is told. */
  openDocuments(paths: readonly string[]): Promise<AddDocumentsResult>;
  /** A hot-folder pickup: joins the shown draft or starts a new one; its recipients and headers fill an empty form. */
  addIncoming(doc: IncomingDocument): Promise<AddDocumentsResult>;
  /** Stops following sends; documents of discarded drafts still held for undo are deleted. */
  dispose(): Promise<void>;
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

/** Builds the service and restores the saved drafts. */
export async function createComposeService(deps: ComposeDeps): Promise<ComposeService> {
  const now = deps.now ?? Date.now;
  const dir = stagingDir(deps.dataDir);
  await privateDir(dir);
  const defaults = () => defaultsFrom(deps.getSettings());
  const book = openDraftBook(deps.db, () => emptyDraft(defaults(), now()), now);
  const sending = new Set<string>();
  const grants = createPathGrants({ now });
  const trackers = new Map<string, SendTracker>();
  const undo = createDiscardUndo(UNDO_DISCARD_MS, (d) =>
    removeStaged(
      dir,
      d.documents.map((x) => x.id),
    ),
  );

  for (const d of book.all()) {
    const missing = d.documents.filter((x) => !existsSync(stagedPath(dir, x.id)));
    if (!missing.length) continue;
    log.warn(`${missing.length} document(s) of a draft were missing from ${dir}; dropped from the draft`);
    book.save({ ...d, documents: d.documents.filter((x) => !missing.includes(x)) });
  }
  await sweepStaging(dir, new Set(book.all().flatMap((d) => d.documents.map((x) => x.id))));

  const draft = () => book.current();
  const drafts = () => book.summaries();
  const announce = (fieldsChanged: boolean, added: ComposeDocument[] = [], refused: AddDocumentsResult['refused'] = []) =>
    deps.emit('composeChanged', { draft: draft(), drafts: drafts(), fieldsChanged, added, refused });

  function track(draftId: string, status: SendStatus): void {
    trackers.get(draftId)?.dispose();
    const tracker = createSendTracker({
      db: deps.db,
      outbox: deps.outbox,
      onChange(next, change) {
        const shown = draft().id === draftId;
        if (change !== 'progress') {
          const d = book.get(draftId);
          if (d && next.phase === 'sent') void finishSent(draftId, next);
          else if (d && change === 'final') {
            // Who got it leaves the list to send to: "Edit and send again" offers the others only.
            book.save(settleSend(d, next));
            announce(shown);
          } else if (d) {
            book.save({ ...d, send: next });
            if (!shown) announce(false);
          }
        }
        if (shown) deps.emit('composeSendProgress', next);
        if (change === 'final') {
          queueMicrotask(() => {
            if (trackers.get(draftId) !== tracker) return;
            tracker.dispose();
            trackers.delete(draftId);
          });
        }
      },
    });
    trackers.set(draftId, tracker);
    tracker.track(status);
  }

  // Everything reached Openfax: the draft's work is done; a shown draft keeps only the status to
  // show (a new fax starts empty), one in the background leaves the list.
  async function finishSent(draftId: string, status: SendStatus): Promise<void> {
    const d = book.get(draftId);
    if (!d) return;
    const ids = d.documents.map((x) => x.id);
    const shown = draft().id === draftId;
    if (shown) {
      const fresh = emptyFields(defaults());
      book.save({ ...d, ...fresh, fromHeader: d.fromHeader, documents: [], sentBefore: [], send: status });
    } else book.remove(draftId);
    // The screen learns first; the staged copies (the outbox has its own) go after.
    announce(shown);
    await removeStaged(dir, ids);
  }

  for (const d of book.all()) if (d.send?.phase === 'uploading') track(d.id, d.send);

  // Documents join in the order they arrived, even when a large one is still being checked
  // while the next comes in (two quick "Open with", a print during a drop).
  let staging: Promise<unknown> = Promise.resolve();
  type Staged = AddDocumentsResult & { startedNew: boolean; before: ComposeDraft };
  function stage(inputs: StageInput[], how: 'shown' | 'arrival'): Promise<Staged> {
    const next = staging.then(() => stageNow(inputs, how));
    staging = next.catch(() => {});
    return next;
  }

  async function stageNow(inputs: StageInput[], how: 'shown' | 'arrival'): Promise<Staged> {
    const added: ComposeDocument[] = [];
    const refused: AddDocumentsResult['refused'] = [];
    for (const input of inputs) {
      const r = await stageDocument(
        input,
        dir,
        () => imagePaperFor(draft(), deps.getSettings().paperSize),
        (progress) => deps.emit('composeImageProgress', progress),
        deps.pdfInspector,
      );
      if (r.ok) added.push(r.document);
      else refused.push(r.refused);
    }
    const before = draft();
    if (!added.length) return { draft: before, drafts: drafts(), added, refused, startedNew: false, before };
    const goes = how === 'arrival' ? arrivalGoesTo(before, deps.getSettings().arrivalsJoinOpenDraft) : addGoesTo(before);
    const target = goes === 'new' ? book.create() : before;
    // A finished send is forgotten as soon as work on the next fax starts.
    const send = target.send && target.send.phase !== 'uploading' ? null : target.send;
    book.save({ ...target, send, documents: [...target.documents, ...added] });
    return { draft: draft(), drafts: drafts(), added, refused, startedNew: goes === 'new', before };
  }

  // The toast names the draft the document went to, and the one it did not disturb.
  function arrivalNotice(r: Staged, name: string): void {
    if (!r.added.length) return;
    const here = draftName(draft());
    const kept = r.startedNew && !isBlank(r.before) ? ` Your other draft, “${draftName(r.before)}”, is kept under Drafts.` : '';
    const joined = !r.startedNew && r.before.documents.length > 0;
    deps.emit('notice', {
      level: 'info',
      title: r.startedNew ? 'New draft on Compose' : joined ? 'Added to the draft on Compose' : 'On Compose',
      message: r.startedNew
        ? `${name} is in a new draft, “${here}”.${kept}`
        : joined
          ? `${name} was added to the draft “${here}”.`
          : `${name} is on Compose, in the draft “${here}”.`,
    });
  }

  const plain = (r: Staged): AddDocumentsResult => ({ draft: r.draft, drafts: r.drafts, added: r.added, refused: r.refused });
  // Only paths with a grant are read; the others get the one refusal, in front of the rest.
  async function stagePaths(paths: readonly string[], source: ComposeDocument['source'], how: 'shown' | 'arrival', name?: string) {
    const { granted, refused } = takeGranted(grants, paths);
    const r = await stage(
      granted.map((g) => ({ kind: 'granted', granted: g, name, source })),
      how,
    );
    return { ...r, refused: [...refused.map((x) => (name ? { ...x, name } : x)), ...r.refused] };
  }

  const state = (): ComposeState => ({
    draft: draft(),
    drafts: drafts(),
    defaults: defaultsFrom(deps.getSettings()),
    pricing: resolvePricing(deps.pricing()),
  });

  const service: ComposeService = {
    getState: state,
    saveFields(fields, draftId) {
      const d = draftId ? book.get(draftId) : draft();
      if (!d) throw new ComposeError('That draft was discarded.', { code: 'draft-gone', field: 'draftId' });
      return book.save({ ...d, ...fields });
    },
    async addFiles(files, source) {
      return plain(
        await stage(
          files.map((f) => ({ kind: 'bytes', bytes: f.bytes, name: f.name, source })),
          'shown',
        ),
      );
    },
    grantPaths: (paths) => grants.grant(paths),
    async addPaths(paths, source) {
      return plain(await stagePaths(paths, source, 'shown'));
    },
    async removeDocument(id) {
      const d = draft();
      if (!d.documents.some((x) => x.id === id)) return d;
      const next = book.save({ ...d, documents: d.documents.filter((x) => x.id !== id) });
      await removeStaged(dir, [id]);
      return next;
    },
    reorderDocuments(ids) {
      const d = draft();
      const byId = new Map(d.documents.map((x) => [x.id, x]));
      if (ids.length !== byId.size || new Set(ids).size !== ids.length || ids.some((id) => !byId.has(id))) {
        throw new ComposeError('The document list changed meanwhile: reorder again.', { code: 'documents-changed', field: 'ids' });
      }
      return book.save({ ...d, documents: ids.map((id) => byId.get(id) as ComposeDocument) });
    },
    async documentBytes(id) {
      if (!book.all().some((d) => d.documents.some((x) => x.id === id))) {
        throw new ComposeError('That document is no longer part of the fax.', { code: 'document-gone', field: 'id' });
      }
      return readStaged(dir, id);
    },
    coverPreview({ cover, recipient, fromHeader, pages, paperSize, date }) {
      return renderCoverPage(recipientCover({ cover, recipient, fromHeader: fromHeader ?? draft().fromHeader, pages, paperSize, date }));
    },
    async send(fields, draftId, duplicates) {
      const id = draftId ?? draft().id;
      const d = book.get(id);
      if (!d) {
        return {
          ok: false,
          problems: [{ field: 'general', message: 'This draft was discarded.', action: 'Open another draft, or start a new fax.' }],
        };
      }
      const current = book.save({ ...d, ...fields });
      if (sending.has(id) || current.send?.phase === 'uploading') {
        return {
          ok: false,
          problems: [{ field: 'general', message: 'This fax is already being sent.', action: 'Wait for the upload to finish.' }],
        };
      }
      sending.add(id);
      try {
        const r = await sendDraft({
          db: deps.db,
          outbox: deps.outbox,
          dir,
          draft: current,
          defaults: defaults(),
          pricing: state().pricing,
          now,
          duplicates,
        });
        if (!r.ok) return r;
        const sent = book.save({ ...(book.get(id) ?? current), send: r.status });
        track(id, r.status);
        return { ok: true, draft: book.get(id) ?? sent };
      } finally {
        sending.delete(id);
      }
    },
    async discard(id) {
      const d = id ? book.get(id) : draft();
      if (!d) return { state: state() };
      // While Send is handing it to the outbox the draft is written back when that ends: a
      // discard now would come back as a draft, and its Undo copy would show it unsent.
      if (sending.has(d.id)) {
        throw new ComposeError('This fax is being handed to Openfax right now, so it cannot be discarded yet.', {
          code: 'draft-sending',
          field: 'id',
        });
      }
      trackers.get(d.id)?.dispose();
      trackers.delete(d.id);
      book.remove(d.id);
      if (isBlank(d)) {
        await removeStaged(
          dir,
          d.documents.map((x) => x.id),
        );
        return { state: state() };
      }
      return { state: state(), undo: { token: undo.hold(d), name: draftName(d) } };
    },
    undoDiscard(token) {
      const d = undo.take(token);
      if (!d) {
        throw new ComposeError('The discarded draft can no longer be brought back: its documents were deleted.', {
          code: 'undo-expired',
          field: 'token',
        });
      }
      book.save(d);
      book.show(d.id);
      if (d.send?.phase === 'uploading') track(d.id, d.send);
      return state();
    },
    newDraft() {
      if (!isBlank(draft()) || draft().send) book.create();
      return state();
    },
    openDraft(id) {
      if (!book.get(id)) throw new ComposeError('That draft was discarded.', { code: 'draft-gone', field: 'id' });
      book.show(id);
      return state();
    },
    dismissSend() {
      const d = draft();
      if (d.send?.phase === 'uploading') {
        trackers.get(d.id)?.dispose();
        trackers.delete(d.id);
      }
      return book.save({ ...d, send: null });
    },
    async openDocuments(paths) {
      // The OS handed these over ("Open with", a second launch): that is their grant.
      void grants.grant(paths);
      const r = await stagePaths(paths, 'open-with', 'arrival');
      announce(r.startedNew, r.added, r.refused);
      if (r.added.length) arrivalNotice(r, r.added.length === 1 ? (r.added[0] as ComposeDocument).name : `${r.added.length} documents`);
      return plain(r);
    },
    async addIncoming(doc) {
      // The hot folder's own spool copy: granted by the hot folder handing it over.
      void grants.grant([doc.path]);
      const r = await stagePaths([doc.path], 'hotfolder', 'arrival', doc.name);
      let fieldsChanged = r.startedNew;
      const d = draft();
      if (r.added.length && d.recipients.length === 0 && doc.recipients?.length) {
        fieldsChanged = true;
        book.save({
          ...d,
          recipients: doc.recipients.map((x) => ({ number: x.number, display: x.display, name: x.name })),
          toHeader: doc.toHeader ?? d.toHeader,
          toHeaderAuto: doc.toHeader === undefined,
          fromHeader: doc.fromHeader ?? d.fromHeader,
          resolution: doc.options?.resolution ?? d.resolution,
          priority: doc.options?.priority ?? d.priority,
          paperSize: doc.options?.paperSize ?? d.paperSize,
          cover: doc.subject ? { ...d.cover, subject: doc.subject } : d.cover,
        });
      }
      announce(fieldsChanged, r.added, r.refused);
      arrivalNotice(r, doc.name);
      return { draft: draft(), drafts: drafts(), added: r.added, refused: r.refused };
    },
    async dispose() {
      for (const t of trackers.values()) t.dispose();
      trackers.clear();
      await undo.flush();
    },
  };
  return service;
}
