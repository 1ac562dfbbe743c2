import type { StateCreator } from 'zustand';
import type { AppInfo, Notice, Screen } from '../../../../shared/ipc/contract/app.ts';
import type { RootState } from '../index.ts';

export interface Toast extends Notice {
  id: number;
}

export interface AppSlice {
  info: AppInfo | undefined;
  infoError: string | undefined;
  screen: Screen;
  toasts: Toast[];
  setInfo(info: AppInfo | undefined, error?: string): void;
  navigate(screen: Screen): void;
  pushToast(notice: Notice): void;
  dismissToast(id: number): void;
}

let toastId = 1;

export const createAppSlice: StateCreator<RootState, [], [], AppSlice> = (set) => ({
  info: undefined,
  infoError: undefined,
  screen: 'compose',
  toasts: [],
  setInfo: (info, error) => set({ info, infoError: error }),
  navigate: (screen) => set({ screen }),
  pushToast: (notice) => set((s) => ({ toasts: [...s.toasts.slice(-4), { ...notice, id: toastId++ }] })),
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
});
