import type { StateCreator } from 'zustand';
import type {
  ComposeDefaults,
  ComposeDraft,
  ComposePricing,
  DraftFields,
  DraftRecipient,
  RefusedFile,
  SendProblem,
  SendStatus,
} from '../../../../shared/ipc/contract/compose.ts';
import type { EventPayload } from '../../../../shared/ipc/contract.ts';
import { bridge, call, capabilities, messageOf } from '../../ipc/api.ts';
import { openPdf, provideBytes, provideFetcher, releasePdf, whenShown } from '../../preview/pdf-registry.ts';
import { base64ToBytes, bytesToBase64, quickRefusal, readFileBytes } from '../../screens/compose/file-intake.ts';
import type { RootState } from '../index.ts';

/** A dropped file shown in the preview while main checks and copies it. */
export interface PendingDocument {
  key: string;
  name: string;
}

export interface ComposeUi {
  status: 'loading' | 'ready' | 'error';
  loadError?: string;
  /** Documents and send status, as main has them. */
  draft?: ComposeDraft;
  /** The form, as the user is editing it (saved to main shortly after each change). */
  fields?: DraftFields;
  defaults?: ComposeDefaults;
  pricing: ComposePricing;
  pending: PendingDocument[];
  /**
   * Preview key of a draft document that was dropped in this window: it keeps the key it was
   * previewed under while uploading, so the pages on screen are not drawn again.
   */
  previewKeys: Record<string, string>;
  refused: RefusedFile[];
  /** From the last Send click, by field. */
  problems: SendProblem[];
  sending: boolean;
  saveError?: string;
  dragging: boolean;
}

export interface ComposeSlice {
  compose: ComposeUi;
  composeLoad(): Promise<void>;
  /** Prices, credit and defaults again (the account or the settings changed). */
  composeRefreshContext(): Promise<void>;
  composeEdit(patch: Partial<DraftFields>): void;
  composeSetRecipients(recipients: DraftRecipient[]): void;
  composeAddFiles(files: File[]): Promise<void>;
  composePick(): Promise<'unsupported' | 'done'>;
  composeRemoveDocument(id: string): Promise<void>;
  composeMoveDocument(id: string, toIndex: number): Promise<void>;
  composeSend(): Promise<boolean>;
  composeDismissSend(): Promise<void>;
  composeDiscard(): Promise<void>;
  composeDismissRefused(): void;
  composeSetProblems(problems: SendProblem[]): void;
  composeSetDragging(dragging: boolean): void;
  composeApplyChanged(payload: EventPayload<'composeChanged'>): void;
  composeApplyProgress(status: SendStatus): void;
}

const SAVE_DELAY_MS = 350;
const FIRST_PAGE_GRACE_MS = 400;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
let pendingSeq = 0;

/** Which form fields a problem belongs to, so editing a field clears its message. */
const FIELD_OF: Partial<Record<keyof DraftFields, SendProblem['field']>> = {
  recipients: 'recipients',
  toHeader: 'toHeader',
  fromHeader: 'fromHeader',
  cover: 'cover',
  resolution: 'options',
  priority: 'options',
  paperSize: 'options',
};

function documentFetcher(id: string) {
  return async () => base64ToBytes((await call('getComposeDocumentBytes', { id })).dataBase64);
}

function registerDocuments(draft: ComposeDraft): void {
  for (const d of draft.documents) provideFetcher(d.id, documentFetcher(d.id));
}

/** "what is wrong: what to do" → the two halves. */
function splitReason(name: string, reason: string): RefusedFile {
  const cut = reason.indexOf(': ');
  if (cut < 0) return { name, message: reason, action: '' };
  const action = reason.slice(cut + 2);
  return { name, message: `${reason.slice(0, cut)}.`, action: action.charAt(0).toUpperCase() + action.slice(1) };
}

export const createComposeSlice: StateCreator<RootState, [], [], ComposeSlice> = (set, get) => {
  const patch = (p: Partial<ComposeUi>) => set((s) => ({ compose: { ...s.compose, ...p } }));

  const flushSave = async () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = undefined;
    const fields = get().compose.fields;
    if (!fields) return;
    try {
      adoptDraft(await call('saveComposeDraft', fields));
      patch({ saveError: undefined });
    } catch (err) {
      patch({ saveError: `The draft could not be saved: ${messageOf(err)}` });
    }
  };

  const releaseDocument = (id: string) => {
    const keys = get().compose.previewKeys;
    releasePdf(keys[id] ?? id);
    if (keys[id]) {
      const { [id]: _gone, ...rest } = keys;
      patch({ previewKeys: rest });
    }
  };

  const adoptDraft = (draft: ComposeDraft) => {
    registerDocuments(draft);
    patch({ draft });
  };

  return {
    compose: { status: 'loading', pricing: {}, pending: [], previewKeys: {}, refused: [], problems: [], sending: false, dragging: false },

    async composeLoad() {
      try {
        const state = await call('getCompose');
        const { documents: _d, send: _s, updatedAt: _u, ...fields } = state.draft;
        registerDocuments(state.draft);
        patch({ status: 'ready', draft: state.draft, fields, defaults: state.defaults, pricing: state.pricing, loadError: undefined });
      } catch (err) {
        patch({ status: 'error', loadError: messageOf(err) });
      }
    },

    async composeRefreshContext() {
      if (get().compose.status !== 'ready') return;
      try {
        const state = await call('getCompose');
        patch({ defaults: state.defaults, pricing: state.pricing });
      } catch {
        // Kept as they were: the estimate is a guide, and the next change tries again.
      }
    },

    composeEdit(p) {
      const { fields, problems } = get().compose;
      if (!fields) return;
      const touched = new Set(Object.keys(p).map((k) => FIELD_OF[k as keyof DraftFields]));
      patch({ fields: { ...fields, ...p }, problems: problems.filter((x) => !touched.has(x.field) && x.field !== 'general') });
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = setTimeout(() => void flushSave(), SAVE_DELAY_MS);
    },

    composeSetRecipients(recipients) {
      const fields = get().compose.fields;
      if (!fields) return;
      const p: Partial<DraftFields> = { recipients };
      // The To header follows the one recipient's contact until the user types their own;
      // with several recipients each gets their own contact's header.
      if (fields.toHeaderAuto) p.toHeader = recipients.length === 1 ? (recipients[0]?.toHeader ?? '') : '';
      get().composeEdit(p);
    },

    async composeAddFiles(files) {
      for (const file of files) {
        const bytes = await readFileBytes(file);
        const refusal = quickRefusal(bytes);
        if (refusal) {
          patch({ refused: [...get().compose.refused, splitReason(file.name, refusal)] });
          continue;
        }
        const key = `local:${++pendingSeq}`;
        provideBytes(key, bytes);
        // Open it (and its first page) now, before the upload: the preview is what people wait for.
        openPdf(key)
          .then((doc) => doc.getPage(1))
          .catch(() => undefined);
        patch({ pending: [...get().compose.pending, { key, name: file.name }] });
        try {
          // Main's check of a long PDF takes CPU the first page needs: on a small machine the
          // preview comes first (briefly; the upload does not wait for a hidden screen).
          await whenShown(key, FIRST_PAGE_GRACE_MS);
          const path = capabilities.nativeFiles ? bridge.pathForFile?.(file) : undefined;
          const r = path
            ? await call('addComposePaths', { paths: [path] })
            : await call('addComposeFiles', { files: [{ name: file.name, dataBase64: bytesToBase64(bytes) }] });
          const added = r.added[0];
          if (!added) releasePdf(key);
          adoptDraft(r.draft);
          patch({
            pending: get().compose.pending.filter((x) => x.key !== key),
            previewKeys: added ? { ...get().compose.previewKeys, [added.id]: key } : get().compose.previewKeys,
            refused: [...get().compose.refused, ...r.refused],
          });
        } catch (err) {
          releasePdf(key);
          patch({
            pending: get().compose.pending.filter((x) => x.key !== key),
            refused: [
              ...get().compose.refused,
              { name: file.name, message: `${file.name} could not be added: ${messageOf(err)}`, action: 'Try adding it again.' },
            ],
          });
        }
      }
    },

    async composePick() {
      const r = await call('pickComposeDocuments');
      if (r.unsupported) return 'unsupported';
      adoptDraft(r.draft);
      if (r.refused.length) patch({ refused: [...get().compose.refused, ...r.refused] });
      return 'done';
    },

    async composeRemoveDocument(id) {
      const draft = await call('removeComposeDocument', { id });
      releaseDocument(id);
      adoptDraft(draft);
    },

    async composeMoveDocument(id, toIndex) {
      const docs = get().compose.draft?.documents ?? [];
      const from = docs.findIndex((d) => d.id === id);
      if (from < 0 || toIndex < 0 || toIndex >= docs.length || from === toIndex) return;
      const ids = docs.map((d) => d.id);
      ids.splice(from, 1);
      ids.splice(toIndex, 0, id);
      const draft = get().compose.draft;
      // Show the new order at once; main's answer confirms it.
      if (draft) patch({ draft: { ...draft, documents: ids.map((x) => docs.find((d) => d.id === x)!) } });
      try {
        adoptDraft(await call('reorderComposeDocuments', { ids }));
      } catch (err) {
        if (draft) patch({ draft });
        get().pushToast({ level: 'error', title: 'The documents could not be reordered', message: messageOf(err) });
      }
    },

    async composeSend() {
      const { fields, sending } = get().compose;
      if (!fields || sending) return false;
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = undefined;
      patch({ sending: true, problems: [] });
      try {
        const r = await call('sendCompose', fields);
        if (!r.ok) {
          patch({ problems: r.problems });
          return false;
        }
        adoptDraft(r.draft);
        patch({ refused: [] });
        return true;
      } catch (err) {
        patch({
          problems: [
            {
              field: 'general',
              message: `The fax could not be handed to the outbox: ${messageOf(err)}`,
              action: 'Try again; the draft is kept.',
            },
          ],
        });
        return false;
      } finally {
        patch({ sending: false });
      }
    },

    async composeDismissSend() {
      adoptDraft(await call('dismissComposeSend'));
    },

    async composeDiscard() {
      const draft = await call('discardCompose');
      for (const d of get().compose.draft?.documents ?? []) releaseDocument(d.id);
      const { documents: _d, send: _s, updatedAt: _u, ...fields } = draft;
      adoptDraft(draft);
      patch({ fields, problems: [], refused: [] });
    },

    composeDismissRefused() {
      patch({ refused: [] });
    },

    composeSetProblems(problems) {
      patch({ problems });
    },

    composeSetDragging(dragging) {
      if (get().compose.dragging !== dragging) patch({ dragging });
    },

    composeApplyChanged({ draft, fieldsChanged, refused }) {
      const old = get().compose.draft;
      for (const d of old?.documents ?? []) if (!draft.documents.some((x) => x.id === d.id)) releaseDocument(d.id);
      registerDocuments(draft);
      const p: Partial<ComposeUi> = { draft };
      if (fieldsChanged) {
        const { documents: _d, send: _s, updatedAt: _u, ...fields } = draft;
        p.fields = fields;
      }
      if (refused.length) p.refused = [...get().compose.refused, ...refused];
      patch(p);
    },

    composeApplyProgress(status) {
      const draft = get().compose.draft;
      if (draft) patch({ draft: { ...draft, send: status } });
    },
  };
};
