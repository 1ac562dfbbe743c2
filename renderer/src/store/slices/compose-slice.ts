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
import { call } from '../../ipc/api.ts';
import { messageOf } from '../../ipc/message-of.ts';
import type { RootState } from '../index.ts';
import { adoptDraft, fieldsOf, registerDocuments, releaseDocument } from './compose-draft.ts';

/** A dropped file shown in the preview while main checks and copies it. */
export interface PendingDocument {
  key: string;
  name: string;
}

export interface ComposeSlice {
  composeStatus: 'loading' | 'ready' | 'error';
  composeLoadError: string | undefined;
  /** Documents and send status, as main has them. */
  composeDraft: ComposeDraft | undefined;
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
  composeSending: boolean;
  composeSaveError: string | undefined;
  composeDragging: boolean;

  loadCompose(): Promise<void>;
  /** Prices, credit and defaults again (the account or the settings changed). */
  refreshComposeContext(): Promise<void>;
  editComposeFields(patch: Partial<DraftFields>): void;
  setComposeRecipients(recipients: DraftRecipient[]): void;
  /** Hands the draft to the outbox; true when main took it. */
  sendCompose(): Promise<boolean>;
  dismissComposeSend(): Promise<void>;
  discardCompose(): Promise<void>;
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
  const flushSave = async () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = undefined;
    const fields = get().composeFields;
    if (!fields) return;
    try {
      adoptDraft(set, await call('saveComposeDraft', fields));
      set({ composeSaveError: undefined });
    } catch (err) {
      set({ composeSaveError: `The draft could not be saved: ${messageOf(err)}` });
    }
  };

  return {
    composeStatus: 'loading',
    composeLoadError: undefined,
    composeDraft: undefined,
    composeFields: undefined,
    composeDefaults: undefined,
    composePricing: {},
    composePending: [],
    composePreviewKeys: {},
    composeRefused: [],
    composeProblems: [],
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
        set({ composeDefaults: state.defaults, composePricing: state.pricing });
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

    async sendCompose() {
      const { composeFields: fields, composeSending: sending } = get();
      if (!fields || sending) return false;
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = undefined;
      set({ composeSending: true, composeProblems: [] });
      try {
        const r = await call('sendCompose', fields);
        if (!r.ok) {
          set({ composeProblems: r.problems });
          return false;
        }
        adoptDraft(set, r.draft);
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

    async dismissComposeSend() {
      adoptDraft(set, await call('dismissComposeSend'));
    },

    async discardCompose() {
      const draft = await call('discardCompose');
      for (const d of get().composeDraft?.documents ?? []) releaseDocument(set, get, d.id);
      adoptDraft(set, draft);
      set({ composeFields: fieldsOf(draft), composeProblems: [], composeRefused: [] });
    },

    setComposeProblems(problems) {
      set({ composeProblems: problems });
    },

    setComposeDragging(dragging) {
      if (get().composeDragging !== dragging) set({ composeDragging: dragging });
    },

    applyComposeChanged({ draft, fieldsChanged, refused }) {
      const old = get().composeDraft;
      for (const d of old?.documents ?? []) if (!draft.documents.some((x) => x.id === d.id)) releaseDocument(set, get, d.id);
      registerDocuments(draft);
      set({
        composeDraft: draft,
        ...(fieldsChanged ? { composeFields: fieldsOf(draft) } : {}),
        ...(refused.length ? { composeRefused: [...get().composeRefused, ...refused] } : {}),
      });
    },

    applyComposeProgress(status) {
      const draft = get().composeDraft;
      if (draft) set({ composeDraft: { ...draft, send: status } });
    },
  };
};
