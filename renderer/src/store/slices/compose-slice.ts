import type { StateCreator } from 'zustand';
import type { RootState } from '../index.ts';

// biome-ignore lint/complexity/noBannedTypes: filled in by the compose feature.
export type ComposeSlice = {};

export const createComposeSlice: StateCreator<RootState, [], [], ComposeSlice> = () => ({});
