// Files we cannot fax go to `Rejected/` (or `Needs review/`) inside the hot folder with a
// `NAME.reason.txt` beside them. Never deleted, never replacing an earlier one.

import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { moveNoClobber } from './move.ts';

const REASON_SUFFIX = '.reason.txt';

export interface SetAsideReason {
  message: string;
  action: string;
}

/** Moves `src` into `folder/subdir` under a free name and writes its reason file; returns both paths. */
export async function setAside(
  src: string,
  folder: string,
  subdir: string,
  originalName: string,
  reason: SetAsideReason,
  when: Date,
): Promise<{ path: string; reasonPath: string }> {
  const dir = join(folder, subdir);
  const path = await moveNoClobber(src, dir, originalName, [REASON_SUFFIX]);
  const reasonPath = `${path}${REASON_SUFFIX}`;
  const text = [
    `Openfax did not send "${originalName}" (${when.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' })}).`,
    '',
    `What is wrong: ${reason.message}`,
    `What to do: ${reason.action}`,
    '',
    `The file is kept here unchanged as "${basename(path)}". When it is fixed, put it back into the Openfax folder or print it again.`,
    '',
  ].join('\n');
  await writeFile(reasonPath, text, { flag: 'wx' });
  return { path, reasonPath };
}
