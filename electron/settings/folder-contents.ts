// What a folder already holds, as a person should see it before it becomes the hot folder:
// everything but what the hot folder itself leaves there or never touches (its Rejected and
// Needs review folders, dotfiles such as its write probe, Office locks, temp files,
// desktop.ini). The same name rules the watcher uses (hotfolder/names.ts), so what is listed
// is what the hot folder would act on, plus the person's own folders.

import { readdir } from 'node:fs/promises';
import type { FolderContents } from '../../shared/ipc/contract/account.ts';
import { isIgnoredName, isOwnSubfolder } from '../hotfolder/names.ts';

/** How many names a question shows; the count says how many there are in all. */
const SHOWN = 8;

/** The folder's entries the person should know about (folders end in "/"); count 0 when there are none. */
export async function folderListing(path: string): Promise<FolderContents> {
  const entries = await readdir(path, { withFileTypes: true });
  const names = entries
    .filter((e) => !isOwnSubfolder(e.name) && !isIgnoredName(e.name))
    .map((e) => (e.isDirectory() ? `${e.name}/` : e.name))
    .sort((a, b) => a.localeCompare(b));
  return { path, names: names.slice(0, SHOWN), count: names.length };
}
