// Settings writes from the renderer: each value checked with the shared schema, rules that tie
// two settings together, then checks only main can make (a hot folder we can write to). All
// keys are saved or none; every refusal is a sentence keyed by the field it belongs under.

import { checkSetting, crossCheckSettings, isSettingKey, type Settings } from '../../shared/settings.ts';

/** Keys changed through the account flow (they need the keychain or a credentials check). */
const ACCOUNT_KEYS: ReadonlySet<string> = new Set(['accountId', 'accountMode', 'apiUrl']);

export interface SettingsWriter {
  get(): Settings;
  update(patch: Partial<Settings>): { ok: true } | { ok: false; errors: Partial<Record<string, string>> };
}

export interface SettingsUpdateDeps {
  settings: SettingsWriter;
  /** Why a folder cannot be the hot folder, or undefined when it can. */
  checkFolder?: (path: string) => Promise<string | undefined>;
}

export type SettingsUpdateResult = { ok: true; settings: Settings } | { ok: false; errors: Record<string, string> };

export async function updateSettingsChecked(deps: SettingsUpdateDeps, patch: Record<string, unknown>): Promise<SettingsUpdateResult> {
  const errors: Record<string, string> = {};
  const clean: Partial<Record<keyof Settings, unknown>> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (!isSettingKey(key)) errors[key] = `Unknown setting "${key}".`;
    else if (ACCOUNT_KEYS.has(key)) errors[key] = 'Change the account in Settings → Account.';
    else {
      const c = checkSetting(key, value);
      if (c.ok) clean[key] = c.value;
      else errors[key] = c.reason;
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const merged = { ...deps.settings.get(), ...clean } as Settings;
  for (const [key, reason] of Object.entries(crossCheckSettings(merged))) {
    if (reason && key in clean) errors[key] = reason;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  if (
    typeof clean.hotFolderPath === 'string' &&
    clean.hotFolderPath &&
    clean.hotFolderPath !== deps.settings.get().hotFolderPath &&
    deps.checkFolder
  ) {
    const why = await deps.checkFolder(clean.hotFolderPath);
    if (why) return { ok: false, errors: { hotFolderPath: why } };
  }
  const r = deps.settings.update(clean as Partial<Settings>);
  if (!r.ok) {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.errors)) if (v) out[k] = v;
    return { ok: false, errors: out };
  }
  return { ok: true, settings: deps.settings.get() };
}
