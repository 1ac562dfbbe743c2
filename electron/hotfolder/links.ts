// A link dropped into the hot folder (`ln -s ../Invoices/x.pdf`, a shortcut made by a script)
// points at the person's own file. Moved, a relative link points nowhere; and the file it names
// is not ours to move or delete. So its content is copied in, the link alone is removed, and
// the file it points to stays where it is.

import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, lstat, realpath, rename, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** The file a symbolic link at `path` points to, or undefined when `path` is not a link. */
export async function linkTargetOf(path: string): Promise<string | undefined> {
  if (!(await lstat(path)).isSymbolicLink()) return undefined;
  return realpath(path);
}

export const LINK_COPY_PREFIX = '.link-';

/** A spare name in `dir` for a copy that is not finished yet; listUnfinished sweeps leftovers. */
export function linkCopyPath(dir: string): string {
  return join(dir, `${LINK_COPY_PREFIX}${randomUUID().slice(0, 8)}`);
}

/**
 * Copies what the link at `link` points to into `dest` (never replacing a file), then removes
 * the link; `check` runs between the two and may refuse by throwing.
 */
export async function takeLinked(link: string, dest: string, check?: () => Promise<void>): Promise<void> {
  await copyFile(link, dest, constants.COPYFILE_EXCL);
  await check?.();
  await unlink(link);
}

/** Moves a file into `dest`: a link by copying what it points to, another volume by copy and delete. */
export async function moveFileIn(src: string, dest: string): Promise<void> {
  if ((await lstat(src)).isSymbolicLink()) return takeLinked(src, dest);
  try {
    await rename(src, dest);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(src, dest, constants.COPYFILE_EXCL);
    await unlink(src).catch(async (unlinkError) => {
      await rm(dest, { force: true });
      throw unlinkError;
    });
  }
}
