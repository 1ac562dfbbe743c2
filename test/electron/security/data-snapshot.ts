// What a refused request must leave as it was: every row of the app's database and every file
// (name, size, bytes' hash) in the data folder and the hot folder. Taken before and after an
// attack; any difference is the attack getting through.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/**
 * Written by the app on its own clock, not by requests: the engine lease's heartbeat, the log,
 * and SQLite's journal files (the rows themselves are compared).
 */
const VOLATILE_TABLES = new Set(['engine_lease']);
const VOLATILE_FILE = /(\.log|-wal|-shm|-journal)$/;

function tableRows(dbPath: string): Record<string, unknown[]> {
  const db = new DatabaseSync(dbPath, { readOnly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>;
    const out: Record<string, unknown[]> = {};
    for (const { name } of tables) {
      if (VOLATILE_TABLES.has(name)) continue;
      // Some tables have no rowid: rows are compared as a sorted list.
      const rows = db.prepare(`SELECT * FROM "${name}"`).all() as unknown[];
      out[name] = rows.map((r) => JSON.stringify(r)).sort();
    }
    return out;
  } finally {
    db.close();
  }
}

function files(root: string, dir = root, out: Record<string, string> = {}): Record<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files(root, path, out);
    else if (!VOLATILE_FILE.test(entry.name)) {
      const hash = createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);
      out[relative(root, path)] = `${statSync(path).size} ${hash}`;
    }
  }
  return out;
}

export interface DataSnapshot {
  rows: Record<string, unknown[]>;
  folders: Record<string, Record<string, string>>;
}

/** The database at `dbPath` and the files under each folder, as plain data to compare with toEqual. */
export function takeSnapshot(dbPath: string, folders: readonly string[]): DataSnapshot {
  return { rows: tableRows(dbPath), folders: Object.fromEntries(folders.map((f) => [f, files(f)])) };
}

const PROTOTYPES = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype } as const;
const BASELINE = Object.fromEntries(Object.entries(PROTOTYPES).map(([name, p]) => [name, new Set(Object.getOwnPropertyNames(p))]));

/** Keys added to the built-in prototypes since this module loaded: an attack that reached one leaves its key here. */
export function prototypeIntruders(): string[] {
  return Object.entries(PROTOTYPES).flatMap(([name, p]) =>
    Object.getOwnPropertyNames(p)
      .filter((k) => !BASELINE[name]!.has(k))
      .map((k) => `${name}.prototype.${k}`),
  );
}
