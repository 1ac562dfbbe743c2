// Events of the jobs feature → store actions. Returns a disposer. The badge count is fetched
// once at start; afterwards every jobsChanged batch carries fresh counts.

import { subscribe } from '../../ipc/api.ts';
import { useStore } from '../index.ts';

export function startJobsSync(): () => void {
  const off = subscribe('jobsChanged', (payload) => useStore.getState().applyJobsChanged(payload));
  void useStore.getState().loadOutboxSummary();
  return off;
}
