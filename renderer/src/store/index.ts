// One bound store built from slices (zustand's slices pattern). Components select one
// field at a time and reach main only through the actions here (test/renderer/no-direct-ipc
// keeps it so). State is flat and named for its feature: composeDraft, contactQuery,
// outboxRows. Actions are verb first: loadX / refreshX fetch from main, setX replaces a value
// (the user's, or one main pushed), applyX merges a change main pushed into what is here,
// and a task is named for itself (sendCompose, saveContact, resendJob).

import { create } from 'zustand';
import type { Screen } from '../../../shared/ipc/contract/app.ts';
import { type AccountSlice, createAccountSlice } from './slices/account-slice.ts';
import { type AppSlice, createAppSlice } from './slices/app-slice.ts';
import { type AsSentSlice, createAsSentSlice } from './slices/as-sent-slice.ts';
import { type ComposeDocumentsSlice, createComposeDocumentsSlice } from './slices/compose-documents-slice.ts';
import { type ComposeSlice, createComposeSlice } from './slices/compose-slice.ts';
import { type ContactActionsSlice, createContactActionsSlice } from './slices/contact-actions-slice.ts';
import { type ContactImportSlice, createContactImportSlice } from './slices/contact-import-slice.ts';
import { type ContactsSlice, createContactsSlice } from './slices/contacts-slice.ts';
import { createGettingStartedSlice, type GettingStartedSlice, shownScreen } from './slices/getting-started-slice.ts';
import { createJobsSlice, type JobsSlice } from './slices/jobs-slice.ts';
import { createMergeSlice, type MergeSlice } from './slices/merge-slice.ts';
import { createOutboxActionsSlice, type OutboxActionsSlice } from './slices/outbox-actions-slice.ts';
import { createPrinterSlice, type PrinterSlice } from './slices/printer-slice.ts';
import { createReportSlice, type ReportSlice } from './slices/report-slice.ts';
import { createUpdateSlice, type UpdateSlice } from './slices/update-slice.ts';

export type { Toast } from './slices/app-slice.ts';
export type RootState = AppSlice &
  AccountSlice &
  PrinterSlice &
  ComposeSlice &
  ComposeDocumentsSlice &
  ContactsSlice &
  ContactActionsSlice &
  ContactImportSlice &
  GettingStartedSlice &
  JobsSlice &
  MergeSlice &
  OutboxActionsSlice &
  AsSentSlice &
  ReportSlice &
  UpdateSlice;

export const useStore = create<RootState>()((...a) => ({
  ...createAppSlice(...a),
  ...createAccountSlice(...a),
  ...createPrinterSlice(...a),
  ...createComposeSlice(...a),
  ...createComposeDocumentsSlice(...a),
  ...createContactsSlice(...a),
  ...createContactActionsSlice(...a),
  ...createContactImportSlice(...a),
  ...createGettingStartedSlice(...a),
  ...createJobsSlice(...a),
  ...createMergeSlice(...a),
  ...createOutboxActionsSlice(...a),
  ...createAsSentSlice(...a),
  ...createReportSlice(...a),
  ...createUpdateSlice(...a),
}));

/** What a shortcut acts on, for its key and its item in the desktop app's menu alike: the screen on show, and the way to another. */
export const shortcutActions = {
  screen: () => shownScreen(useStore.getState()),
  navigate: (screen: Screen) => useStore.getState().navigate(screen),
};
