// Files we cannot fax go to `Rejected/` (or `Needs review/`) inside the hot folder with a
// `NAME.reason.txt` beside them. Never deleted, never replacing an earlier one.

import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { moveNoClobber } from './move.ts';
import { fitName } from './names.ts';

const REASON_SUFFIX = '.reason.txt';
// moveNoClobber may add " (9999)" to a taken name; the reason file and a ".json" sidecar follow it.
const RESERVED_BYTES = ' (9999)'.length + REASON_SUFFIX.length;

export interface SetAsideReason {
  message: string;
  action: string;
  /** More facts for the reason file (where a linked file came from, …). */
  notes?: readonly string[];
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
  const name = fitName(originalName, RESERVED_BYTES);
  const path = await moveNoClobber(src, dir, name, [REASON_SUFFIX]);
  const reasonPath = `${path}${REASON_SUFFIX}`;
  const kept =
    name === originalName
      ? `The file is kept here unchanged as "${basename(path)}".`
      : `The file is kept here unchanged as "${basename(path)}": its full name is too long to have a reason file beside it, so it was shortened.`;
  const text = [
    `Openfax did not send "${originalName}" (${when.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' })}).`,
    '',
    `What is wrong: ${reason.message}`,
    `What to do: ${reason.action}`,
    ...(reason.notes ?? []),
    '',
    `${kept} When it is fixed, put it back into the Openfax folder or print it again.`,
    '',
  ].join('\n');
  await writeFile(reasonPath, text, { flag: 'wx' });
  return { path, reasonPath };
}
