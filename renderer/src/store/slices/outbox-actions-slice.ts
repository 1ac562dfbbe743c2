// What the Outbox asks main to do with a fax or a broadcast: send again, retry, cancel, show
// its PDF, export the list. The rows themselves change through main's jobsChanged event.

import type { StateCreator } from 'zustand';
import type { ActionOutcome } from '../../../../shared/ipc/contract/jobs.ts';
import { base64ToBytes } from '../../files/base64.ts';
import { downloadBlob } from '../../files/download.ts';
import { call } from '../../ipc/api.ts';
import { messageOf } from '../../ipc/message-of.ts';
import type { RootState } from '../index.ts';

export interface OutboxActionsSlice {
  resendJob(jobId: number): Promise<ActionOutcome>;
  retryJob(jobId: number, acceptDuplicateRisk: boolean): Promise<ActionOutcome>;
  cancelJob(jobId: number): Promise<ActionOutcome>;
  resendBroadcastFailed(broadcastId: number): Promise<ActionOutcome>;
  cancelBroadcast(broadcastId: number): Promise<ActionOutcome>;
  /** The job's PDF bytes; rejects with main's reason when it is no longer kept. */
  loadJobDocument(jobId: number): Promise<Uint8Array>;
  /** The OS viewer where there is one, else a download. */
  openJobDocument(jobId: number): Promise<void>;
  /** Every fax matching the filter and this search (what the box shows) as CSV. */
  exportOutboxCsv(search: string): Promise<void>;
}

const faxes = (n: number) => `${n} fax${n === 1 ? '' : 'es'}`;

export const createOutboxActionsSlice: StateCreator<RootState, [], [], OutboxActionsSlice> = (_set, get) => ({
  resendJob: (jobId) => call('resendJob', { jobId }),
  retryJob: (jobId, acceptDuplicateRisk) => call('retryJob', { jobId, acceptDuplicateRisk }),
  cancelJob: (jobId) => call('cancelJob', { jobId }),
  resendBroadcastFailed: (broadcastId) => call('resendBroadcastFailed', { broadcastId }),
  cancelBroadcast: (broadcastId) => call('cancelBroadcast', { broadcastId }),

  async loadJobDocument(jobId) {
    const doc = await call('getJobDocument', { jobId });
    if (!doc.ok) throw new Error(doc.reason);
    return base64ToBytes(doc.base64);
  },

  async openJobDocument(jobId) {
    const fail = (message: string) => get().pushToast({ level: 'error', title: 'Could not open the PDF', message });
    try {
      const r = await call('openJobDocument', { jobId });
      if (r.opened) return;
      if (r.reason) return fail(r.reason);
      const doc = await call('getJobDocument', { jobId });
      if (!doc.ok) return fail(doc.reason);
      downloadBlob(new Blob([base64ToBytes(doc.base64)], { type: 'application/pdf' }), doc.name);
    } catch (err) {
      fail(messageOf(err));
    }
  },

  async exportOutboxCsv(search) {
    const { outboxFilter: filter, pushToast } = get();
    try {
      const r = await call('exportJobsCsv', { filter, search });
      if (r.kind === 'content') {
        downloadBlob(new Blob([`\ufeff${r.csv}`], { type: 'text/csv;charset=utf-8' }), r.fileName);
        pushToast({ level: 'success', title: 'Job list exported', message: `${faxes(r.rows)} in ${r.fileName}.` });
      } else if (r.kind === 'saved') {
        pushToast({ level: 'success', title: 'Job list exported', message: `${faxes(r.rows)} saved to ${r.path}.` });
      }
    } catch (err) {
      pushToast({ level: 'error', title: 'Could not export the job list', message: messageOf(err) });
    }
  },
});
