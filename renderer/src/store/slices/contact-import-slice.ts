// Importing contacts: open a file (read here in a browser, picked by main in Electron), check
// its rows with a column mapping, write them. The dialog keeps its own step; main's progress
// events land here.

import type { StateCreator } from 'zustand';
import type {
  DuplicateAction,
  ImportFixed,
  ImportFixField,
  ImportMapping,
  ImportOpened,
  ImportPreview,
  ImportProgress,
  ImportReport,
} from '../../../../shared/ipc/contract/contacts.ts';
import { bytesToBase64 } from '../../files/base64.ts';
import { call } from '../../ipc/api.ts';
import type { RootState } from '../index.ts';

/** Main refuses more (the request's limit); saying so here spares a 70 MB upload. */
const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export interface ContactImportSlice {
  contactImportProgress: ImportProgress | undefined;
  setContactImportProgress(progress: ImportProgress | undefined): void;
  /** A dropped or chosen file, or 'pick' for main's open dialog. */
  openContactImport(source: File | 'pick'): Promise<ImportOpened>;
  analyzeContactImport(importId: string, mapping?: ImportMapping): Promise<ImportPreview>;
  /** Fixes one cell of a row in the preview; main checks the row again (the file is not changed). */
  fixContactImportRow(importId: string, row: number, field: ImportFixField, value: string): Promise<ImportFixed>;
  /** Writes the ready rows; a new group becomes the filter, so the imported contacts are what shows. */
  commitContactImport(importId: string, duplicates: DuplicateAction, groupName: string | undefined): Promise<ImportReport>;
  /** Lets main drop an import the person walked away from (best effort). */
  cancelContactImport(importId: string): void;
}

export const createContactImportSlice: StateCreator<RootState, [], [], ContactImportSlice> = (set, get) => ({
  contactImportProgress: undefined,
  setContactImportProgress: (progress) => set({ contactImportProgress: progress }),

  async openContactImport(source) {
    if (source === 'pick') return call('importOpen', { source: { kind: 'pick' } });
    if (source.size > MAX_IMPORT_BYTES) throw new Error(`${source.name} is over 50 MB: split it into smaller files.`);
    const base64 = bytesToBase64(new Uint8Array(await source.arrayBuffer()));
    return call('importOpen', { source: { kind: 'bytes', fileName: source.name, base64 } });
  },

  analyzeContactImport: (importId, mapping) => call('importAnalyze', { importId, mapping }),
  fixContactImportRow: (importId, row, field, value) => call('importFixRow', { importId, row, field, value }),

  async commitContactImport(importId, duplicates, groupName) {
    const report = await call('importCommit', { importId, duplicates, groupName });
    await get().loadContactGroups();
    if (report.groupId !== undefined) await get().setContactFilter({ kind: 'group', groupId: report.groupId });
    return report;
  },

  cancelContactImport(importId) {
    void call('importCancel', { importId }).catch(() => undefined);
  },
});
