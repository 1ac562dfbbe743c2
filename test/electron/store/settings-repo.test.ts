import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS_DEFAULTS } from '../../../shared/settings.ts';
import { deleteDraft, getDraft, listDrafts, saveDraft } from '../../../electron/store/drafts-repo.ts';
import { getSetting, getSettings, resetSetting, setSetting, setSettings } from '../../../electron/store/settings-repo.ts';
import { run } from '../../../electron/store/sql.ts';
import { tempStore } from './helpers.ts';

let s: ReturnType<typeof tempStore>;
beforeEach(() => {
  s = tempStore();
});
afterEach(() => s.cleanup());

describe('settings', () => {
  it('reads defaults until set, then the stored value', () => {
    expect(getSetting(s.db, 'concurrency')).toBe(4);
    expect(getSettings(s.db)).toEqual(SETTINGS_DEFAULTS);
    expect(setSetting(s.db, 'concurrency', 2)).toEqual({ ok: true });
    expect(getSetting(s.db, 'concurrency')).toBe(2);
    resetSetting(s.db, 'concurrency');
    expect(getSetting(s.db, 'concurrency')).toBe(4);
  });

  it('validates writes and writes all keys or none', () => {
    const r = setSettings(s.db, { concurrency: 3, fromHeader: 'Ünïcode Company Name', bogus: 1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.fromHeader).toMatch(/15 characters|printable ASCII/);
    expect(r.errors.bogus).toMatch(/Unknown setting/);
    expect(getSetting(s.db, 'concurrency')).toBe(4);
    expect(setSettings(s.db, { concurrency: 3, fromHeader: 'Acme Legal', paperSize: 'a4' })).toEqual({ ok: true });
    expect(getSettings(s.db)).toMatchObject({ concurrency: 3, fromHeader: 'Acme Legal', paperSize: 'a4' });
    expect(setSetting(s.db, 'priority', 'normal').ok).toBe(false);
    expect(setSetting(s.db, 'apiUrl', 'ftp://x').ok).toBe(false);
  });

  it('falls back to the default when a stored value no longer validates', () => {
    run(s.db, "INSERT INTO settings(key, value, updated_at) VALUES ('concurrency', '99', 0), ('theme', 'not json', 0)");
    expect(getSetting(s.db, 'concurrency')).toBe(4);
    expect(getSettings(s.db).theme).toBe('system');
  });
});

describe('drafts', () => {
  it('saves, replaces, lists newest first and deletes', () => {
    saveDraft(s.db, 'a', { to: ['1'] }, 1);
    saveDraft(s.db, 'b', { to: ['2'] }, 2);
    saveDraft(s.db, 'a', { to: ['1', '3'] }, 3);
    expect(getDraft(s.db, 'a')).toEqual({ id: 'a', data: { to: ['1', '3'] }, updatedAt: 3 });
    expect(listDrafts(s.db).map((d) => d.id)).toEqual(['a', 'b']);
    expect(deleteDraft(s.db, 'a')).toBe(true);
    expect(getDraft(s.db, 'a')).toBeUndefined();
  });
});
