// electron-updater's real NsisUpdater and MacUpdater, run in plain Node: an AppAdapter in place
// of Electron's app, Electron's own HTTP executor with Node's request in place of `net.request`
// (what the fake electron does for the wiring test), the NSIS installer step replaced by one
// the test chooses, and Squirrel.Mac by the fake electron's autoUpdater. Everything between
// (the feed, the yml, the download, sha512, the signature hook, the cache folder, the quit after
// an install started) is the library's own code.

import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { type AppUpdater, MacUpdater, NsisUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor.js';
import './electron-for-updater.ts';

class NodeHttpExecutor extends ElectronHttpExecutor {
  override createRequest(options: any, callback: (response: any) => void): any {
    return (options.protocol === 'https:' ? httpsRequest : httpRequest)(options, callback);
  }
}

/** What electron-builder writes into resources/app-update.yml; `publisherName` turns on NSIS's signature check. */
function writeAppUpdateYml(dir: string, feedUrl: string, publisherName?: string): string {
  const path = join(dir, 'app-update.yml');
  const lines = ['provider: generic', `url: ${feedUrl}`, 'updaterCacheDirName: openfax-desktop-updater'];
  if (publisherName) lines.push('publisherName:', `  - ${publisherName}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** What the NSIS step does: start (the installer runs, the app quits), return false, or throw (electron-updater reports it as an 'error'). */
export type NsisStep = 'start' | 'return-false' | 'throw';

export class RecordingNsisUpdater extends NsisUpdater {
  /** Each install electron-updater would have started: the verified installer's path. */
  readonly installs: Array<string | null> = [];
  step: NsisStep = 'start';
  constructor(app: AppAdapter) {
    super(null, app);
    // Given an AppAdapter, electron-updater leaves the HTTP client to the caller.
    Object.assign(this, { httpExecutor: new NodeHttpExecutor() });
    this.logger = null;
  }
  protected override doInstall(): boolean {
    if (this.step === 'throw') throw new Error('The installer could not be started: Access is denied.');
    if (this.step === 'return-false') return false;
    this.installs.push(this.installerPath);
    return true;
  }
}

class NodeMacUpdater extends MacUpdater {
  constructor(app: AppAdapter) {
    super(undefined, app);
    Object.assign(this, { httpExecutor: new NodeHttpExecutor() });
    this.logger = null;
  }
}

export interface NodeUpdaterSetup<U extends AppUpdater> {
  updater: U;
  /** electron-updater's cache folder for this app (pending downloads live in `pending/`). */
  cacheDir: string;
  /** How many times electron-updater quit the app (after an install started). */
  quits(): number;
}

function adapter(dir: string, version: string, feedUrl: string, publisherName: string | undefined, onQuit: () => void) {
  const baseCachePath = join(dir, 'cache');
  mkdirSync(baseCachePath, { recursive: true });
  const app: AppAdapter = {
    version,
    name: 'Openfax Desktop',
    isPackaged: true,
    appUpdateConfigPath: writeAppUpdateYml(dir, feedUrl, publisherName),
    userDataPath: join(dir, 'userData'),
    baseCachePath,
    whenReady: async () => undefined,
    relaunch: () => undefined,
    quit: onQuit,
    onQuit: () => undefined,
  };
  return { app, cacheDir: join(baseCachePath, 'openfax-desktop-updater') };
}

export function makeNodeUpdater(
  dir: string,
  version: string,
  feedUrl: string,
  publisherName?: string,
): NodeUpdaterSetup<RecordingNsisUpdater> {
  let quits = 0;
  const { app, cacheDir } = adapter(dir, version, feedUrl, publisherName, () => quits++);
  const updater = new RecordingNsisUpdater(app);
  updater.autoDownload = false;
  // As the wiring sets it on Windows.
  updater.autoInstallOnAppQuit = true;
  return { updater, cacheDir, quits: () => quits };
}

export function makeNodeMacUpdater(dir: string, version: string, feedUrl: string): NodeUpdaterSetup<MacUpdater> {
  let quits = 0;
  const { app, cacheDir } = adapter(dir, version, feedUrl, undefined, () => quits++);
  const updater = new NodeMacUpdater(app);
  updater.autoDownload = false;
  // As the wiring sets it on macOS: Squirrel stages the zip while it downloads.
  updater.autoInstallOnAppQuit = true;
  return { updater, cacheDir, quits: () => quits };
}
