// Where the hot folder is when the user has not chosen one: "Openfax Outbox" in Documents.
// The app passes Electron's documents path (it follows folder redirection); the CLI uses home.

import { join } from 'node:path';

const DEFAULT_HOT_FOLDER_NAME = 'Openfax Outbox';

export function defaultHotFolder(documentsDir: string): string {
  return join(documentsDir, DEFAULT_HOT_FOLDER_NAME);
}

/** The spool for claimed files, inside the data folder (kept apart from the outbox's spool). */
export function hotFolderSpool(dataDir: string): string {
  return join(dataDir, 'hotfolder-spool');
}
