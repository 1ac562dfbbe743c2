// In-app updates, Electron side: electron-updater's class for this platform and install kind,
// handed to the update engine (electron/update/) through its port. Only a packaged app updates:
// a development build has no resources/app-update.yml and nothing an installer could replace.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, autoUpdater } from 'electron';
import { type AppUpdater, AppImageUpdater, DebUpdater, MacUpdater, NsisUpdater, RpmUpdater } from 'electron-updater';
import type { ServicesOptions } from '../app/services.ts';
import { createLogger } from '../core/logger.ts';
import { readBuiltInFeed } from '../update/built-in-feed.ts';
import { type UpdaterPortOptions, updaterLogger, updaterPort } from '../update/updater-port.ts';

const log = createLogger('updater');

interface PlatformUpdater {
  updater: AppUpdater;
  /** Installs a downloaded update at any quit, not only at "Restart now". */
  installOnQuit: boolean;
  port: UpdaterPortOptions;
}

/** electron-builder's deb and rpm targets write resources/package-type; anything else on Linux is the AppImage. */
function linuxUpdater(resources: string): PlatformUpdater {
  let kind = '';
  try {
    kind = readFileSync(join(resources, 'package-type'), 'utf8').trim();
  } catch {
    // No file: the AppImage (or a plain folder, which electron-updater leaves alone).
  }
  // Never at quit on Linux: a deb or rpm would ask for a password as the app closes.
  if (kind === 'deb') return { updater: new DebUpdater(), installOnQuit: false, port: { kind: 'password' } };
  if (kind === 'rpm') return { updater: new RpmUpdater(), installOnQuit: false, port: { kind: 'password' } };
  return {
    updater: new AppImageUpdater(),
    installOnQuit: false,
    port: {
      kind: 'on-restart',
      // The new file, once this process (and its single-instance lock) is gone.
      relaunchAfterExit: (newPath) => app.relaunch({ execPath: newPath ?? process.env.APPIMAGE }),
    },
  };
}

function platformUpdater(resources: string): PlatformUpdater {
  // NSIS installs silently at quit (quit waits for uploads first).
  if (process.platform === 'win32') return { updater: new NsisUpdater(), installOnQuit: true, port: { kind: 'on-quit' } };
  // Squirrel.Mac fetches, unpacks and checks the zip's signature only when installing at quit
  // is on; that check is what "ready" waits for.
  if (process.platform === 'darwin') {
    return { updater: new MacUpdater(), installOnQuit: true, port: { kind: 'on-quit', squirrel: autoUpdater } };
  }
  return linuxUpdater(resources);
}

/** What createAppServices needs for updates: the updater and the feed the app was built with, or why there is none. */
export function electronUpdates(): NonNullable<ServicesOptions['updates']> {
  if (!app.isPackaged) return { unavailable: 'Updates are checked in the installed app.' };
  try {
    // Electron always sets it; the fake electron may not.
    const resources: string = process.resourcesPath ?? '';
    const { updater, installOnQuit, port } = platformUpdater(resources);
    // The engine downloads what a check found itself, so a download that fails its checksum is
    // told apart from a feed that cannot be reached.
    updater.autoDownload = false;
    updater.autoInstallOnAppQuit = installOnQuit;
    // We publish full installers only; a web installer's package would come without a signature check.
    updater.disableWebInstaller = true;
    updater.logger = updaterLogger(log);
    return { port: updaterPort(updater, port), defaultFeedUrl: resources ? readBuiltInFeed(join(resources, 'app-update.yml')) : undefined };
  } catch (err) {
    // An updater that cannot start must not keep the app from starting: it runs without updates.
    log.error('the updater could not start', err);
    const why = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    return { unavailable: `Updates are off in this copy: the updater could not start (${why}).` };
  }
}
