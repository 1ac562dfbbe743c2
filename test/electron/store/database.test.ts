import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion, StoreError } from '../../../electron/store/database.ts';
import { LATEST_SCHEMA_VERSION, type Migration, MIGRATIONS } from '../../../electron/store/migrations.ts';
import { defaultDataDir } from '../../../electron/store/paths.ts';
import { openStore } from '../../../electron/store/store.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'openfax-store-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('creates a WAL database with foreign keys and the latest schema', () => {
    const dir = tempDir();
    const store = openStore(dir);
    expect((store.db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe('wal');
    expect((store.db.prepare('PRAGMA foreign_keys').get() as { foreign_keys: number }).foreign_keys).toBe(1);
    expect(schemaVersion(store.db)).toBe(LATEST_SCHEMA_VERSION);
    const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map(
      (t) => t.name,
    );
    for (const t of [
      'contacts',
      'groups',
      'contact_groups',
      'documents',
      'broadcasts',
      'jobs',
      'attempts',
      'settings',
      'drafts',
      'account_state',
    ]) {
      expect(tables).toContain(t);
    }
    expect(existsSync(join(dir, 'spool'))).toBe(true);
    store.close();
  });

  it('runs only the migrations newer than the file, and each once', () => {
    const path = join(tempDir(), 'x.db');
    const extra: Migration[] = [...MIGRATIONS, { version: LATEST_SCHEMA_VERSION + 1, name: 'test', up: 'CREATE TABLE extra(x INTEGER)' }];
    openDatabase(path).close();
    const db = openDatabase(path, { migrations: extra });
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION + 1);
    db.close();
    // Opening again must not re-run CREATE TABLE (which would throw).
    const again = openDatabase(path, { migrations: extra });
    expect(schemaVersion(again)).toBe(LATEST_SCHEMA_VERSION + 1);
    again.close();
  });

  it('rolls back a failing migration and keeps the previous version', () => {
    const path = join(tempDir(), 'x.db');
    openDatabase(path).close();
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: LATEST_SCHEMA_VERSION + 1, name: 'bad', up: 'CREATE TABLE half(x); SELECT * FROM nope' },
    ];
    expect(() => openDatabase(path, { migrations: broken })).toThrow();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toMatchObject({ n: 0 });
    db.close();
  });

  it('refuses a database written by a newer version, saying what to do', () => {
    const path = join(tempDir(), 'x.db');
    const db = openDatabase(path);
    db.exec(`PRAGMA user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    const err = catchStoreError(() => openDatabase(path));
    expect(err.kind).toBe('too-new');
    expect(err.message).toContain(path);
    expect(err.action).toMatch(/Update Openfax Desktop/);
  });

  it('refuses a damaged file, names it, and leaves it untouched', () => {
    const dir = tempDir();
    const path = join(dir, 'openfax.db');
    const garbage = Buffer.alloc(8192, 0x5a);
    writeFileSync(path, garbage);
    const err = catchStoreError(() => openStore(dir));
    expect(err.kind).toBe('damaged');
    expect(err.path).toBe(path);
    expect(err.message).toContain(path);
    expect(err.message).toMatch(/damaged/);
    expect(err.action).toMatch(/rename or move/);
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });

  it('detects a database whose pages were overwritten (quick_check) and keeps it', () => {
    const dir = tempDir();
    const store = openStore(dir);
    store.db.exec('CREATE TABLE filler(x TEXT); CREATE INDEX filler_x ON filler(x);');
    const ins = store.db.prepare('INSERT INTO filler VALUES (?)');
    for (let i = 0; i < 2000; i++) ins.run(`row ${i} ${'x'.repeat(100)}`);
    store.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    store.close();
    const bytes = readFileSync(store.dbPath);
    // Scribble over the middle of the file (index and table pages), not the header.
    bytes.fill(0xab, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 4096 * 3);
    writeFileSync(store.dbPath, bytes);
    const err = catchStoreError(() => openStore(dir));
    expect(err.kind).toBe('damaged');
    expect(readFileSync(store.dbPath).equals(bytes)).toBe(true);
  });

  it('moves a damaged file aside only when asked, then starts afresh', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'openfax.db'), Buffer.alloc(4096, 1));
    const store = openStore(dir, { moveDamagedAside: true });
    expect(schemaVersion(store.db)).toBe(LATEST_SCHEMA_VERSION);
    store.close();
    const aside = readdirSync(dir).filter((n) => n.startsWith('openfax.db.damaged-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0])).equals(Buffer.alloc(4096, 1))).toBe(true);
  });
});

describe('defaultDataDir', () => {
  it("follows each platform's convention", () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32', 'C:\\Users\\a')).toContain('Openfax Desktop');
    expect(defaultDataDir({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/Openfax Desktop');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x/cfg' }, 'linux', '/home/a')).toBe('/x/cfg/Openfax Desktop');
    expect(defaultDataDir({}, 'linux', '/home/a')).toBe('/home/a/.config/Openfax Desktop');
  });
});

function catchStoreError(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error('expected a StoreError');
}
