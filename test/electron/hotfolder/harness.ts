// Starts a real hot folder on temp folders and records what it reports.

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, vi } from 'vitest';
import type {
  HotFolderDocument,
  HotFolderError,
  HotFolderNotice,
  HotFolderRejected,
  HotFolderState,
} from '../../../electron/hotfolder/events.ts';
import { createHotFolder, type HotFolder, type HotFolderOptions } from '../../../electron/hotfolder/hot-folder.ts';
import { createMemoryLedger, type MemoryLedger } from '../../../electron/hotfolder/ledger.ts';

export interface Harness {
  root: string;
  folder: string;
  spool: string;
  ledger: MemoryLedger;
  hot: HotFolder;
  documents: (HotFolderDocument & { at: number })[];
  rejected: (HotFolderRejected & { at: number })[];
  errors: HotFolderError[];
  notices: HotFolderNotice[];
  states: HotFolderState[];
  /** Waits (vi.waitFor, 15 s unless told) until `predicate` holds; the error says what was seen. */
  waitFor(predicate: () => boolean, what?: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** The claimed documents still in a spool (each run keeps its own folder in it), without records or sidecars. */
export async function spooledDocuments(spool: string): Promise<string[]> {
  const entries = await readdir(spool, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.') && !/\.(json|claim|handoff)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

export async function startHarness(options: Partial<HotFolderOptions> = {}, base = tmpdir()): Promise<Harness> {
  const root = await mkdtemp(join(base, 'hotfolder-'));
  const folder = options.folder ?? join(root, 'Openfax Outbox');
  const spool = options.spoolDir ?? join(root, 'spool');
  const ledger = (options.ledger as MemoryLedger | undefined) ?? createMemoryLedger();
  const hot = createHotFolder({ ...options, folder, spoolDir: spool, ledger });
  const h: Harness = {
    root,
    folder,
    spool,
    ledger,
    hot,
    documents: [],
    rejected: [],
    errors: [],
    notices: [],
    states: [],
    async waitFor(predicate, what = 'condition', timeoutMs = 15_000) {
      await vi.waitFor(
        () => {
          if (predicate()) return;
          throw new Error(
            `timed out waiting for ${what}: ${h.documents.length} documents, ${h.rejected.length} rejected, errors ${JSON.stringify(h.errors)}`,
          );
        },
        { timeout: timeoutMs, interval: 10 },
      );
    },
    async close() {
      await hot.dispose();
      await rm(root, { recursive: true, force: true });
    },
  };
  hot.on('document', (d) => h.documents.push({ ...d, at: performance.now() }));
  hot.on('rejected', (r) => h.rejected.push({ ...r, at: performance.now() }));
  hot.on('error', (e) => h.errors.push(e));
  hot.on('notice', (n) => h.notices.push(n));
  hot.on('state', (s) => h.states.push(s));
  await hot.whenReady();
  return h;
}

/**
 * File-system watch handles open in this process. Zero means nothing can see a file arrive, which
 * proves "not taken while paused or after dispose" without waiting to see whether it is.
 */
export function openWatchers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'FSEventWrap' || r === 'StatWatcher').length;
}

/** A starter for this test file's harnesses; each one is closed after the test that made it. */
export function harnessPerTest(): (...args: Parameters<typeof startHarness>) => Promise<Harness> {
  const open: Harness[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });
  return async (...args) => {
    const h = await startHarness(...args);
    open.push(h);
    return h;
  };
}
