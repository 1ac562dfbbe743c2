// The mail merge: one Word template, rows from a file or a group, a personalised fax for each.
// Main holds the merge (in SQLite); this slice shows it, sends the person's choices, pages the
// rows into the table, and keeps the one row's preview the screen shows.

import type { StateCreator } from 'zustand';
import {
  type ConverterId,
  MERGE_PICK_CANCELED,
  type MergeMapping,
  type MergeOptions,
  type MergePreview,
  type MergeRow,
  type MergeRowFilter,
  type MergeView,
} from '../../../../shared/ipc/contract/merge.ts';
import type { EventPayload } from '../../../../shared/ipc/contract.ts';
import { base64ToBytes, bytesToBase64 } from '../../files/base64.ts';
import { call } from '../../ipc/api.ts';
import { messageOf } from '../../ipc/message-of.ts';
import { provideBytes, releasePdf } from '../../preview/pdf-registry.ts';
import type { RootState } from '../index.ts';

export type { MergeRowFilter };
/** The parts of the screen an error or a wait belongs to: each shows its own under it. */
export type MergeStep = 'template' | 'data' | 'mapping' | 'options' | 'converter' | 'rows' | 'preview' | 'send';

/** The code main answers for a file dialog closed without a choice (nothing to say). */
/** Main refuses more (the request's limit); saying so here spares a 70 MB upload. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Rows per request; the table asks for the pages it shows. */
export const MERGE_ROW_PAGE = 200;
const OPTIONS_SAVE_MS = 400;

export interface MergePreviewShown extends Omit<MergePreview, 'dataBase64'> {
  /** The PDF's key in the preview's registry (pdf-registry.ts). */
  key: string;
}

export interface MergeSlice {
  /** undefined: not asked yet; null: no merge is being prepared. */
  merge: MergeView | null | undefined;
  mergeLoadError: string | undefined;
  mergeBusy: Partial<Record<MergeStep, true>>;
  mergeErrors: Partial<Record<MergeStep, string>>;
  /** What main says it is doing (a preview converting, a start checking). */
  mergeProgress: EventPayload<'mergeProgress'> | undefined;
  /** The options as typed (saved a moment later). */
  mergeOptionsDraft: MergeOptions | undefined;
  mergeRowFilter: MergeRowFilter;
  mergeRowTotal: number | undefined;
  /** Pages of the filtered rows, by page index (MERGE_ROW_PAGE rows each). */
  mergeRowPages: Record<number, MergeRow[]>;
  /** The row picked for the preview (its index in the data). */
  mergeSelectedRow: number | undefined;
  mergePreview: MergePreviewShown | undefined;
  /** Start refused: these rows' numbers already have their fax; the dialog asks. */
  mergeDuplicateRefusal: string | undefined;

  loadMerge(): Promise<void>;
  openMergeTemplate(source: File | 'pick'): Promise<void>;
  openMergeData(source: File | 'pick' | { groupId: number }): Promise<void>;
  setMergeMapping(mapping: MergeMapping): Promise<void>;
  editMergeOptions(patch: Partial<MergeOptions>): void;
  setMergeConverter(converter: ConverterId): Promise<void>;
  setMergeRowFilter(filter: MergeRowFilter): Promise<void>;
  /** The table shows these pages: fetched when missing. */
  showMergeRowPages(pages: number[]): Promise<void>;
  fixMergeRow(row: number, values: Record<string, string>): Promise<boolean>;
  setMergeRowsLeftOut(rows: number[], leftOut: boolean): Promise<void>;
  leaveOutMergeProblemRows(): Promise<void>;
  previewMergeRow(row: number): Promise<void>;
  startMerge(allowDuplicate?: boolean): Promise<void>;
  dismissMergeDuplicates(): void;
  pauseMerge(): Promise<void>;
  resumeMerge(): Promise<void>;
  cancelMerge(): Promise<void>;
  discardMerge(): Promise<void>;
  applyMergeChanged(view: MergeView): void;
  applyMergeProgress(progress: EventPayload<'mergeProgress'>): void;
}

let optionsTimer: ReturnType<typeof setTimeout> | undefined;
// Each rows request carries a generation: an answer for an older filter or merge is dropped.
let rowsGeneration = 0;
let previewSeq = 0;
/** Pages the table shows now: the ones fetched again when the merge changes. */
let visiblePages: number[] = [0];

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

async function fileSource(file: File): Promise<{ kind: 'bytes'; fileName: string; base64: string }> {
  if (file.size > MAX_FILE_BYTES) throw new Error(`${file.name} is over 50 MB: split it into smaller files.`);
  return { kind: 'bytes', fileName: file.name, base64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) };
}

/** True for a Word document, by its name or type: a .docx dropped anywhere opens the merge. */
export function isDocxFile(file: { name: string; type: string }): boolean {
  return /\.docx$/i.test(file.name) || file.type === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
}

/** True for the rows of a merge: a CSV or an Excel sheet. */
export function isMergeDataFile(file: { name: string }): boolean {
  return /\.(csv|xlsx|txt)$/i.test(file.name);
}

export const createMergeSlice: StateCreator<RootState, [], [], MergeSlice> = (set, get) => {
  /** Runs one step's request: its wait and its error shown where it belongs; the view main answers kept. */
  async function step<T>(name: MergeStep, run: () => Promise<T>, keep?: (value: T) => MergeView | null): Promise<T | undefined> {
    set((s) => ({ mergeBusy: { ...s.mergeBusy, [name]: true }, mergeErrors: { ...s.mergeErrors, [name]: undefined } }));
    try {
      const value = await run();
      if (keep) get().applyMergeChanged(keep(value) as MergeView);
      return value;
    } catch (err) {
      if (codeOf(err) !== MERGE_PICK_CANCELED) set((s) => ({ mergeErrors: { ...s.mergeErrors, [name]: messageOf(err) } }));
      return undefined;
    } finally {
      set((s) => {
        const busy = { ...s.mergeBusy };
        delete busy[name];
        return { mergeBusy: busy };
      });
    }
  }

  const mergeId = () => get().merge?.id;
  // The merge's updatedAt when the rows on show were read: an edit carries it, and main refuses
  // it ("The rows changed: look again") if the data was read again since (another window).
  let rowsSeenAt: number | undefined;
  const seen = () => rowsSeenAt ?? get().merge?.updatedAt;

  async function fetchRows(pages: number[], generation: number): Promise<void> {
    const id = mergeId();
    if (!id) return;
    const filter = get().mergeRowFilter;
    const seenAt = get().merge?.updatedAt;
    try {
      const answers = await Promise.all(
        pages.map(
          async (page) =>
            [page, await call('listMergeRows', { mergeId: id, filter, offset: page * MERGE_ROW_PAGE, limit: MERGE_ROW_PAGE })] as const,
        ),
      );
      if (generation !== rowsGeneration) return;
      rowsSeenAt = seenAt;
      set((s) => {
        const next = { ...s.mergeRowPages };
        let total = s.mergeRowTotal;
        for (const [page, answer] of answers) {
          next[page] = answer.rows;
          total = answer.total;
        }
        return { mergeRowPages: next, mergeRowTotal: total };
      });
    } catch (err) {
      if (generation === rowsGeneration) set((s) => ({ mergeErrors: { ...s.mergeErrors, rows: messageOf(err) } }));
    }
  }

  /** The rows again (the merge changed): the pages on show, the others forgotten. */
  function refreshRows(): void {
    const generation = ++rowsGeneration;
    set((s) => ({
      mergeRowPages: Object.fromEntries(visiblePages.filter((p) => s.mergeRowPages[p]).map((p) => [p, s.mergeRowPages[p]!])),
    }));
    void fetchRows(visiblePages, generation);
  }

  async function flushOptions(): Promise<void> {
    optionsTimer = undefined;
    const id = mergeId();
    const options = get().mergeOptionsDraft;
    if (!id || !options) return;
    await step(
      'options',
      () => call('updateMerge', { mergeId: id, options }),
      (v) => v,
    );
  }

  function clearPreview(): void {
    const shown = get().mergePreview;
    if (shown) releasePdf(shown.key);
    set({ mergePreview: undefined, mergeSelectedRow: undefined });
  }

  return {
    merge: undefined,
    mergeLoadError: undefined,
    mergeBusy: {},
    mergeErrors: {},
    mergeProgress: undefined,
    mergeOptionsDraft: undefined,
    mergeRowFilter: 'all',
    mergeRowTotal: undefined,
    mergeRowPages: {},
    mergeSelectedRow: undefined,
    mergePreview: undefined,
    mergeDuplicateRefusal: undefined,

    async loadMerge() {
      try {
        const { merge } = await call('getMerge');
        set({ mergeLoadError: undefined });
        if (merge) get().applyMergeChanged(merge);
        else set({ merge: null });
      } catch (err) {
        set({ mergeLoadError: messageOf(err) });
      }
    },

    async openMergeTemplate(source) {
      const before = mergeId();
      const view = await step(
        'template',
        async () => call('openMergeTemplate', { source: source === 'pick' ? { kind: 'pick' } : await fileSource(source) }),
        (v) => v,
      );
      // Another template starts over what depended on the old one: the preview is of the old.
      if (view) {
        clearPreview();
        if (view.id !== before) set({ mergeRowFilter: 'all' });
      }
    },

    async openMergeData(source) {
      const id = mergeId();
      if (!id) return;
      const view = await step(
        'data',
        async () =>
          call('openMergeData', {
            mergeId: id,
            source:
              source === 'pick'
                ? { kind: 'pick' }
                : source instanceof File
                  ? await fileSource(source)
                  : { kind: 'group', groupId: source.groupId },
          }),
        (v) => v,
      );
      if (view) clearPreview();
    },

    async setMergeMapping(mapping) {
      const id = mergeId();
      if (!id) return;
      await step(
        'mapping',
        () => call('updateMerge', { mergeId: id, mapping }),
        (v) => v,
      );
    },

    editMergeOptions(patch) {
      const options = get().mergeOptionsDraft ?? get().merge?.options;
      if (!options) return;
      set({ mergeOptionsDraft: { ...options, ...patch } });
      if (optionsTimer) clearTimeout(optionsTimer);
      optionsTimer = setTimeout(() => void flushOptions(), OPTIONS_SAVE_MS);
    },

    async setMergeConverter(converter) {
      const id = mergeId();
      if (!id) return;
      const view = await step(
        'converter',
        () => call('updateMerge', { mergeId: id, converter }),
        (v) => v,
      );
      // The preview was made by the other converter: make it again with this one.
      const row = get().mergePreview?.row;
      if (view && row !== undefined) void get().previewMergeRow(row);
    },

    async setMergeRowFilter(filter) {
      set({ mergeRowFilter: filter, mergeRowPages: {}, mergeRowTotal: undefined });
      visiblePages = [0];
      const generation = ++rowsGeneration;
      await fetchRows([0], generation);
    },

    async showMergeRowPages(pages) {
      visiblePages = pages;
      const missing = pages.filter((p) => !get().mergeRowPages[p]);
      if (missing.length) await fetchRows(missing, rowsGeneration);
    },

    async fixMergeRow(row, values) {
      const id = mergeId();
      if (!id) return false;
      const answer = await step(
        'rows',
        () =>
          call('fixMergeRow', {
            mergeId: id,
            row,
            values: Object.entries(values).map(([column, value]) => ({ column, value })),
            seen: seen(),
          }),
        (v) => v.merge,
      );
      return answer !== undefined;
    },

    async setMergeRowsLeftOut(rows, leftOut) {
      const id = mergeId();
      if (!id || rows.length === 0) return;
      await step(
        'rows',
        () => call('setMergeRowsLeftOut', { mergeId: id, rows, leftOut, seen: seen() }),
        (v) => v,
      );
    },

    async leaveOutMergeProblemRows() {
      const id = mergeId();
      if (!id) return;
      await step(
        'rows',
        async () => {
          // Every problem row, not only the ones on screen: read them all (500 a request).
          const rows: number[] = [];
          const seenAt = get().merge?.updatedAt;
          for (let offset = 0; ; offset += 500) {
            const page = await call('listMergeRows', { mergeId: id, filter: 'problems', offset, limit: 500 });
            rows.push(...page.rows.filter((r) => !r.leftOut).map((r) => r.row));
            if (page.rows.length < 500 || offset + 500 >= page.total) break;
          }
          return rows.length ? call('setMergeRowsLeftOut', { mergeId: id, rows, leftOut: true, seen: seenAt }) : get().merge!;
        },
        (v) => v,
      );
    },

    async previewMergeRow(row) {
      const id = mergeId();
      if (!id) return;
      set({ mergeSelectedRow: row, mergeProgress: undefined });
      const seq = ++previewSeq;
      const answer = await step('preview', () => call('previewMergeRow', { mergeId: id, row }));
      // Another row was picked meanwhile: that one's answer is the one to show.
      if (!answer || seq !== previewSeq) return;
      const { dataBase64, ...rest } = answer;
      const key = `merge:${id}:${row}:${seq}`;
      provideBytes(key, base64ToBytes(dataBase64));
      const old = get().mergePreview;
      set({ mergePreview: { ...rest, key }, mergeProgress: undefined });
      if (old) releasePdf(old.key);
    },

    async startMerge(allowDuplicate = false) {
      const id = mergeId();
      if (!id) return;
      set({ mergeDuplicateRefusal: undefined, mergeProgress: undefined });
      if (optionsTimer) {
        clearTimeout(optionsTimer);
        await flushOptions();
      }
      try {
        set((s) => ({ mergeBusy: { ...s.mergeBusy, send: true }, mergeErrors: { ...s.mergeErrors, send: undefined } }));
        get().applyMergeChanged(await call('startMerge', { mergeId: id, allowDuplicate }));
      } catch (err) {
        // The outbox's duplicate guard, per personalised document: the person says yes or no.
        if (/duplicate/.test(codeOf(err) ?? '') && !allowDuplicate) set({ mergeDuplicateRefusal: messageOf(err) });
        else set((s) => ({ mergeErrors: { ...s.mergeErrors, send: messageOf(err) } }));
      } finally {
        set((s) => {
          const busy = { ...s.mergeBusy };
          delete busy.send;
          return { mergeBusy: busy };
        });
      }
    },

    dismissMergeDuplicates: () => set({ mergeDuplicateRefusal: undefined }),

    async pauseMerge() {
      const id = mergeId();
      if (id)
        await step(
          'send',
          () => call('pauseMerge', { mergeId: id }),
          (v) => v,
        );
    },
    async resumeMerge() {
      const id = mergeId();
      if (id)
        await step(
          'send',
          () => call('resumeMerge', { mergeId: id }),
          (v) => v,
        );
    },
    async cancelMerge() {
      const id = mergeId();
      if (id)
        await step(
          'send',
          () => call('cancelMerge', { mergeId: id }),
          (v) => v,
        );
    },
    async discardMerge() {
      const id = mergeId();
      if (!id) return;
      const answer = await step('send', () => call('discardMerge', { mergeId: id }));
      if (!answer) return;
      clearPreview();
      if (answer.merge) get().applyMergeChanged(answer.merge);
      else {
        rowsGeneration++;
        set({ merge: null, mergeOptionsDraft: undefined, mergeRowPages: {}, mergeRowTotal: undefined, mergeRowFilter: 'all' });
      }
    },

    applyMergeChanged(view) {
      const old = get().merge;
      // An answer older than what is here (events and answers cross) changes nothing.
      if (old && old.id === view.id && old.updatedAt > view.updatedAt) return;
      const sameMerge = old?.id === view.id;
      set({
        merge: view,
        // The options being typed stay as typed until they are saved.
        mergeOptionsDraft: optionsTimer && sameMerge ? get().mergeOptionsDraft : view.options,
      });
      if (!sameMerge) {
        clearPreview();
        set({ mergeRowFilter: 'all', mergeRowPages: {}, mergeRowTotal: undefined });
        visiblePages = [0];
      }
      if (!sameMerge || old.updatedAt !== view.updatedAt) {
        if (view.data) refreshRows();
        else {
          rowsGeneration++;
          set({ mergeRowPages: {}, mergeRowTotal: undefined });
        }
      }
    },

    applyMergeProgress: (progress) => set({ mergeProgress: progress }),
  };
};
