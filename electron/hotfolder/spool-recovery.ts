// Taking up what was claimed and never finished: at start-up everything in our spool (after
// taking over the folders of runs that are gone), later only what was just taken over. Each
// file goes through processing again, so it is sent exactly once or set aside with a reason.

import { join } from 'node:path';
import { createLogger } from '../core/logger.ts';
import { moveNoClobber } from './move.ts';
import { REVIEW_DIR } from './names.ts';
import type { ClaimedFile } from './process-claimed.ts';
import { listUnfinished } from './spool-entries.ts';
import type { OwnedSpool } from './spool-owner.ts';

const log = createLogger('hotfolder');

/** Unfinished files to process again; `firstLook` takes all of ours, else only those adopted now. */
export async function takeUpUnfinished(spool: OwnedSpool, folder: string, firstLook: boolean): Promise<ClaimedFile[]> {
  const adopted = new Set(await spool.adoptOrphans());
  if (!firstLook && adopted.size === 0) return [];
  const { files, strayRoutingFiles } = await listUnfinished(spool.dir, folder, firstLook);
  const mine = (path: string) => firstLook || adopted.has(path.slice(spool.dir.length + 1));
  for (const stray of strayRoutingFiles.filter((s) => mine(s.path))) {
    // Its document was already set aside when the run stopped; the person may still need it.
    try {
      const to = await moveNoClobber(stray.path, join(folder, REVIEW_DIR), stray.name);
      log.warn(`a routing file left over from an interrupted run was moved to ${to}`);
    } catch (error) {
      log.warn(`a routing file left over from an interrupted run stays at ${stray.path}`, error);
    }
  }
  const taken = files.filter((f) => mine(f.spoolPath));
  if (taken.length > 0) log.info(`taking up ${taken.length} document(s) claimed before an interruption and not finished`);
  return taken;
}
