import type { StateCreator } from 'zustand';
import type {
  ComposeDefaults,
  ComposeDraft,
  ComposePricing,
  ComposeState,
  DraftFields,
  DraftRecipient,
  DraftSummary,
  RefusedFile,
  SendProblem,
  SendStatus,
} from '../../../../shared/ipc/contract/compose.ts';
import type { DuplicateSend } from '../../../../shared/duplicate-sends.ts';
import type { EventPayload } from '../../../../shared/ipc/contract.ts';
import { call } from '../../ipc/api.ts';
import { messageOf } from '../../ipc/message-of.ts';
import type { RootState } from '../index.ts';
import { adoptDraft, fieldsOf, registerDocuments, releaseDocument } from './compose-draft.ts';
import { draftSummary, UNDO_DISCARD_MS } from '../../../../shared/ipc/contract/compose.ts';

/** A dropped file shown in the preview while main checks and copies it. */
export interface PendingDocument {
  key: string;
  name: string;
  /** An image main is making into pages: how far it is (a long TIFF). */
  progress?: { done: number; total: number };
}

export interface ComposeSlice {
  composeStatus: 'loading' | 'ready' | 'error';
  composeLoadError: string | undefined;
  /** The shown draft's documents and send status, as main has them. */
  composeDraft: ComposeDraft | undefined;
  /** Every open draft, newest first (the shown one included). */
  composeDrafts: DraftSummary[];
  /** Whose cover the preview shows (a recipient's number); the first recipient when unset. */
  composeCoverFor: string | undefined;
  /** The form, as the user is editing it (saved to main shortly after each change). */
  composeFields: DraftFields | undefined;
  composeDefaults: ComposeDefaults | undefined;
  composePricing: ComposePricing;
  composePending: PendingDocument[];
  /**
   * Preview key of a draft document that was dropped in this window: it keeps the key it was
   * previewed under while uploading, so the pages on screen are not drawn again.
   */
  composePreviewKeys: Record<string, string>;
  composeRefused: RefusedFile[];
  /** From the last Send click, by field. */
  composeProblems: SendProblem[];
  /** The last Send was held by the duplicate guard: the numbers that already have it (the dialog asks). */
  composeDuplicates: DuplicateSend[];
  composeSending: boolean;
  composeSaveError: string | undefined;
  composeDragging: boolean;

  loadCompose(): Promise<void>;
  /** Prices, credit and defaults again (the account or the settings changed). */
  refreshComposeContext(): Promise<void>;
  editComposeFields(patch: Partial<DraftFields>): void;
  setComposeRecipients(recipients: DraftRecipient[]): void;
  /** Hands the draft to the outbox; true when main took it. `answer`: the person's yes to the duplicate guard. */
  sendCompose(answer?: { allowDuplicate?: boolean; skipDuplicates?: boolean }): Promise<boolean>;
  /** "Don't send" in the duplicate dialog: nothing goes. */
  dismissComposeDuplicates(): void;
  dismissComposeSend(): Promise<void>;
  /** Discards a draft (the shown one by default) and offers Undo for UNDO_DISCARD_MS in a toast. */
  discardCompose(id?: string): Promise<void>;
  undoDiscardCompose(token: string): Promise<void>;
  newComposeDraft(): Promise<void>;
  openComposeDraft(id: string): Promise<void>;
  setComposeCoverFor(number: string | undefined): void;
  setComposeProblems(problems: SendProblem[]): void;
  setComposeDragging(dragging: boolean): void;
  applyComposeChanged(payload: EventPayload<'composeChanged'>): void;
  applyComposeProgress(status: SendStatus): void;
}

const SAVE_DELAY_MS = 350;
let saveTimer: ReturnType<typeof setTimeout> | undefined;

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

export const createComposeSlice: StateCreator<RootState, [], [], ComposeSlice> = (set, get) => {
  /** Main shows another draft (switched, new, discarded, undone): its form replaces this one. */
  const showState = (state: ComposeState) => {
    const old = get().composeDraft;
    for (const d of old?.documents ?? []) if (!state.draft.documents.some((x) => x.id === d.id)) releaseDocument(set, get, d.id);
    registerDocuments(state.draft);
    set({
      composeDraft: state.draft,
      composeDrafts: state.drafts,
      composeFields: fieldsOf(state.draft),
      composeProblems: [],
      composeCoverFor: undefined,
    });
  };

  const flushSave = async () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = undefined;
    const fields = get().composeFields;
    const draftId = get().composeDraft?.id;
    if (!fields) return;
    try {
      // Saved into the draft the fields were typed in, even if another is shown by now.
      const saved = await call('saveComposeDraft', draftId ? { ...fields, draftId } : fields);
      if (saved.id === get().composeDraft?.id) adoptDraft(set, get, saved);
      // The drafts list follows what was typed (names of recipients) in every draft.
      set({ composeDrafts: get().composeDrafts.map((d) => (d.id === saved.id ? draftSummary(saved) : d)) });
      set({ composeSaveError: undefined });
    } catch (err) {
      set({ composeSaveError: `The draft could not be saved: ${messageOf(err)}` });
    }
  };

  return {
    composeStatus: 'loading',
    composeLoadError: undefined,
    composeDraft: undefined,
    composeDrafts: [],
    composeCoverFor: undefined,
    composeFields: undefined,
    composeDefaults: undefined,
    composePricing: {},
    composePending: [],
    composePreviewKeys: {},
    composeRefused: [],
    composeProblems: [],
    composeDuplicates: [],
    composeSending: false,
    composeSaveError: undefined,
    composeDragging: false,

    async loadCompose() {
      try {
        const state = await call('getCompose');
        registerDocuments(state.draft);
        set({
          composeStatus: 'ready',
          composeDraft: state.draft,
          composeDrafts: state.drafts,
          composeFields: fieldsOf(state.draft),
          composeDefaults: state.defaults,
          composePricing: state.pricing,
          composeLoadError: undefined,
        });
      } catch (err) {
        set({ composeStatus: 'error', composeLoadError: messageOf(err) });
      }
    },

    async refreshComposeContext() {
      if (get().composeStatus !== 'ready') return;
      try {
        const state = await call('getCompose');
        set({ composeDefaults: state.defaults, composePricing: state.pricing, composeDrafts: state.drafts });
      } catch {
        // Kept as they were: the estimate is a guide, and the next change tries again.
      }
    },

    editComposeFields(p) {
      const { composeFields: fields, composeProblems: problems } = get();
      if (!fields) return;
      const touched = new Set(Object.keys(p).map((k) => FIELD_OF[k as keyof DraftFields]));
      set({
        composeFields: { ...fields, ...p },
        composeProblems: problems.filter((x) => !touched.has(x.field) && x.field !== 'general'),
      });
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = setTimeout(() => void flushSave(), SAVE_DELAY_MS);
    },

    setComposeRecipients(recipients) {
      const fields = get().composeFields;
      if (!fields) return;
      const p: Partial<DraftFields> = { recipients };
      // The To header follows the one recipient's contact until the user types their own;
      // with several recipients each gets their own contact's header.
      if (fields.toHeaderAuto) p.toHeader = recipients.length === 1 ? (recipients[0]?.toHeader ?? '') : '';
      get().editComposeFields(p);
    },

    async sendCompose(answer = {}) {
      const { composeFields: fields, composeSending: sending } = get();
      if (!fields || sending) return false;
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = undefined;
      set({ composeSending: true, composeProblems: [], composeDuplicates: [] });
      try {
        const draftId = get().composeDraft?.id;
        const r = await call('sendCompose', { ...fields, ...(draftId ? { draftId } : {}), ...answer });
        if (!r.ok) {
          // Held by the duplicate guard: the dialog asks, rather than a problem to fix.
          if (r.duplicates?.length) set({ composeDuplicates: r.duplicates });
          else set({ composeProblems: r.problems });
          return false;
        }
        if (r.draft.id === get().composeDraft?.id) adoptDraft(set, get, r.draft);
        set({ composeRefused: [] });
        return true;
      } catch (err) {
        set({
          composeProblems: [
            {
              field: 'general',
              message: `The fax could not be handed to the outbox: ${messageOf(err)}`,
              action: 'Try again; the draft is kept.',
            },
          ],
        });
        return false;
      } finally {
        set({ composeSending: false });
      }
    },

    dismissComposeDuplicates() {
      set({ composeDuplicates: [] });
      get().pushToast({ level: 'info', title: 'Not sent', message: 'Nothing was sent; the draft is kept.' });
    },

    async dismissComposeSend() {
      const draft = await call('dismissComposeSend');
      adoptDraft(set, get, draft);
      set({ composeFields: fieldsOf(draft) });
    },

    async discardCompose(id) {
      if (saveTimer) await flushSave();
      const shown = get().composeDraft;
      const r = await call('discardCompose', id ? { id } : {});
      if (!id || id === shown?.id) {
        for (const d of shown?.documents ?? []) releaseDocument(set, get, d.id);
        showState(r.state);
        set({ composeRefused: [] });
      } else set({ composeDrafts: r.state.drafts });
      const undo = r.undo;
      if (!undo) return;
      get().pushToast({
        level: 'info',
        title: 'Draft discarded',
        message: `“${undo.name}” was discarded. Undo brings it back for ${UNDO_DISCARD_MS / 1000} seconds.`,
        durationMs: UNDO_DISCARD_MS,
        action: { label: 'Undo', run: () => void get().undoDiscardCompose(undo.token) },
      });
    },

    async undoDiscardCompose(token) {
      try {
        if (saveTimer) await flushSave();
        showState(await call('undoDiscardCompose', { token }));
        get().navigate('compose');
      } catch (err) {
        get().pushToast({ level: 'error', title: 'The draft could not be brought back', message: messageOf(err) });
      }
    },

    async newComposeDraft() {
      if (saveTimer) await flushSave();
      showState(await call('newComposeDraft'));
    },

    async openComposeDraft(id) {
      if (id === get().composeDraft?.id) return;
      if (saveTimer) await flushSave();
      try {
        showState(await call('openComposeDraft', { id }));
      } catch (err) {
        get().pushToast({ level: 'error', title: 'That draft could not be opened', message: messageOf(err) });
        void get().refreshComposeContext();
      }
    },

    setComposeCoverFor(number) {
      set({ composeCoverFor: number });
    },

    setComposeProblems(problems) {
      set({ composeProblems: problems });
    },

    setComposeDragging(dragging) {
      if (get().composeDragging !== dragging) set({ composeDragging: dragging });
    },

    applyComposeChanged({ draft, drafts, fieldsChanged, refused }) {
      const old = get().composeDraft;
      const switched = old !== undefined && old.id !== draft.id;
      // Edits still waiting to be saved belong to the draft they were typed in.
      if (switched && saveTimer) void flushSave();
      for (const d of old?.documents ?? []) if (!draft.documents.some((x) => x.id === d.id)) releaseDocument(set, get, d.id);
      registerDocuments(draft);
      set({
        composeDraft: draft,
        composeDrafts: drafts,
        ...(fieldsChanged || switched ? { composeFields: fieldsOf(draft) } : {}),
        ...(switched ? { composeProblems: [], composeCoverFor: undefined } : {}),
        ...(refused.length ? { composeRefused: [...get().composeRefused, ...refused] } : {}),
      });
    },

    applyComposeProgress(status) {
      const draft = get().composeDraft;
      if (!draft) return;
      const next = { ...draft, send: status };
      set({ composeDraft: next, composeDrafts: get().composeDrafts.map((d) => (d.id === next.id ? draftSummary(next) : d)) });
    },
  };
};
