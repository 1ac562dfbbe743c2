// Taking one complete file out of the hot folder: into our spool with its sidecar and claim
// record (see spool-entries.ts), or straight to Rejected/ when it is no PDF at all. A file
// that is gone by then was taken by another watcher on the same folder, or removed by its
// owner: that is no error, and nothing is said. A link is taken by copy (see links.ts).

import { lstat, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger } from '../core/logger.ts';
import { makePrivate } from '../core/private-files.ts';
import type { PdfError } from '../pdf/pdf-errors.ts';
import { linkCopyPath, linkTargetOf, moveFileIn, takeLinked } from './links.ts';
import { type ClaimProof, claimToSpool } from './move.ts';
import { REJECTED_DIR, sidecarNameFor } from './names.ts';
import { type ClaimedFile, linkNote } from './process-claimed.ts';
import { setAside } from './rejects.ts';
import { sidecarPathFor, writeClaimRecord } from './spool-entries.ts';

const log = createLogger('hotfolder');

/** Moves `path` into `spoolDir`; undefined when it vanished first. `problem` hears of a sidecar left behind. */
export async function claimFile(
  folder: string,
  path: string,
  name: string,
  spoolDir: string,
  proof: ClaimProof | undefined,
  problem: (message: string, cause: unknown) => void,
): Promise<ClaimedFile | undefined> {
  const claimedAt = Date.now();
  let spoolPath: string;
  let linkTarget: string | undefined;
  try {
    linkTarget = await linkTargetOf(path);
    if (linkTarget) {
      const copy = linkCopyPath(spoolDir);
      await copyProved(path, copy, proof);
      spoolPath = (await claimToSpool(copy, spoolDir, name)).spoolPath;
      log.info(`${name} is a link to ${linkTarget}: its content was taken, the file itself left in place`);
    } else {
      spoolPath = (await claimToSpool(path, spoolDir, name, proof)).spoolPath;
    }
  } catch (error) {
    // A link already removed by us is not "gone": the copy failed and that must be said.
    if (!linkTarget && (await gone(path))) return quietlyGone(name);
    throw error;
  }
  let sidecarPath: string | undefined;
  try {
    await moveFileIn(join(folder, sidecarNameFor(name)), sidecarPathFor(spoolPath));
    sidecarPath = sidecarPathFor(spoolPath);
    await makePrivate(sidecarPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENAMETOOLONG: the name is so long that no sidecar can exist beside it.
    if (code !== 'ENOENT' && code !== 'ENAMETOOLONG')
      problem(`The routing file for ${name} could not be moved; the document will be reviewed`, error);
  }
  await writeClaimRecord(spoolPath, { originalName: name, folder, claimedAt, ...(linkTarget ? { linkTarget } : {}) });
  log.debug(`claimed ${name}`);
  return {
    spoolPath,
    originalName: name,
    folder,
    claimedAt,
    ...(sidecarPath ? { sidecarPath } : {}),
    ...(linkTarget ? { linkTarget } : {}),
  };
}

/** Moves a file that is no PDF straight to Rejected/ with its reason; undefined when it vanished first. */
export async function rejectFile(
  folder: string,
  path: string,
  name: string,
  spoolDir: string,
  problem: PdfError,
): Promise<{ path: string; reasonPath: string } | undefined> {
  let linkTarget: string | undefined;
  try {
    linkTarget = await linkTargetOf(path);
    let src = path;
    if (linkTarget) {
      src = linkCopyPath(spoolDir);
      await takeLinked(path, src);
    }
    const reason = { message: problem.message, action: problem.action, notes: linkNote(linkTarget) };
    return await setAside(src, folder, REJECTED_DIR, name, reason, new Date());
  } catch (error) {
    if (!linkTarget && (await gone(path))) return quietlyGone(name);
    throw error;
  }
}

// The proof is of the file the link points to (stat follows links): checked around the copy.
async function copyProved(link: string, copy: string, proof: ClaimProof | undefined): Promise<void> {
  const same = async () => {
    if (!proof) return true;
    const info = await stat(link);
    return info.size === proof.size && info.mtimeMs === proof.mtimeMs && info.ino === proof.ino;
  };
  if (!(await same())) throw new Error(`${link} changed while it was being taken; it will be taken again when it is complete`);
  await takeLinked(link, copy, async () => {
    if (await same()) return;
    await rm(copy, { force: true });
    throw new Error(`${link} changed while it was being taken; it will be taken again when it is complete`);
  });
}

async function gone(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

function quietlyGone(name: string): undefined {
  log.debug(`${name} was gone before it could be taken (another watcher took it, or it was removed)`);
  return undefined;
}
