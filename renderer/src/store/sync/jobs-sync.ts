// Events of the jobs feature → store actions. Returns a disposer. The badge count is fetched
// once at start; afterwards every jobsChanged batch carries fresh counts.

import { call, subscribe } from '../../ipc/api.ts';
import { useStore } from '../index.ts';

export function startJobsSync(): () => void {
  const off = subscribe('jobsChanged', (payload) => useStore.getState().applyJobsChanged(payload));
  call('getOutboxSummary').then(
    (summary) => useStore.getState().setOutboxSummary(summary),
    () => {},
  );
  return off;
}
