import type { StateCreator } from 'zustand';
import type { RootState } from '../index.ts';

// biome-ignore lint/complexity/noBannedTypes: filled in by the contacts feature.
export type ContactsSlice = {};

export const createContactsSlice: StateCreator<RootState, [], [], ContactsSlice> = () => ({});
