// Report channels: thin glue over the report service. A report is saved through the native
// save dialog where there is one (asked first, so nothing is made for a canceled dialog), else
// handed back for the browser to download. A fax with no report, or whose PDF is gone, is a
// refusal in words, not an error.

import { writeFile } from 'node:fs/promises';
import type { reportMethods, SavedReport } from '../../../shared/ipc/contract/report.ts';
import { PdfError } from '../../pdf/pdf-errors.ts';
import { ReportError } from '../../report/report-data.ts';
import { broadcastFileName, faxFileName } from '../../report/report-names.ts';
import type { Handlers } from '../ipc-router.ts';
import type { AppServices } from '../services.ts';

async function save(s: AppServices, title: string, fileName: string, make: () => Promise<Uint8Array>): Promise<SavedReport> {
  try {
    if (s.host.pickSavePath) {
      const path = await s.host.pickSavePath({ title, defaultPath: fileName, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
      if (!path) return { kind: 'canceled' };
      await writeFile(path, await make());
      return { kind: 'saved', path, fileName };
    }
    return { kind: 'content', fileName, base64: Buffer.from(await make()).toString('base64') };
  } catch (err) {
    if (err instanceof ReportError || err instanceof PdfError) return { kind: 'refused', reason: err.message };
    throw err;
  }
}

export function reportHandlers(s: AppServices): Pick<Handlers, keyof typeof reportMethods> {
  const maker = () => s.reports.maker;
  return {
    saveJobReport: async ({ jobId, withDocument }) => {
      let fileName: string;
      try {
        const d = maker().jobData(jobId);
        if (withDocument && !d.document.path) {
          return {
            kind: 'refused',
            reason: `The PDF of fax ${jobId} is no longer kept (Settings, Keep sent PDFs for): save the report alone.`,
          };
        }
        fileName = withDocument ? faxFileName(d) : faxFileName(d, ' report');
      } catch (err) {
        if (err instanceof ReportError) return { kind: 'refused', reason: err.message };
        throw err;
      }
      return withDocument
        ? save(s, 'Save the fax with its report', fileName, () => maker().documentWithReport(jobId))
        : save(s, 'Save the transmission report', fileName, () => maker().jobReport(jobId));
    },
    saveBroadcastReport: async ({ broadcastId }) =>
      save(s, 'Save the broadcast report', broadcastFileName(broadcastId, Date.now()), () =>
        maker().broadcastReport(broadcastId, (done, total) => s.events.emit('reportProgress', { broadcastId, done, total })),
      ),
    pickArchiveFolder: async () => {
      if (!s.host.pickFolder) return { kind: 'unsupported' };
      const current = s.settings.get().archiveFolderPath;
      const path = await s.host.pickFolder({ title: 'Choose the archive folder', defaultPath: current || undefined });
      if (!path) return { kind: 'canceled' };
      const reason = await s.reports.checkArchiveFolder(path);
      if (reason) return { kind: 'invalid', path, reason };
      const saved = s.settings.update({ archiveFolderPath: path });
      if (!saved.ok) return { kind: 'invalid', path, reason: Object.values(saved.errors).join(' ') };
      return { kind: 'picked', path };
    },
  };
}
