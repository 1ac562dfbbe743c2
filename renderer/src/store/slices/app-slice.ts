import type { StateCreator } from 'zustand';
import type { AppInfo, Notice, Screen } from '../../../../shared/ipc/contract/app.ts';
import type { Capabilities } from '../../../../shared/ipc/define.ts';
import { call, hostCapabilities } from '../../ipc/api.ts';
import { messageOf } from '../../ipc/message-of.ts';
import type { RootState } from '../index.ts';

/** A notice as a toast; `action` adds one button (Undo), `durationMs` how long it stays (default 6 s). */
export interface ToastInput extends Notice {
  action?: { label: string; run(): void };
  durationMs?: number;
}

export interface Toast extends ToastInput {
  id: number;
}

/** The sidebar's four screens, and the mail merge (reached from Compose, under its entry). */
export type AppScreen = Screen | 'merge';

export interface AppSlice {
  info: AppInfo | undefined;
  infoError: string | undefined;
  /** What the host offers (native dialogs, file paths); fixed for the window's life. */
  capabilities: Capabilities;
  screen: AppScreen;
  toasts: Toast[];
  loadAppInfo(): Promise<void>;
  navigate(screen: AppScreen): void;
  pushToast(notice: ToastInput): void;
  dismissToast(id: number): void;
}

let toastId = 1;

export const createAppSlice: StateCreator<RootState, [], [], AppSlice> = (set) => ({
  info: undefined,
  infoError: undefined,
  capabilities: hostCapabilities(),
  screen: 'compose',
  toasts: [],
  async loadAppInfo() {
    try {
      set({ info: await call('getAppInfo'), infoError: undefined });
    } catch (err) {
      set({ info: undefined, infoError: messageOf(err) });
    }
  },
  // Any navigation (a print arriving, the sidebar) leaves Getting started; only its own buttons close it for good.
  navigate: (screen) => set({ screen, gettingStartedShown: false }),
  pushToast: (notice) => set((s) => ({ toasts: [...s.toasts.slice(-4), { ...notice, id: toastId++ }] })),
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
});
