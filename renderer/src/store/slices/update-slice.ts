import type { StateCreator } from 'zustand';
import type { UpdateView } from '../../../../shared/ipc/contract/update.ts';
import { call } from '../../ipc/api.ts';
import { messageOf } from '../../ipc/message-of.ts';
import type { RootState } from '../index.ts';

export interface UpdateSlice {
  /** What main's updater knows (pushed on every change: updateChanged). */
  update: UpdateView | undefined;
  /** A "Check now" is waiting for its answer. */
  updateChecking: boolean;
  /** A call that failed on its way (not a failed check: that is in `update.lastCheck`). */
  updateError: string | undefined;
  loadUpdate(): Promise<void>;
  checkForUpdate(): Promise<void>;
  restartToUpdate(): Promise<void>;
  postponeUpdate(): Promise<void>;
  setUpdate(view: UpdateView): void;
}

type UpdateCall = 'getUpdate' | 'checkForUpdate' | 'restartToUpdate' | 'postponeUpdate';

export const createUpdateSlice: StateCreator<RootState, [], [], UpdateSlice> = (set) => {
  const run = async (name: UpdateCall) => {
    try {
      set({ update: await call(name), updateError: undefined });
    } catch (err) {
      set({ updateError: messageOf(err) });
    }
  };
  return {
    update: undefined,
    updateChecking: false,
    updateError: undefined,
    loadUpdate: () => run('getUpdate'),
    async checkForUpdate() {
      set({ updateChecking: true });
      try {
        await run('checkForUpdate');
      } finally {
        set({ updateChecking: false });
      }
    },
    restartToUpdate: () => run('restartToUpdate'),
    postponeUpdate: () => run('postponeUpdate'),
    setUpdate: (update) => set({ update }),
  };
};

/** The bar shows a ready update the person has not put off, and a restart on its way. */
export function selectUpdateBar(s: RootState): UpdateView | undefined {
  const u = s.update;
  if (!u?.supported) return undefined;
  if (u.phase === 'ready' && !u.postponed) return u;
  return u.phase === 'waiting' || u.phase === 'restarting' ? u : undefined;
}
