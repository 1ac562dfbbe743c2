// Deletes spooled PDFs whose faxes are all final and older than the retention setting.
// The row is marked deleted first (committed), then the file goes: a resend racing the
// sweep sees "removed" rather than a job pointing at a missing file.

import { basename, join } from 'node:path';
import { FINAL_JOB_STATES } from '../../shared/domain.ts';
import { listSweepableDocuments, liveSpoolPaths, markDocumentDeleted } from '../store/documents-repo.ts';
import { getSetting } from '../store/settings-repo.ts';
import { get, transaction } from '../store/sql.ts';
import type { EngineContext } from './context.ts';
import { nodeSpoolFs, type SpoolFs } from './spool.ts';

const DAY_MS = 86_400_000;
/** A file with no row is kept this long: it may belong to a submission being queued right now. */
const ORPHAN_AGE_MS = DAY_MS;

export interface SweepResult {
  deleted: number;
  orphans: number;
}

export async function sweepSpool(ctx: EngineContext, fs: SpoolFs = nodeSpoolFs): Promise<SweepResult> {
  const now = ctx.now();
  const cutoff = now - getSetting(ctx.db, 'spoolRetentionDays') * DAY_MS;
  let deleted = 0;
  for (const doc of listSweepableDocuments(ctx.db, cutoff, FINAL_JOB_STATES)) {
    const still = transaction(ctx.db, () => {
      // Re-check inside the transaction: a resend may have added a job since the list was read.
      const busy = get<{ n: number }>(
        ctx.db,
        `SELECT count(*) AS n FROM jobs WHERE document_id = :id AND state NOT IN (${FINAL_JOB_STATES.map((s) => `'${s}'`).join(',')})`,
        { id: doc.id },
      );
      if (busy?.n) return false;
      markDocumentDeleted(ctx.db, doc.id, now);
      return true;
    });
    if (!still) continue;
    await fs.unlink(doc.spoolPath).catch((err) => {
      if ((err as { code?: string }).code !== 'ENOENT') ctx.log.warn(`could not delete ${doc.spoolPath}`, err);
    });
    deleted++;
  }
  let orphans = 0;
  const live = liveSpoolPaths(ctx.db);
  const liveNames = new Set([...live].map((p) => basename(p)));
  let names: string[] = [];
  try {
    names = await fs.readdir(ctx.spoolDir);
  } catch {
    return { deleted, orphans };
  }
  for (const name of names) {
    if (liveNames.has(name)) continue;
    const path = join(ctx.spoolDir, name);
    try {
      const st = await fs.stat(path);
      if (!st.isFile() || now - st.mtimeMs < ORPHAN_AGE_MS) continue;
      await fs.unlink(path);
      orphans++;
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  if (deleted || orphans) ctx.log.info(`spool sweep: ${deleted} document(s) past retention, ${orphans} orphan file(s) removed`);
  return { deleted, orphans };
}
