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
  /** `number`: a corrected number; `allowDuplicate`/`skipDuplicates`: the answer to the duplicate guard. */
  resendJob(jobId: number, opts?: ResendAnswer & { number?: string }): Promise<ActionOutcome>;
  retryJob(jobId: number, acceptDuplicateRisk: boolean): Promise<ActionOutcome>;
  cancelJob(jobId: number): Promise<ActionOutcome>;
  resendBroadcastFailed(broadcastId: number, answer?: ResendAnswer): Promise<ActionOutcome>;
  cancelBroadcast(broadcastId: number): Promise<ActionOutcome>;
  /** The job's PDF bytes; rejects with main's reason when it is no longer kept. */
  loadJobDocument(jobId: number): Promise<Uint8Array>;
  /** The OS viewer where there is one, else a download. */
  openJobDocument(jobId: number): Promise<void>;
  /** Every fax matching the filter and this search (what the box shows) as CSV. */
  exportOutboxCsv(search: string): Promise<void>;
}

/** The person's answer when the duplicate guard asked: send to those numbers again too, or to the others only. */
interface ResendAnswer {
  allowDuplicate?: boolean;
  skipDuplicates?: boolean;
}

const faxes = (n: number) => `${n} fax${n === 1 ? '' : 'es'}`;

export const createOutboxActionsSlice: StateCreator<RootState, [], [], OutboxActionsSlice> = (_set, get) => ({
  resendJob: (jobId, opts = {}) => call('resendJob', { jobId, ...opts }),
  retryJob: (jobId, acceptDuplicateRisk) => call('retryJob', { jobId, acceptDuplicateRisk }),
  cancelJob: (jobId) => call('cancelJob', { jobId }),
  resendBroadcastFailed: (broadcastId, answer = {}) => call('resendBroadcastFailed', { broadcastId, ...answer }),
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
    const { outboxFilter: filter, outboxAccount: account, pushToast } = get();
    try {
      // The same side (sandbox, live) as the list shows.
      const r = await call('exportJobsCsv', account ? { filter, search, account } : { filter, search });
      if (r.kind === 'content') {
        // The CSV carries its own byte-order mark (Excel needs it to read UTF-8).
        downloadBlob(new Blob([r.csv], { type: 'text/csv;charset=utf-8' }), r.fileName);
        pushToast({ level: 'success', title: 'Job list exported', message: `${faxes(r.rows)} in ${r.fileName}.` });
      } else if (r.kind === 'saved') {
        pushToast({ level: 'success', title: 'Job list exported', message: `${faxes(r.rows)} saved to ${r.path}.` });
      }
    } catch (err) {
      pushToast({ level: 'error', title: 'Could not export the job list', message: messageOf(err) });
    }
  },
});
