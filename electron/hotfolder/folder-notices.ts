// A folder named like a document ("Scans.pdf") is never taken: the hot folder takes files put
// directly into it, never what is inside a folder. Said once per folder, so nobody waits for a
// fax that will not come; said again only if the folder goes and comes back.

import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isIgnoredName } from './names.ts';

/** Returns a check to run on each look at the folder; `say` hears of each new PDF-named folder once. */
export function createFolderNotices(say: (message: string, path: string) => void): (root: string) => Promise<void> {
  let said = new Set<string>();
  return async (root) => {
    let entries: Dirent[];
    try {
      entries = await readdir(root, { withFileTypes: true });
    } catch {
      return;
    }
    const seen = new Set<string>();
    for (const entry of entries) {
      if (!/\.pdf$/i.test(entry.name) || isIgnoredName(entry.name)) continue;
      const path = join(root, entry.name);
      const isFolder =
        entry.isDirectory() ||
        (entry.isSymbolicLink() &&
          (await stat(path).then(
            (i) => i.isDirectory(),
            () => false,
          )));
      if (!isFolder) continue;
      seen.add(path);
      if (said.has(path)) continue;
      say(
        `"${entry.name}" is a folder, not a PDF file, so it was left alone: Openfax takes only files put directly into the folder. To fax what is in it, move those PDF files out of "${entry.name}" into the folder itself.`,
        path,
      );
    }
    said = seen;
  };
}
