// Each running hot folder claims into a spool folder of its own, `<spool>/<owner id>/`, whose
// `.owner.json` names its process. A file there is unfinished until its consumer says so. At
// start-up and on every safety re-scan, the folders of owners that are gone (killed, crashed,
// a machine restarted) are taken over whole, so a claimed file is never stranded, while a
// second process on the same data folder never takes what a live one is still handling.

import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../core/logger.ts';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, privateDir } from '../core/private-files.ts';

const log = createLogger('hotfolder');

const OWNER_FILE = '.owner.json';
// Only for owners on another machine (a data folder on a share), where a pid says nothing.
const HEARTBEAT_MS = 30_000;
const STALE_AFTER_MS = 5 * HEARTBEAT_MS;

interface OwnerRecord {
  pid: number;
  host: string;
  startedAt: number;
}

export interface OwnedSpool {
  /** Where this hot folder claims files. */
  readonly dir: string;
  /** Moves the files of owners that are gone (and of older versions, kept loose in the spool) into `dir`; returns their names. */
  adoptOrphans(): Promise<string[]>;
  /** Stops the heartbeat and gives the folder up: files left in it are taken over at the next start. */
  release(): Promise<void>;
}

/** Creates this process's spool folder under `spoolRoot`. */
export async function openOwnedSpool(spoolRoot: string): Promise<OwnedSpool> {
  const id = `${Date.now().toString(36)}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const dir = join(spoolRoot, id);
  // Built under a dotted name and renamed, so no other process ever sees it without its owner.
  const building = join(spoolRoot, `.new-${id}`);
  await privateDir(spoolRoot);
  await mkdir(building, { recursive: true, mode: PRIVATE_DIR_MODE });
  const record: OwnerRecord = { pid: process.pid, host: hostname(), startedAt: Date.now() };
  await writeFile(join(building, OWNER_FILE), JSON.stringify(record), { mode: PRIVATE_FILE_MODE });
  await rename(building, dir);
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(join(dir, OWNER_FILE), now, now).catch(() => {});
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    dir,
    adoptOrphans: () => adoptInto(spoolRoot, id, dir),
    async release() {
      clearInterval(heartbeat);
      await rm(join(dir, OWNER_FILE), { force: true });
      // Empty after a clean stop: nothing to take over. Not empty: the next start takes it.
      await rmdir(dir).catch(() => {});
    },
  };
}

async function adoptInto(spoolRoot: string, ownId: string, dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(spoolRoot);
  } catch {
    return [];
  }
  const adopted: string[] = [];
  for (const name of names) {
    const path = join(spoolRoot, name);
    // A run that died while making its folder left it half made: it holds no claim, only an owner file.
    if (name.startsWith('.new-') && Date.now() - ((await stat(path).catch(() => undefined))?.mtimeMs ?? Date.now()) > STALE_AFTER_MS)
      await rm(path, { recursive: true, force: true });
    if (name === ownId || name.startsWith('.')) continue;
    let isDir: boolean;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch {
      continue;
    }
    if (!isDir) {
      // Older versions claimed straight into the spool root, with no owner at all.
      if (await moveIn(path, join(dir, name))) adopted.push(name);
      continue;
    }
    if (!(await ownerGone(path))) continue;
    // One rename takes the whole folder: of two processes starting at once, one wins it all.
    const taken = join(dir, `.adopted-${name}`);
    try {
      await rename(path, taken);
    } catch {
      continue;
    }
    log.info(`taking over the unfinished files of an earlier run (${name})`);
    await flatten(taken, dir, adopted);
  }
  return adopted;
}

// Unfinished files of an adopted folder move up into ours; a folder it had adopted itself
// (it died while taking over) is flattened the same way.
async function flatten(from: string, into: string, moved: string[]): Promise<void> {
  for (const name of await readdir(from).catch(() => [] as string[])) {
    if (name === OWNER_FILE) continue;
    const path = join(from, name);
    const info = await stat(path).catch(() => undefined);
    if (!info) continue;
    if (info.isDirectory()) await flatten(path, into, moved);
    else if (await moveIn(path, join(into, name))) moved.push(name);
  }
  // Never recursive: a file that could not be moved stays, and is taken with our folder later.
  await rm(join(from, OWNER_FILE), { force: true });
  await rmdir(from).catch(() => {});
}

async function moveIn(from: string, to: string): Promise<boolean> {
  try {
    await rename(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn(`could not take over ${from}`, error);
    return false;
  }
}

async function ownerGone(ownerDir: string): Promise<boolean> {
  const file = join(ownerDir, OWNER_FILE);
  let record: OwnerRecord;
  let heartbeatAt: number;
  try {
    record = JSON.parse(await readFile(file, 'utf8')) as OwnerRecord;
    heartbeatAt = (await stat(file)).mtimeMs;
  } catch (error) {
    // No owner file: released by a clean stop. Unreadable: torn by a crash as it was written.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError;
  }
  const stale = Date.now() - heartbeatAt > STALE_AFTER_MS;
  if (record.host !== hostname()) return stale;
  // Started before this machine booted, and silent since: its pid now belongs to someone else.
  // (The heartbeat guards against a clock stepped forward making a live owner look that old.)
  if (stale && record.startedAt < Date.now() - uptime() * 1000) return true;
  return !processAlive(record.pid);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
