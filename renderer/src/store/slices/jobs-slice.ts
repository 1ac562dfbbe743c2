import type { StateCreator } from 'zustand';
import type { RootState } from '../index.ts';

// biome-ignore lint/complexity/noBannedTypes: filled in by the jobs feature.
export type JobsSlice = {};

export const createJobsSlice: StateCreator<RootState, [], [], JobsSlice> = () => ({});
