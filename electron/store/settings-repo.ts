// Typed settings over a key → JSON table. Defaults come from shared/settings.ts; a stored
// value that no longer validates (an older version wrote it) reads as the default.

import { checkSetting, isSettingKey, SETTINGS_DEFAULTS, type SettingKey, type Settings } from '../../shared/settings.ts';
import { createLogger } from '../core/logger.ts';
import { all, type Db, get, run, transaction } from './sql.ts';

const log = createLogger('settings');

export function getSetting<K extends SettingKey>(db: Db, key: K): Settings[K] {
  const row = get<{ value: string }>(db, 'SELECT value FROM settings WHERE key = :key', { key });
  if (!row) return SETTINGS_DEFAULTS[key];
  return parseStored(key, row.value);
}

/** Every setting, stored or default. */
export function getSettings(db: Db): Settings {
  const out: Record<string, unknown> = { ...SETTINGS_DEFAULTS };
  for (const row of all<{ key: string; value: string }>(db, 'SELECT key, value FROM settings')) {
    if (isSettingKey(row.key)) out[row.key] = parseStored(row.key, row.value);
  }
  return out as Settings;
}

export type SetResult = { ok: true } | { ok: false; errors: Partial<Record<string, string>> };

export function setSetting<K extends SettingKey>(db: Db, key: K, value: Settings[K] | unknown, now = Date.now()): SetResult {
  return setSettings(db, { [key]: value } as Partial<Settings>, now);
}

/** Validates every key first; writes all of them or none. */
export function setSettings(db: Db, patch: Partial<Record<string, unknown>>, now = Date.now()): SetResult {
  const errors: Record<string, string> = {};
  const values: Array<[SettingKey, unknown]> = [];
  for (const [key, value] of Object.entries(patch)) {
    if (!isSettingKey(key)) {
      errors[key] = `Unknown setting "${key}".`;
      continue;
    }
    const c = checkSetting(key, value);
    if (c.ok) values.push([key, c.value]);
    else errors[key] = c.reason;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  transaction(db, () => {
    for (const [key, value] of values) {
      run(
        db,
        `INSERT INTO settings(key, value, updated_at) VALUES (:key, :value, :now)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        { key, value: JSON.stringify(value), now },
      );
    }
  });
  return { ok: true };
}

/** Back to the default (the row is removed, so a changed default applies). */
export function resetSetting(db: Db, key: SettingKey): void {
  run(db, 'DELETE FROM settings WHERE key = :key', { key });
}

function parseStored<K extends SettingKey>(key: K, text: string): Settings[K] {
  try {
    const c = checkSetting(key, JSON.parse(text));
    if (c.ok) return c.value;
    log.warn(`stored setting ${key} is not valid any more (${c.reason}); using the default`);
  } catch {
    log.warn(`stored setting ${key} is not JSON; using the default`);
  }
  return SETTINGS_DEFAULTS[key];
}
