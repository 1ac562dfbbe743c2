// Events of the mail merge → store actions. Returns a disposer. Dropped .docx files reach the
// merge through the window's one drop handler (compose-sync.ts).

import { subscribe } from '../../ipc/api.ts';
import { useStore } from '../index.ts';

export function startMergeSync(): () => void {
  const offs = [
    subscribe('mergeChanged', (view) => useStore.getState().applyMergeChanged(view)),
    subscribe('mergeProgress', (progress) => useStore.getState().applyMergeProgress(progress)),
  ];
  return () => {
    for (const off of offs) off();
  };
}
