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

/**
 * The ledger of documents the hot folder sent. A new name: the ledger before it noted every
 * document seen, also those set aside, which then could never be put back.
 */
export function hotFolderLedgerPath(dataDir: string): string {
  return join(dataDir, 'hotfolder-sent.jsonl');
}
