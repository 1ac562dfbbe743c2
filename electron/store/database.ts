// Opens the one SQLite database: WAL, foreign keys, busy timeout, integrity check,
// migrations. A damaged or too-new file is never overwritten: we refuse to open it and
// say where it is and what to do, unless the caller explicitly asks to move it aside.

import { existsSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { withDetail } from '../../shared/wording.ts';
import { createLogger } from '../core/logger.ts';
import { privateDirSync } from '../core/private-files.ts';
import { BUSY_TIMEOUT_MS, openSqlite } from '../core/sqlite-connection.ts';
import { describeLeaseHolder } from './lease-repo.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';
import { type Db, transaction } from './sql.ts';

const log = createLogger('store');

export type StoreErrorKind = 'damaged' | 'too-new' | 'locked' | 'io';

/** A database that cannot be used. `message` is written for a person; `path` is the file. */
export class StoreError extends Error {
  readonly kind: StoreErrorKind;
  readonly path: string;
  readonly action: string;
  readonly detail?: string;
  constructor(kind: StoreErrorKind, path: string, message: string, action: string, detail?: string) {
    super(message);
    this.name = 'StoreError';
    this.kind = kind;
    this.path = path;
    this.action = action;
    this.detail = detail;
  }
}

export interface OpenDatabaseOptions {
  /** 'quick' (default) runs PRAGMA quick_check, 'full' integrity_check, 'none' skips it (benchmarks). */
  integrityCheck?: 'quick' | 'full' | 'none';
  /** Only on the user's explicit request: rename a damaged file to `<name>.damaged-<ts>` and start afresh. */
  moveDamagedAside?: boolean;
  /** Milliseconds to wait for another process's write lock (default BUSY_TIMEOUT_MS). */
  busyTimeoutMs?: number;
  migrations?: readonly Migration[];
  now?: () => number;
}

/** Opens (creating if needed) the database at `path`, checked and migrated. Throws `StoreError`. */
export function openDatabase(path: string, opts: OpenDatabaseOptions = {}): Db {
  try {
    return openChecked(path, opts);
  } catch (err) {
    if (!(err instanceof StoreError) || err.kind !== 'damaged' || !opts.moveDamagedAside) throw err;
    const aside = moveAside(path, (opts.now ?? Date.now)());
    log.warn(`moved the damaged database aside to ${aside}`);
    return openChecked(path, opts);
  }
}

function openChecked(path: string, opts: OpenDatabaseOptions): Db {
  if (path !== ':memory:') {
    try {
      privateDirSync(dirname(path));
    } catch (err) {
      throw new StoreError(
        'io',
        path,
        `Cannot create the folder for the database at ${path}.`,
        'Check that the data folder is writable, or choose another with --data-dir.',
        errText(err),
      );
    }
  }
  let db: DatabaseSync;
  try {
    // Reading the header (for the journal mode) is the first thing that fails on a file that is not a database.
    const opened = openSqlite(path, opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS);
    db = opened.db;
    if (path !== ':memory:' && opened.journalMode !== 'wal') log.warn(`journal mode is ${opened.journalMode}, not wal`);
  } catch (err) {
    throw classify(err, path);
  }
  try {
    db.exec('PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;');
    checkIntegrity(db, path, opts.integrityCheck ?? 'quick');
    migrate(db, path, opts.migrations ?? MIGRATIONS);
    return db;
  } catch (err) {
    try {
      db.close();
    } catch {
      // Closing a connection to a broken file may fail too; the first error is the one to report.
    }
    throw err instanceof StoreError ? err : classify(err, path);
  }
}

function checkIntegrity(db: Db, path: string, mode: 'quick' | 'full' | 'none'): void {
  if (mode === 'none') return;
  const rows = db.prepare(mode === 'full' ? 'PRAGMA integrity_check(20)' : 'PRAGMA quick_check(20)').all() as Array<Record<string, string>>;
  const problems = rows.map((r) => Object.values(r)[0]).filter((v) => v !== 'ok');
  if (problems.length > 0) throw damaged(path, problems.join('; '));
}

/**
 * Applies every migration newer than the file's user_version, all in one exclusive transaction.
 * Two processes opening a new data folder at once both see version 0; the version is read again
 * once the lock is held, so the one that waited finds the other's tables and does nothing.
 */
function migrate(db: Db, path: string, migrations: readonly Migration[] = MIGRATIONS): void {
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  // The usual case, an up-to-date file, takes no write lock.
  if (checkedVersion(db, path, latest) === latest) return;
  const applied: Migration[] = [];
  transaction(
    db,
    () => {
      const current = checkedVersion(db, path, latest);
      for (const m of migrations) {
        if (m.version <= current) continue;
        if (typeof m.up === 'string') db.exec(m.up);
        else m.up(db);
        db.exec(`PRAGMA user_version = ${m.version}`);
        applied.push(m);
      }
    },
    'EXCLUSIVE',
  );
  for (const m of applied) log.info(`database migrated to schema ${m.version} (${m.name})`);
}

/** The file's schema version; throws `too-new` when this version of the app cannot read it. */
function checkedVersion(db: Db, path: string, latest: number): number {
  const current = schemaVersion(db);
  if (current > latest) {
    throw new StoreError(
      'too-new',
      path,
      `The database at ${path} was written by a newer version of Openfax Desktop (schema ${current}; this version knows up to ${latest}).`,
      'Update Openfax Desktop, or use a different data folder (--data-dir).',
    );
  }
  return current;
}

export function schemaVersion(db: Db): number {
  return (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
}

function damaged(path: string, detail: string): StoreError {
  return new StoreError(
    'damaged',
    path,
    `The Openfax database at ${path} is damaged and cannot be opened (${detail}). Nothing has been changed or deleted.`,
    `Quit Openfax Desktop, then rename or move ${path} (with any -wal/-shm files beside it) and start again to begin with a new, empty database. Keep the damaged file: it may be recoverable with "sqlite3 ${path} .recover". The CLI can do the renaming for you with --move-damaged-db.`,
    detail,
  );
}

function classify(err: unknown, path: string): StoreError {
  const text = errText(err);
  if (/not a database|malformed|corrupt|SQLITE_NOTADB|SQLITE_CORRUPT/i.test(text)) return damaged(path, text);
  if (/locked|busy/i.test(text)) {
    const holder = holderOf(path);
    return new StoreError(
      'locked',
      path,
      `The database at ${path} is in use by another program${holder ? ` (${holder})` : ''}, which kept it locked for more than ${BUSY_TIMEOUT_MS / 1000} seconds.`,
      'Wait for it to finish and try again, or stop it (quit Openfax Desktop, or press Ctrl-C where the other openfax command runs). To run two at once, give each its own data folder with --data-dir.',
      text,
    );
  }
  return new StoreError(
    'io',
    path,
    withDetail(`The database at ${path} could not be opened`, text),
    'Check that the data folder exists, is writable and has free space.',
    text,
  );
}

/** Who holds the sending lease, read on a connection of its own (WAL readers are never blocked). */
function holderOf(path: string): string | undefined {
  if (path === ':memory:') return undefined;
  try {
    const db = new DatabaseSync(path, { readOnly: true, timeout: 500 });
    try {
      return describeLeaseHolder(db, Date.now());
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}

function moveAside(path: string, ts: number): string {
  const aside = `${path}.damaged-${new Date(ts).toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, aside);
  for (const ext of ['-wal', '-shm']) if (existsSync(path + ext)) renameSync(path + ext, aside + ext);
  return aside;
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
