// The archive folder: while one is set, every fax that ends (one with a transmission report,
// store/archive-repo.ts) is written there once per final result, the document followed by its
// report, under `YYYY-MM-DD HHMM <recipient> <delivered|failed>.pdf`, never over another file.
// A result that changes after it was written (Openfax reports a fax failed, then delivered) is
// written again as a new file. What is due is read from SQLite each time (faxes that ended
// since the folder was set and are not written yet), so a fax that ended while the app was
// closed, or whose write failed, is written at the next start. A folder that vanished or
// refuses writes loses nothing: the person gets one notice naming the folder and the fix, and
// the faxes wait for the next start or a new folder.
// Several processes may serve one data folder (the desktop app and the browser host): each fax
// is claimed in a transaction before it is written, so only one of them writes it. Its name
// and hash are recorded before the file is named, so a start after a crash in between finds
// the file already written instead of writing a second copy.

import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Notice } from '../../shared/ipc/contract/app.ts';
import type { Logger } from '../core/logger.ts';
import { isAlive } from '../outbox/engine-lease.ts';
import {
  archiveSince,
  claimArchive,
  listArchiveDue,
  markArchived,
  markArchiveFailed,
  markArchivePending,
  startArchiving,
  stopArchiving,
} from '../store/archive-repo.ts';
import type { Db } from '../store/sql.ts';
import { findArchived, sweepArchiveTemps, writeToArchive } from './archive-write.ts';
import type { ReportMaker } from './report-maker.ts';
import { faxFileName } from './report-names.ts';

export interface ArchiverDeps {
  db: Db;
  reports: Pick<ReportMaker, 'archiveCopy'>;
  /** The archive folder setting ('' = none). */
  folder: () => string;
  notice: (notice: Notice) => void;
  now?: () => number;
  log?: Logger;
}

export interface Archiver {
  /** A fax ended (or anything else may have become due): writes what is due. */
  poke(): void;
  /** The archive folder setting changed: starts or stops archiving, and tries the waiting faxes in the new folder. */
  folderChanged(): void;
  /** Resolves once nothing due is left to try in this session (tests, shutdown). */
  idle(): Promise<void>;
  dispose(): Promise<void>;
}

const BATCH = 20;
/** A claim older than this is taken over: making one archive copy takes seconds, not minutes. */
const CLAIM_STALE_MS = 10 * 60_000;

/** Lets other work (a PDF added in Compose, a window's request) in between two faxes. */
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function startArchiver(deps: ArchiverDeps): Archiver {
  const now = deps.now ?? Date.now;
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const claimant = () => ({ owner, pid: process.pid, host: hostname(), now: now(), staleAfterMs: CLAIM_STALE_MS, isAlive });
  // Failed in this session, in this folder: tried again at the next start or in a new folder, not at every fax that ends.
  let failedHere = new Set<number>();
  let current: Promise<void> = Promise.resolve();
  let again = false;
  let running = false;
  let disposed = false;

  function syncSince(): string {
    const folder = deps.folder();
    if (folder) startArchiving(deps.db, now());
    else stopArchiving(deps.db);
    return folder;
  }

  /** Writes fax `jobId` into `folder` unless another process has it; false when it does. */
  async function archiveOne(folder: string, jobId: number): Promise<boolean> {
    const claim = claimArchive(deps.db, jobId, claimant());
    if (!claim) return false;
    const pending = claim.pending;
    if (pending && dirname(pending.path) === folder) {
      const written = await findArchived(folder, basename(pending.path), pending.sha256);
      if (written) {
        markArchived(deps.db, jobId, written, pending.state, now());
        deps.log?.info(`fax ${jobId} was archived before the app stopped; recorded now`);
        return true;
      }
    }
    const copy = await deps.reports.archiveCopy(jobId);
    const name = faxFileName(copy.data);
    const sha256 = createHash('sha256').update(copy.bytes).digest('hex');
    markArchivePending(deps.db, jobId, { path: join(folder, name), sha256, state: copy.data.state }, now());
    const path = await writeToArchive(folder, name, copy.bytes);
    markArchived(deps.db, jobId, path, copy.data.state, now());
    deps.log?.info(`fax ${jobId} archived${copy.withDocument ? '' : ' (its report alone: the PDF was no longer kept)'}`);
    return true;
  }

  async function runOnce(): Promise<void> {
    const folder = deps.folder();
    if (!folder || archiveSince(deps.db) === undefined) return;
    const failures: Array<{ jobId: number; reason: string }> = [];
    // Claimed by another process in this run: it writes them.
    const skipped = new Set<number>();
    for (;;) {
      const due = listArchiveDue(deps.db, BATCH + failedHere.size + skipped.size).filter(
        (d) => !failedHere.has(d.jobId) && !skipped.has(d.jobId),
      );
      if (!due.length || disposed) break;
      for (const { jobId } of due.slice(0, BATCH)) {
        if (disposed) break;
        await yieldTurn();
        try {
          if (!(await archiveOne(folder, jobId))) skipped.add(jobId);
        } catch (err) {
          const reason = err instanceof Error ? err.message : String(err);
          failedHere.add(jobId);
          failures.push({ jobId, reason });
          markArchiveFailed(deps.db, jobId, reason, now());
          deps.log?.warn(`fax ${jobId} could not be archived`, err);
        }
      }
    }
    if (failures.length) {
      const n = failures.length;
      deps.notice({
        level: 'warning',
        title: n === 1 ? 'A fax could not be archived' : `${n} faxes could not be archived`,
        message: `${failures[0]?.reason} Nothing is lost: ${n === 1 ? 'it is' : 'they are'} written when Openfax Desktop next starts, or as soon as you choose another archive folder.`,
        code: 'archive-failed',
      });
    }
  }

  function schedule(): Promise<void> {
    if (running) {
      again = true;
      return current;
    }
    running = true;
    current = (async () => {
      try {
        do {
          again = false;
          await runOnce().catch((err) => deps.log?.error('the archive folder could not be updated', err));
        } while (again && !disposed);
      } finally {
        running = false;
      }
    })();
    return current;
  }

  const start = syncSince();
  if (start) void sweepArchiveTemps(start);
  void schedule();

  return {
    poke() {
      if (!disposed) void schedule();
    },
    folderChanged() {
      if (disposed) return;
      failedHere = new Set();
      const folder = syncSince();
      if (folder) void sweepArchiveTemps(folder);
      void schedule();
    },
    async idle() {
      while (running) await current;
    },
    async dispose() {
      disposed = true;
      await current;
    },
  };
}
