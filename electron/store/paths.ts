// Where the app keeps its data. The app, the browser host and the CLI share one data
// directory, so a fax sent from the command line shows up in the window and vice versa.

import { homedir } from 'node:os';
import { join } from 'node:path';

const APP_DIR_NAME = 'Openfax Desktop';
const DATABASE_FILE = 'openfax.db';
const SPOOL_DIR = 'spool';

/** The platform's per-user app-data folder for Openfax Desktop (same place Electron's userData points to). */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_DIR_NAME);
}

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE);
}

export function spoolDir(dataDir: string): string {
  return join(dataDir, SPOOL_DIR);
}
