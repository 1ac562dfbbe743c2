// The data folder as one object: the database (checked and migrated) and the spool folder.

import { privateDirSync } from '../core/private-files.ts';
import { type OpenDatabaseOptions, openDatabase } from './database.ts';
import { databasePath, spoolDir } from './paths.ts';
import type { Db } from './sql.ts';

export interface Store {
  db: Db;
  dataDir: string;
  dbPath: string;
  spoolDir: string;
  close(): void;
}

/**
 * Opens `<dataDir>/openfax.db` and makes sure `<dataDir>/spool/` exists, both the owner's alone
 * (the database's folder is made so where it is opened). Throws StoreError.
 */
export function openStore(dataDir: string, opts: OpenDatabaseOptions = {}): Store {
  const dbPath = databasePath(dataDir);
  const db = openDatabase(dbPath, opts);
  const spool = spoolDir(dataDir);
  privateDirSync(spool);
  let closed = false;
  return {
    db,
    dataDir,
    dbPath,
    spoolDir: spool,
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
