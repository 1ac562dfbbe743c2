// Small helpers over node:sqlite: cached prepared statements and transactions.
// Preparing a statement costs more than running it; the report poller applies a thousand
// rows at a time, so every repository goes through `stmt()`.

import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';

export type Db = DatabaseSync;
export type Params = Record<string, SQLInputValue>;

const cache = new WeakMap<Db, Map<string, StatementSync>>();
const depth = new WeakMap<Db, number>();

/** A prepared statement for `sql`, prepared once per connection. */
function stmt(db: Db, sql: string): StatementSync {
  let byText = cache.get(db);
  if (!byText) {
    byText = new Map();
    cache.set(db, byText);
  }
  let s = byText.get(sql);
  if (!s) {
    s = db.prepare(sql);
    byText.set(sql, s);
  }
  return s;
}

/**
 * Named parameters (`:name` with an object) read best; positional ones (`?` with an array)
 * bind about ten times faster in node:sqlite, so hot paths (report rows) use those.
 */
export type Bind = Params | readonly SQLInputValue[];

export function all<T>(db: Db, sql: string, params: Bind = {}): T[] {
  const s = stmt(db, sql);
  return (Array.isArray(params) ? s.all(...params) : s.all(params as Params)) as T[];
}

export function get<T>(db: Db, sql: string, params: Bind = {}): T | undefined {
  const s = stmt(db, sql);
  return (Array.isArray(params) ? s.get(...params) : s.get(params as Params)) as T | undefined;
}

export function run(db: Db, sql: string, params: Bind = {}): { changes: number; lastInsertRowid: number } {
  const s = stmt(db, sql);
  const r = Array.isArray(params) ? s.run(...params) : s.run(params as Params);
  return { changes: Number(r.changes), lastInsertRowid: Number(r.lastInsertRowid) };
}

/**
 * Runs `fn` in one transaction (IMMEDIATE, so two processes sharing the file never deadlock
 * upgrading a read lock; EXCLUSIVE for migrations). Nested calls become savepoints. `fn` must
 * be synchronous: a transaction never spans an await.
 */
export function transaction<T>(db: Db, fn: () => T, mode: 'IMMEDIATE' | 'EXCLUSIVE' = 'IMMEDIATE'): T {
  const d = depth.get(db) ?? 0;
  const sp = `sp${d}`;
  db.exec(d === 0 ? `BEGIN ${mode}` : `SAVEPOINT ${sp}`);
  depth.set(db, d + 1);
  try {
    const out = fn();
    if (out instanceof Promise) throw new Error('transaction(): the callback must be synchronous');
    db.exec(d === 0 ? 'COMMIT' : `RELEASE ${sp}`);
    return out;
  } catch (err) {
    try {
      db.exec(d === 0 ? 'ROLLBACK' : `ROLLBACK TO ${sp}; RELEASE ${sp}`);
    } catch {
      // SQLite may already have rolled back (e.g. SQLITE_FULL); the original error matters.
    }
    throw err;
  } finally {
    depth.set(db, d);
  }
}

/**
 * A small fixed IN list (job states): returns `:p0, :p1…` and fills `params`. For lists of
 * ids, whose length varies, use `IN (SELECT value FROM json_each(:ids))` so one prepared
 * statement serves every length.
 */
export function inList(prefix: string, values: readonly SQLInputValue[], params: Params): string {
  return values
    .map((v, i) => {
      params[`${prefix}${i}`] = v;
      return `:${prefix}${i}`;
    })
    .join(', ');
}

/** Escapes `%`, `_` and `\` for a LIKE pattern used with `ESCAPE '\'`. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
