// Transmission reports and the archive folder: what the Outbox's Save report buttons and the
// Settings' Archive section ask main for. A report is made in main; here it is either saved
// already (the desktop app's save dialog) or downloaded (the browser host).

import type { StateCreator } from 'zustand';
import type { EventPayload } from '../../../../shared/ipc/contract.ts';
import type { SavedReport } from '../../../../shared/ipc/contract/report.ts';
import { base64ToBytes } from '../../files/base64.ts';
import { downloadBlob } from '../../files/download.ts';
import { call } from '../../ipc/api.ts';
import { messageOf } from '../../ipc/message-of.ts';
import type { RootState } from '../index.ts';

export interface ReportSlice {
  /** Broadcast reports being made: how many of their recipients' reports are in (reportProgress events). */
  reportProgress: Record<number, { done: number; total: number }>;
  applyReportProgress(payload: EventPayload<'reportProgress'>): void;
  /** The report of fax `jobId`; with `withDocument`, the PDF that was sent followed by it. */
  saveJobReport(jobId: number, withDocument: boolean): Promise<void>;
  /** A broadcast's summary and its recipients' reports. */
  saveBroadcastReport(broadcastId: number): Promise<void>;
  /** The desktop app's folder picker for the archive folder; main checks and saves the folder. */
  pickArchiveFolder(): Promise<void>;
}

export const createReportSlice: StateCreator<RootState, [], [], ReportSlice> = (set, get) => {
  const delivered = (r: SavedReport, title: string) => {
    const { pushToast } = get();
    if (r.kind === 'content') {
      downloadBlob(new Blob([base64ToBytes(r.base64)], { type: 'application/pdf' }), r.fileName);
      pushToast({ level: 'success', title, message: `Downloaded as ${r.fileName}.` });
    } else if (r.kind === 'saved') pushToast({ level: 'success', title, message: `Saved to ${r.path}.` });
    else if (r.kind === 'refused') pushToast({ level: 'error', title: `${title}: not made`, message: r.reason });
  };
  const failed = (title: string, err: unknown) => get().pushToast({ level: 'error', title: `${title}: not made`, message: messageOf(err) });

  return {
    reportProgress: {},
    applyReportProgress({ broadcastId, done, total }) {
      set((s) => ({ reportProgress: { ...s.reportProgress, [broadcastId]: { done, total } } }));
    },
    async saveJobReport(jobId, withDocument) {
      const title = withDocument ? 'Fax and report saved' : 'Report saved';
      try {
        delivered(await call('saveJobReport', { jobId, withDocument }), title);
      } catch (err) {
        failed(title, err);
      }
    },
    async saveBroadcastReport(broadcastId) {
      const title = 'Broadcast report saved';
      try {
        delivered(await call('saveBroadcastReport', { broadcastId }), title);
      } catch (err) {
        failed(title, err);
      } finally {
        set((s) => {
          const { [broadcastId]: _done, ...rest } = s.reportProgress;
          return { reportProgress: rest };
        });
      }
    },
    async pickArchiveFolder() {
      const mark = (error?: string) => set((s) => ({ settingErrors: { ...s.settingErrors, archiveFolderPath: error } }));
      try {
        const r = await call('pickArchiveFolder');
        if (r.kind === 'invalid') mark(r.reason);
        else if (r.kind === 'picked') mark(undefined);
      } catch (err) {
        mark(messageOf(err));
      }
    },
  };
};
