// Puts one archive copy into the archive folder without ever replacing a file there: the bytes
// are written whole and synced under a hidden temporary name first (pdf/write-atomic.ts, owner
// only), then given their real name by a hard link, which fails rather than replace a file of
// that name, so a second fax of the same name becomes "… (2).pdf" (hotfolder/move.ts).

import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { moveNoClobber } from '../hotfolder/move.ts';
import { writeFileAtomic } from '../pdf/write-atomic.ts';

const TEMP_PREFIX = '.openfax-archive-';

/** Why the archive folder cannot take a file, in words naming the folder and the fix. */
export class ArchiveWriteError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.name = 'ArchiveWriteError';
    this.code = code;
  }
}

const FIX = 'Reconnect the drive or share it is on, or choose another archive folder in Settings, Archive.';

function archiveError(err: unknown, folder: string): ArchiveWriteError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new ArchiveWriteError(`The archive folder ${folder} is missing. ${FIX}`, code);
  if (code === 'ENOTDIR') return new ArchiveWriteError(`The archive folder ${folder} is not a folder any more. ${FIX}`, code);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new ArchiveWriteError(
      `The archive folder ${folder} cannot be written to (${code === 'EROFS' ? 'the disk is read-only' : 'permission denied'}, ${code}). Check its permissions, or choose another archive folder in Settings, Archive.`,
      code,
    );
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ArchiveWriteError(
      `The disk of the archive folder ${folder} is full (${code}). Free some space, or choose another archive folder in Settings, Archive.`,
      code,
    );
  }
  return new ArchiveWriteError(`The archive folder ${folder} could not take the file (${code ?? (err as Error).message}). ${FIX}`, code);
}

/** Writes `bytes` into `folder` as `name` (or `name (2)`…, never over a file); returns the path. Throws ArchiveWriteError. */
export async function writeToArchive(folder: string, name: string, bytes: Uint8Array): Promise<string> {
  try {
    // A folder that vanished (an unplugged drive, a share not mounted) is not made again where it was.
    if (!(await stat(folder)).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  } catch (err) {
    throw archiveError(err, folder);
  }
  const temp = join(folder, `${TEMP_PREFIX}${randomUUID().slice(0, 8)}.part`);
  try {
    await writeFileAtomic(temp, bytes);
    return await moveNoClobber(temp, folder, name);
  } catch (err) {
    throw archiveError(err, folder);
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

/** Removes temporary files a crash left in the archive folder (ours alone, by their prefix; write-atomic's own too). */
export async function sweepArchiveTemps(folder: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(
    names.filter((n) => n.startsWith(TEMP_PREFIX) || n.startsWith(`.${TEMP_PREFIX}`)).map((n) => rm(join(folder, n), { force: true })),
  );
}

/**
 * The file a writer that stopped (a crash between naming the file and recording it) already
 * put in `folder` for `name`: the one of `name`, `name (2)`… whose bytes have `sha256`.
 */
export async function findArchived(folder: string, name: string, sha256: string): Promise<string | undefined> {
  const ext = extname(name);
  const stem = ext ? name.slice(0, -ext.length) : name;
  const names = await readdir(folder).catch(() => [] as string[]);
  const candidates = names.filter((n) => n === name || (n.startsWith(`${stem} (`) && n.endsWith(`)${ext}`)));
  for (const n of candidates) {
    const bytes = await readFile(join(folder, n)).catch(() => undefined);
    if (bytes && createHash('sha256').update(bytes).digest('hex') === sha256) return join(folder, n);
  }
  return undefined;
}
