// Every SQLite connection of ours opens here: the data folder's store and the sandbox's. Several
// processes may open one file at once (the app, `openfax watch`, `openfax status`), so each
// connection waits for another's write lock instead of failing, and turns on WAL (readers never
// wait for a writer) in a way that survives a race on a new file.

import { closeSync, openSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { makePrivateSync, PRIVATE_FILE_MODE } from './private-files.ts';

/** How long a connection waits for another process's write lock before failing. */
export const BUSY_TIMEOUT_MS = 5000;

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Opens `path` with a busy timeout and, for a file, WAL journaling. Returns the connection and
 * the journal mode in force. Throws what node:sqlite throws (the caller words it).
 */
export function openSqlite(path: string, timeoutMs = BUSY_TIMEOUT_MS): { db: DatabaseSync; journalMode: string } {
  if (path !== ':memory:') makeFilePrivate(path);
  const db = new DatabaseSync(path, { timeout: timeoutMs });
  if (path === ':memory:') return { db, journalMode: 'memory' };
  try {
    return { db, journalMode: enableWal(db, timeoutMs) };
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * SQLite creates a database 0644 and gives its -wal and -shm files the database file's own mode.
 * So the file is made first, owner-only (an empty file is a new database to SQLite), and one
 * left readable by an earlier version is made so too, with the journal files beside it.
 */
function makeFilePrivate(path: string): void {
  try {
    closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  } catch {
    // A folder or file we cannot write: SQLite's own open says so in words the caller knows.
    return;
  }
  for (const file of [path, `${path}-wal`, `${path}-shm`]) makePrivateSync(file);
}

/**
 * SQLite answers "database is locked" at once, without waiting out the busy timeout, when two
 * connections switch a new file to WAL at the same moment; the one that lost finds WAL on
 * after a short wait. (Seen as a crash when two processes started on one new data folder.)
 */
function enableWal(db: DatabaseSync, timeoutMs: number): string {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      const current = (db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode;
      if (current === 'wal') return current;
      return (db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode: string }).journal_mode;
    } catch (err) {
      if (!/locked|busy/i.test((err as Error).message) || Date.now() >= deadline) throw err;
      // Opening is synchronous everywhere it is used; a few milliseconds' wait keeps it so.
      Atomics.wait(pause, 0, 0, wait);
    }
  }
}
