// Two real processes opening one new data folder at the same instant: both must succeed and
// leave one correct schema (the race once failed with "table contacts already exists").

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/store/database.ts';
import { LATEST_SCHEMA_VERSION } from '../../../electron/store/migrations.ts';
import { openStore } from '../../../electron/store/store.ts';

const STORE_MODULE = pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'electron', 'store', 'store.ts')).href;

// Each child spins until the shared start time, then opens the store: the two opens begin
// within a millisecond of each other, which is what a double-click on two shortcuts does.
const CHILD = `
import { openStore } from ${JSON.stringify(STORE_MODULE)};
const [dir, at] = process.argv.slice(1);
while (Date.now() < Number(at)) {}
try {
  openStore(dir).close();
  process.stdout.write('opened');
} catch (e) {
  process.stdout.write('failed: ' + e.message);
  process.exitCode = 1;
}
`;

function openInChild(dir: string, at: number): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, dir, String(at)], {
      env: { ...process.env, OPENFAX_LOG_LEVEL: 'error' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('two processes on one new data folder', () => {
  it('both open it, ten rounds out of ten, and the schema is created once', { timeout: 60_000 }, async () => {
    for (let round = 0; round < 10; round++) {
      const dir = mkdtempSync(join(tmpdir(), 'openfax-race-'));
      dirs.push(dir);
      // Far enough ahead for both children to have loaded node:sqlite and the store.
      const at = Date.now() + 700;
      const results = await Promise.all([openInChild(dir, at), openInChild(dir, at)]);
      for (const r of results) expect({ round, ...r }).toMatchObject({ round, code: 0, out: 'opened' });
      const store = openStore(dir);
      expect(schemaVersion(store.db)).toBe(LATEST_SCHEMA_VERSION);
      const tables = store.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'contacts'").get();
      expect(tables).toEqual({ n: 1 });
      store.close();
    }
  });
});
