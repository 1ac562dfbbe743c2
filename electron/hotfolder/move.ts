// Moving files without ever losing or overwriting one. Claims rename into the spool (atomic on
// one volume); across volumes the bytes are copied, synced and verified by hash before the
// original is deleted. Rejects and reviews get a unique name, so an earlier one is never replaced.
// A claim carries the tracker's proof that the file was complete and no program was writing it:
// it is checked again around the move, so bytes changed since are never claimed as they were,
// and the original is never deleted while a writer may still add to it.

import { createHash, randomUUID } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { copyFile, link, mkdir, open, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { makePrivate } from '../core/private-files.ts';
import { withFsRetry } from './fs-retry.ts';

export interface ClaimResult {
  spoolPath: string;
  acrossVolumes: boolean;
}

/** What the tracker proved about a file, checked again around its move. */
export interface ClaimProof {
  size: number;
  mtimeMs: number;
  ino: number;
  /** Proves again that the file is complete and no program is writing it. */
  stillComplete(): Promise<boolean>;
}

/** Moves `src` into `spoolDir` under a new unique name; with a proof, only the file proved. */
export async function claimToSpool(src: string, spoolDir: string, originalName: string, proof?: ClaimProof): Promise<ClaimResult> {
  await mkdir(spoolDir, { recursive: true });
  const spoolPath = join(spoolDir, spoolName(originalName));
  if (proof && !isProved(await stat(src), proof)) throw new SourceChangedError(src);
  try {
    await withFsRetry(() => rename(src, spoolPath));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyVerifyDelete(src, spoolPath, proof);
    await makePrivate(spoolPath);
    return { spoolPath, acrossVolumes: true };
  }
  // Written to between the proof and the rename: the writer is back, so the file goes back too
  // (under a free name, should the next print already hold this one) and is judged again.
  if (proof && !isProved(await stat(spoolPath), proof)) {
    await moveNoClobber(spoolPath, dirname(src), basename(src));
    throw new SourceChangedError(src);
  }
  // A rename keeps the printer's mode (often readable by all): in the data folder it is ours alone.
  await makePrivate(spoolPath);
  return { spoolPath, acrossVolumes: false };
}

function isProved(info: { size: number; mtimeMs: number; ino: number }, proof: ClaimProof): boolean {
  return info.size === proof.size && info.mtimeMs === proof.mtimeMs && info.ino === proof.ino;
}

function spoolName(originalName: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const safe = originalName.replace(/[^\w .()+-]/g, '_').slice(0, 80);
  return `${stamp}-${randomUUID().slice(0, 8)}-${safe}`;
}

class SourceChangedError extends Error {
  constructor(path: string) {
    super(`${path} changed while it was being taken; it will be taken again when it is complete`);
    this.name = 'SourceChangedError';
  }
}

/**
 * Copies `src` to `dest` through a temporary name, fsyncs, checks the copy's SHA-256 against
 * the source's and that the source did not change meanwhile (and, with a proof, that it is
 * still complete with no writer), then deletes the source.
 */
export async function copyVerifyDelete(src: string, dest: string, proof?: ClaimProof): Promise<{ sha256: string; size: number }> {
  const before = await stat(src);
  if (proof && !isProved(before, proof)) throw new SourceChangedError(src);
  const tmp = `${dest}.${randomUUID().slice(0, 8)}.copying`;
  try {
    const sourceHash = await hashFile(src);
    await withFsRetry(() => copyFile(src, tmp, constants.COPYFILE_EXCL));
    await fsyncPath(tmp);
    const copyHash = await hashFile(tmp);
    const after = await stat(src);
    if (copyHash !== sourceHash || after.size !== before.size || after.mtimeMs !== before.mtimeMs) throw new SourceChangedError(src);
    if (proof && !(await proof.stillComplete())) throw new SourceChangedError(src);
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
