// The folders `openfax watch DIR` ran on, kept in the data folder: a folder of files is watched
// only once the person said so (--take-existing), and a folder watched before is not asked
// about again when the watcher restarts (a service, after a reboot), since files waiting in it
// are what it is for. JSON lines, appended: two watchers starting at once lose nothing.

import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE } from '../core/private-files.ts';

const FILE = 'watched-folders.jsonl';

async function listed(dataDir: string): Promise<Set<string>> {
  const text = await readFile(join(dataDir, FILE), 'utf8').catch(() => '');
  const folders = new Set<string>();
  for (const line of text.split('\n')) {
    try {
      const folder: unknown = JSON.parse(line);
      if (typeof folder === 'string') folders.add(folder);
    } catch {
      // blank or torn line
    }
  }
  return folders;
}

/** `openfax watch` ran on `folder` (a full path) with this data folder before. */
export async function watchedBefore(dataDir: string, folder: string): Promise<boolean> {
  return (await listed(dataDir)).has(folder);
}

/** Notes that `openfax watch` runs on `folder`. */
export async function rememberWatched(dataDir: string, folder: string): Promise<void> {
  if (await watchedBefore(dataDir, folder)) return;
  // A line of its own even after a torn one.
  await appendFile(join(dataDir, FILE), `\n${JSON.stringify(folder)}\n`, { mode: PRIVATE_FILE_MODE });
}
