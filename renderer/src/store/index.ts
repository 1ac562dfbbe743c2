// One bound store built from slices (zustand's slices pattern). Components select one
// field at a time and reach main only through the actions here (test/renderer/no-direct-ipc
// keeps it so). State is flat and named for its feature: composeDraft, contactQuery,
// outboxRows. Actions are verb first: loadX / refreshX fetch from main, setX replaces a value
// (the user's, or one main pushed), applyX merges a change main pushed into what is here,
// and a task is named for itself (sendCompose, saveContact, resendJob).

import { create } from 'zustand';
import { type AccountSlice, createAccountSlice } from './slices/account-slice.ts';
import { type AppSlice, createAppSlice } from './slices/app-slice.ts';
import { type AsSentSlice, createAsSentSlice } from './slices/as-sent-slice.ts';
import { type ComposeDocumentsSlice, createComposeDocumentsSlice } from './slices/compose-documents-slice.ts';
import { type ComposeSlice, createComposeSlice } from './slices/compose-slice.ts';
import { type ContactActionsSlice, createContactActionsSlice } from './slices/contact-actions-slice.ts';
import { type ContactImportSlice, createContactImportSlice } from './slices/contact-import-slice.ts';
import { type ContactsSlice, createContactsSlice } from './slices/contacts-slice.ts';
import { createJobsSlice, type JobsSlice } from './slices/jobs-slice.ts';
import { createOutboxActionsSlice, type OutboxActionsSlice } from './slices/outbox-actions-slice.ts';
import { createPrinterSlice, type PrinterSlice } from './slices/printer-slice.ts';
import { createReportSlice, type ReportSlice } from './slices/report-slice.ts';

export type { Toast } from './slices/app-slice.ts';
export type RootState = AppSlice &
  AccountSlice &
  PrinterSlice &
  ComposeSlice &
  ComposeDocumentsSlice &
  ContactsSlice &
  ContactActionsSlice &
  ContactImportSlice &
  JobsSlice &
  OutboxActionsSlice &
  AsSentSlice &
  ReportSlice;

export const useStore = create<RootState>()((...a) => ({
  ...createAppSlice(...a),
  ...createAccountSlice(...a),
  ...createPrinterSlice(...a),
  ...createComposeSlice(...a),
  ...createComposeDocumentsSlice(...a),
  ...createContactsSlice(...a),
  ...createContactActionsSlice(...a),
  ...createContactImportSlice(...a),
  ...createJobsSlice(...a),
  ...createOutboxActionsSlice(...a),
  ...createAsSentSlice(...a),
  ...createReportSlice(...a),
}));
