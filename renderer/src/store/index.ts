// One bound store built from slices (zustand's slices pattern). Components select one
// field at a time; actions live on the root.

import { create } from 'zustand';
import { type AppSlice, createAppSlice } from './slices/app-slice.ts';

export type { Toast } from './slices/app-slice.ts';
export type RootState = AppSlice;

export const useStore = create<RootState>()((...a) => ({
  ...createAppSlice(...a),
}));
