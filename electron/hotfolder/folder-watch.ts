// The file-system side of the hot folder: which paths are candidates, the chokidar watcher on
// the folder's top level, and making sure the folder exists.

import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import { isIgnoredName, isOwnSubfolder, isSidecarName } from './names.ts';

/** A file directly in `root` whose name we take. */
export function isCandidate(root: string, path: string): boolean {
  if (dirname(path) !== root) return false;
  const name = basename(path);
  return !isIgnoredName(name) && !isSidecarName(name) && !isOwnSubfolder(name);
}

export interface FolderWatchHandlers {
  /** A candidate file appeared or changed (also for files found by the initial scan). */
  file(path: string): void;
  /** The folder itself was removed. */
  gone(): void;
  error(error: unknown): void;
}

/**
 * chokidar on the top level only. Our own stability check replaces `awaitWriteFinish`, and
 * `atomic` is off because add and change are handled alike. Resolves `ready` after the
 * initial scan has been reported.
 */
export function watchFolder(root: string, handlers: FolderWatchHandlers): { watcher: FSWatcher; ready: Promise<void> } {
  const watcher = watch(root, {
    depth: 0,
    ignoreInitial: false,
    atomic: false,
    awaitWriteFinish: false,
    persistent: true,
    ignored: (path: string, stats?: { isDirectory(): boolean }) => {
      if (path === root) return false;
      if (dirname(path) !== root) return true;
      const name = basename(path);
      return isIgnoredName(name) || isOwnSubfolder(name) || isSidecarName(name) || stats?.isDirectory() === true;
    },
  });
  const onFile = (path: string) => {
    if (isCandidate(root, path)) handlers.file(path);
  };
  watcher.on('add', onFile);
  watcher.on('change', onFile);
  watcher.on('unlinkDir', (path) => {
    if (path === root) handlers.gone();
  });
  watcher.on('error', (error) => handlers.error(error));
  const ready = new Promise<void>((done) => watcher.once('ready', () => done()));
  return { watcher, ready };
}

/** Makes sure the folder exists (creating it when allowed); returns a problem in plain words. */
export async function prepareFolder(folder: string, create: boolean): Promise<string | undefined> {
  try {
    const info = await stat(folder);
    return info.isDirectory() ? undefined : `${folder} is a file, not a folder: choose a folder in Settings.`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      return `The folder cannot be opened (${(error as NodeJS.ErrnoException).code}).`;
  }
  if (!create) return 'The folder does not exist (yet): Openfax will start watching when it appears.';
  try {
    await mkdir(folder, { recursive: true });
    return undefined;
  } catch (error) {
    return `The folder could not be created (${(error as NodeJS.ErrnoException).code}): choose another folder in Settings.`;
  }
}
