// Moving files without ever losing or overwriting one. Claims rename into the spool (atomic on
// one volume); across volumes the bytes are copied, synced and verified by hash before the
// original is deleted. Rejects and reviews get a unique name, so an earlier one is never replaced.

import { createHash, randomUUID } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { copyFile, link, mkdir, open, rename, rm, stat, unlink } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { withFsRetry } from './fs-retry.ts';

export interface ClaimResult {
  spoolPath: string;
  acrossVolumes: boolean;
}

/** Moves `src` into `spoolDir` under a new unique name. */
export async function claimToSpool(src: string, spoolDir: string, originalName: string): Promise<ClaimResult> {
  await mkdir(spoolDir, { recursive: true });
  const spoolPath = join(spoolDir, spoolName(originalName));
  try {
    await withFsRetry(() => rename(src, spoolPath));
    return { spoolPath, acrossVolumes: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
  }
  await copyVerifyDelete(src, spoolPath);
  return { spoolPath, acrossVolumes: true };
}

function spoolName(originalName: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const safe = originalName.replace(/[^\w .()+-]/g, '_').slice(0, 80);
  return `${stamp}-${randomUUID().slice(0, 8)}-${safe}`;
}

class SourceChangedError extends Error {
  constructor(path: string) {
    super(`${path} changed while it was being copied; it will be taken again when it is complete`);
    this.name = 'SourceChangedError';
  }
}

/**
 * Copies `src` to `dest` through a temporary name, fsyncs, checks the copy's SHA-256 against
 * the source's and that the source did not change meanwhile, then deletes the source.
 */
export async function copyVerifyDelete(src: string, dest: string): Promise<{ sha256: string; size: number }> {
  const before = await stat(src);
  const tmp = `${dest}.${randomUUID().slice(0, 8)}.copying`;
  try {
    const sourceHash = await hashFile(src);
    await withFsRetry(() => copyFile(src, tmp, constants.COPYFILE_EXCL));
    await fsyncPath(tmp);
    const copyHash = await hashFile(tmp);
    const after = await stat(src);
    if (copyHash !== sourceHash || after.size !== before.size || after.mtimeMs !== before.mtimeMs) throw new SourceChangedError(src);
    await rename(tmp, dest);
    await fsyncDir(join(dest, '..'));
    await withFsRetry(() => unlink(src));
    return { sha256: copyHash, size: after.size };
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Moves `src` into `dir` as `name`, or `name (2)`, `name (3)`… when taken. A candidate is also
 * skipped when any `candidate + reservedSuffix` exists (an older reject's reason file).
 * Returns the final path.
 */
export async function moveNoClobber(src: string, dir: string, name: string, reservedSuffixes: readonly string[] = []): Promise<string> {
  await mkdir(dir, { recursive: true });
  const ext = extname(name);
  const stem = ext ? name.slice(0, -ext.length) : name;
  for (let n = 1; n < 10_000; n++) {
    const candidate = n === 1 ? name : `${stem} (${n})${ext}`;
    const dest = join(dir, candidate);
    if (await anyExists(reservedSuffixes.map((s) => dest + s))) continue;
    try {
      await placeExclusive(src, dest);
      return dest;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
  }
  throw new Error(`no free name for ${name} in ${dir}`);
}

// A hard link fails with EEXIST instead of replacing, which rename cannot promise.
async function placeExclusive(src: string, dest: string): Promise<void> {
  try {
    await withFsRetry(() => link(src, dest));
    await withFsRetry(() => unlink(src));
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOENT') throw error;
    // EXDEV (spool on another volume), or a file system without hard links (FAT, some shares).
  }
  await withFsRetry(() => copyFile(src, dest, constants.COPYFILE_EXCL));
  await fsyncPath(dest);
  await withFsRetry(() => unlink(src));
}

async function anyExists(paths: string[]): Promise<boolean> {
  for (const p of paths) {
    try {
      await stat(p);
      return true;
    } catch {
      // absent
    }
  }
  return false;
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// Makes the rename itself durable on POSIX; Windows cannot open a folder this way.
async function fsyncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // not supported here
  }
}
