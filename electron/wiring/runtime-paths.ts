// Where the built app finds its pieces at run time, computed from the directory of the
// built main script (out/main). The wiring test checks each one exists in the build output.

import { join, resolve } from 'node:path';
import { hasDocumentExtension } from '../../shared/document-kinds.ts';

export interface RuntimePaths {
  preload: string;
  /** The built renderer, served on app:// (core/renderer-files.ts confines requests to it). */
  rendererDir: string;
  icon: string;
  trayIcon: string;
}

export function resolveRuntimePaths(mainDir: string): RuntimePaths {
  const out = resolve(mainDir, '..');
  return {
    preload: join(out, 'preload', 'index.cjs'),
    rendererDir: join(out, 'renderer'),
    icon: join(out, 'renderer', 'icon.png'),
    trayIcon: join(out, 'renderer', 'tray.png'),
  };
}

/**
 * Document paths (PDF, PNG, JPEG, TIFF) among command-line arguments (a second launch, "Open
 * with", a file dropped on the dock icon). Main then checks each by its content.
 */
export function documentPathsFromArgv(argv: readonly string[]): string[] {
  return argv.filter((a) => !a.startsWith('-') && hasDocumentExtension(a));
}

/**
 * How to start again a launch made while this process quits (it gave up on the single-instance
 * lock): this program (an AppImage by its file: its mount goes with this process), a development
 * build with its app folder, and the documents that launch was given. Not the rest of its
 * arguments: Chromium may add its own, and this process's own (--hidden at login) are not the
 * person's.
 */
export function relaunchOptions(
  secondArgv: readonly string[],
  launch: { argv: readonly string[]; packaged: boolean; appImage: string | undefined },
): { args: string[]; execPath?: string } {
  const appFolder = launch.packaged ? [] : launch.argv.slice(1, 2);
  const args = [...appFolder, ...documentPathsFromArgv(secondArgv.slice(1))];
  return launch.appImage ? { args, execPath: launch.appImage } : { args };
}
