// Whether a folder can be the archive folder. The archive only adds files (it never takes or
// empties any), so a folder of the person's own is fine, Documents itself included; what it
// refuses is the same system and app-data places the hot folder refuses (hot-folder-rules.ts),
// the hot folder itself or a folder inside it (the hot folder would take the archived PDFs:
// the one rule is archiveInHotFolder), each for the path as given and where it really leads,
// then a folder we cannot write to (folder-check.ts, by writing a probe).

import { realpath } from 'node:fs/promises';
import { folderProblem } from './folder-check.ts';
import { archiveInHotFolder, type HotFolderPlaces, placeRefusal } from './hot-folder-rules.ts';

const EXAMPLE = 'Choose a folder of your own for the archive, for example "Fax archive" in Documents.';

function refusal(path: string, places: HotFolderPlaces): string | undefined {
  const r = placeRefusal(path, places);
  if (!r || r.kind === 'personal') return undefined;
  if (r.kind === 'data') return `${path} is where Openfax Desktop keeps its own data. ${EXAMPLE}`;
  return `${path} is ${r.what}. ${EXAMPLE}`;
}

/** Whether an archive at `archive` and the hot folder at `hotFolder` clash, as given or where they really lead. */
export async function archiveClashesWithHotFolder(archive: string, hotFolder: string, platform: NodeJS.Platform): Promise<boolean> {
  if (!archive || !hotFolder) return false;
  const [realArchive, realHot] = await Promise.all([realpath(archive).catch(() => archive), realpath(hotFolder).catch(() => hotFolder)]);
  return [archive, realArchive].some((a) => [hotFolder, realHot].some((h) => archiveInHotFolder(a, h, platform)));
}

/** Why `path` cannot be the archive folder, in words naming the fix; undefined when it can. `hotFolder`: the one in use. */
export async function archiveFolderProblem(path: string, places: HotFolderPlaces, hotFolder = ''): Promise<string | undefined> {
  const why = refusal(path, places);
  if (why) return why;
  const real = await realpath(path).catch(() => path);
  return (
    (real === path ? undefined : refusal(real, places)) ??
    ((await archiveClashesWithHotFolder(path, hotFolder, places.platform))
      ? `${path} is the hot folder (${hotFolder}) or inside it: the hot folder would take every archived fax and send it again. ${EXAMPLE}`
      : undefined) ??
    (await folderProblem(path))
  );
}
