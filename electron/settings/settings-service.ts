// The settings, read and changed in one place, with change listeners: the account, the hot
// folder, the feeds and the Electron wiring all follow settings through this.

import type { Settings } from '../../shared/settings.ts';
import { getSettings, setSettings } from '../store/settings-repo.ts';
import type { Db } from '../store/sql.ts';

export interface SettingsAccess {
  get(): Settings;
  update(patch: Partial<Settings>): { ok: true } | { ok: false; errors: Partial<Record<string, string>> };
}

export interface SettingsService extends SettingsAccess {
  /** Called after every successful change, with the keys that changed; returns a disposer. */
  onChange(listener: (changed: Array<keyof Settings>, settings: Settings) => void): () => void;
}

export function createSettingsService(db: Db): SettingsService {
  const listeners = new Set<(changed: Array<keyof Settings>, settings: Settings) => void>();
  return {
    get: () => getSettings(db),
    update(patch) {
      const result = setSettings(db, patch);
      if (result.ok) {
        const settings = getSettings(db);
        for (const l of [...listeners]) l(Object.keys(patch) as Array<keyof Settings>, settings);
      }
      return result;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
