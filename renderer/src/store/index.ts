// One bound store built from slices (zustand's slices pattern). Components select one
// field at a time; actions live on the root.

import { create } from 'zustand';
import { type AccountSlice, createAccountSlice } from './slices/account-slice.ts';
import { type AppSlice, createAppSlice } from './slices/app-slice.ts';
import { type ComposeSlice, createComposeSlice } from './slices/compose-slice.ts';
import { type ContactsSlice, createContactsSlice } from './slices/contacts-slice.ts';
import { type JobsSlice, createJobsSlice } from './slices/jobs-slice.ts';

export type { Toast } from './slices/app-slice.ts';
export type RootState = AppSlice & AccountSlice & ComposeSlice & ContactsSlice & JobsSlice;

export const useStore = create<RootState>()((...a) => ({
  ...createAppSlice(...a),
  ...createAccountSlice(...a),
  ...createComposeSlice(...a),
  ...createContactsSlice(...a),
  ...createJobsSlice(...a),
}));
