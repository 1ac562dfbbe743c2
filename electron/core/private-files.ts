// The data folder holds faxes, numbers and the log: only the person who runs the app may read
// it. Folders are 0700 and files 0600, set where each is made (never through the process-wide
// umask, which would also reach the files a person saves where they chose). Windows has no
// POSIX modes (Node maps them to the read-only bit alone) and each user's profile folder is
// private by its ACLs already, so nothing is changed there.

import { chmodSync, mkdirSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';

/** Owner read and write: for a file in the data folder, passed where it is created. */
export const PRIVATE_FILE_MODE = 0o600;
/** Owner only: for a folder in the data folder. */
export const PRIVATE_DIR_MODE = 0o700;

const POSIX = process.platform !== 'win32';

/**
 * A folder someone else owns (a data folder given with --data-dir on a share) cannot be made
 * ours: it is used as it is, and what we create inside it is still owner-only.
 */
const notOurs = (err: NodeJS.ErrnoException) => err.code === 'EPERM';

/** Creates `path` (and missing parents) owner-only, and makes an existing one owner-only too. */
export function privateDirSync(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!POSIX) return;
  try {
    chmodSync(path, PRIVATE_DIR_MODE);
  } catch (err) {
    if (!notOurs(err as NodeJS.ErrnoException)) throw err;
  }
}

/** The async privateDirSync. */
export async function privateDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!POSIX) return;
  await chmod(path, PRIVATE_DIR_MODE).catch((err: NodeJS.ErrnoException) => {
    if (!notOurs(err)) throw err;
  });
}

/**
 * Makes a file owner-only: one that arrived by rename or copy (which keep the source's mode),
 * or one an earlier version created readable by all. A file already gone is no error.
 */
export async function makePrivate(path: string): Promise<void> {
  if (!POSIX) return;
  await chmod(path, PRIVATE_FILE_MODE).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT' && !notOurs(err)) throw err;
  });
}

/** The sync makePrivate. */
export function makePrivateSync(path: string): void {
  if (!POSIX) return;
  try {
    chmodSync(path, PRIVATE_FILE_MODE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && !notOurs(err as NodeJS.ErrnoException)) throw err;
  }
}
