import type { StateCreator } from 'zustand';
import type { RootState } from '../index.ts';

// biome-ignore lint/complexity/noBannedTypes: filled in by the account feature.
export type AccountSlice = {};

export const createAccountSlice: StateCreator<RootState, [], [], AccountSlice> = () => ({});
