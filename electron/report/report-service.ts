// The app's reports in one service: the maker (Save report, Save document with report, the
// broadcast summary), the archive folder following its setting and the outbox's final results,
// and the one check a new archive folder passes. Built by app/services.ts as a setup step.

import type { Notice } from '../../shared/ipc/contract/app.ts';
import { createLogger } from '../core/logger.ts';
import { folderFor } from '../hotfolder/hotfolder-service.ts';
import type { Outbox } from '../outbox/types.ts';
import { archiveFolderProblem } from '../settings/archive-folder.ts';
import type { HotFolderPlaces } from '../settings/hot-folder-rules.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { hasTransmissionReport } from '../../shared/report-rules.ts';
import type { Db } from '../store/sql.ts';
import { type Archiver, startArchiver } from './archiver.ts';
import { createReportMaker, type ReportMaker, type ReportMakerDeps } from './report-maker.ts';

const log = createLogger('report');

export interface ReportServiceDeps extends Pick<ReportMakerDeps, 'renderFax' | 'asSentFirstPage'> {
  db: Db;
  outbox: Pick<Outbox, 'on'>;
  settings: Pick<SettingsService, 'get' | 'onChange'>;
  /** Where this machine keeps things: the system and data folders an archive folder may not be, and Documents (the default hot folder's). */
  places: HotFolderPlaces;
  notice: (notice: Notice) => void;
}

export interface ReportService {
  readonly maker: ReportMaker;
  readonly archiver: Archiver;
  /** Why `path` cannot be the archive folder (a system place, the hot folder or inside it…), or undefined when it can. */
  checkArchiveFolder(path: string): Promise<string | undefined>;
  dispose(): Promise<void>;
}

export function startReportService(deps: ReportServiceDeps): ReportService {
  const maker = createReportMaker({ db: deps.db, renderFax: deps.renderFax, asSentFirstPage: deps.asSentFirstPage, log });
  const archiver = startArchiver({
    db: deps.db,
    reports: maker,
    folder: () => deps.settings.get().archiveFolderPath,
    notice: deps.notice,
    log,
  });
  const offJobs = deps.outbox.on('job-changed', (job) => {
    if (hasTransmissionReport(job)) archiver.poke();
  });
  const offSettings = deps.settings.onChange((changed) => {
    if (changed.includes('archiveFolderPath')) archiver.folderChanged();
  });
  return {
    maker,
    archiver,
    checkArchiveFolder: (path) => archiveFolderProblem(path, deps.places, folderFor(deps.settings.get(), deps.places.documents)),
    async dispose() {
      offJobs();
      offSettings();
      await archiver.dispose();
    },
  };
}
