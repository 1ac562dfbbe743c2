// Events of the jobs feature → store actions. Returns a disposer. The badge count is fetched
// once at start; afterwards every jobsChanged batch carries fresh counts. When the account in
// use changes side (sandbox ↔ live), the list and the counts are read again: sandbox and live
// history are apart, and a list following "the account in use" now shows the other side.

import { subscribe } from '../../ipc/api.ts';
import { useStore } from '../index.ts';

export function startJobsSync(): () => void {
  const off = subscribe('jobsChanged', (payload) => useStore.getState().applyJobsChanged(payload));
  void useStore.getState().loadOutboxSummary();
  const offMode = useStore.subscribe((s, prev) => {
    const mode = s.account?.mode;
    if (!mode || !prev.account?.mode || mode === prev.account.mode) return;
    void s.loadOutboxSummary();
    if (s.outboxLoaded) void s.loadOutbox();
  });
  return () => {
    off();
    offMode();
  };
}
