// The data folder as one object: the database (checked and migrated) and the spool folder.

import { mkdirSync } from 'node:fs';
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

/** Opens `<dataDir>/openfax.db` and makes sure `<dataDir>/spool/` exists. Throws StoreError. */
export function openStore(dataDir: string, opts: OpenDatabaseOptions = {}): Store {
  const dbPath = databasePath(dataDir);
  const db = openDatabase(dbPath, opts);
  const spool = spoolDir(dataDir);
  mkdirSync(spool, { recursive: true });
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
