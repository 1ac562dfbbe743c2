// Whether a folder can be the hot folder: it exists (or can be made inside an existing folder)
// and we may create and delete files in it. Checked by writing a probe file, since permission
// bits lie on network shares and under ACLs. Only one missing level is created: Node's
// recursive mkdir spins forever under /proc, and a typo should not make a tree of folders.

import { randomBytes } from 'node:crypto';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';

const WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  ENOTDIR: 'part of the path is a file, not a folder',
  ENOENT: 'part of the path does not exist',
};

function codeOf(err: unknown): string {
  return (err as { code?: string })?.code ?? 'unknown error';
}

/** Undefined when the folder is usable; otherwise why not, in words, with the system's code. */
export async function folderProblem(path: string): Promise<string | undefined> {
  if (!isAbsolute(path)) return 'Use a full folder path.';
  try {
    const s = await stat(path);
    if (!s.isDirectory()) return 'This is a file, not a folder. Choose a folder.';
  } catch (err) {
    if (codeOf(err) !== 'ENOENT') return `Openfax Desktop cannot open this folder (${WORDS[codeOf(err)] ?? codeOf(err)}, ${codeOf(err)}).`;
    try {
      const parent = await stat(dirname(path)).catch(() => undefined);
      if (!parent?.isDirectory()) return 'Neither this folder nor the folder it would go in exists. Choose an existing folder.';
      await mkdir(path);
    } catch (e) {
      return `The folder does not exist and cannot be created (${WORDS[codeOf(e)] ?? codeOf(e)}, ${codeOf(e)}). Choose another folder.`;
    }
  }
  const probe = join(path, `.openfax-write-test-${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(probe, 'openfax');
  } catch (err) {
    return `Openfax Desktop cannot write to this folder (${WORDS[codeOf(err)] ?? codeOf(err)}, ${codeOf(err)}). Choose a folder you can save files in.`;
  }
  await rm(probe, { force: true }).catch(() => undefined);
  return undefined;
}
