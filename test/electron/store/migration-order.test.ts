// The migrations run in the order they are listed, each bumping PRAGMA user_version to its own
// number (database.ts): numbers 1, 2, 3… with none missing or repeated, so a version skipped or
// taken twice (two branches each adding "their" migration) fails here, not on a person's data.

import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/store/migrations.ts';

describe('the migrations', () => {
  it('are numbered 1 to N in order, with no gap and no repeat, each with a name', () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: MIGRATIONS.length }, (_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
    for (const m of MIGRATIONS) expect(m.name.trim(), `migration ${m.version}`).not.toBe('');
  });
});
