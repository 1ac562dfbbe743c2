// Settings writes from the renderer: each value checked with the shared schema, rules that tie
// two settings together, then checks only main can make (a hot folder that may be one, we can
// write to, and whose contents the person saw; an archive folder that may be one; an update
// feed the person agreed to in main's own dialog). All keys are
// saved or none; every refusal is a sentence keyed by the field it belongs under.

import { checkSetting, crossCheckSettings, isSettingKey, type Settings } from '../../shared/settings.ts';
import type { FolderContents } from '../../shared/ipc/contract/account.ts';
import type { FolderVerdict } from './hot-folder-gate.ts';

/** Keys changed through the account flow (they need the keychain or a credentials check). */
const ACCOUNT_KEYS: ReadonlySet<string> = new Set(['accountId', 'accountMode', 'apiUrl']);

export interface SettingsWriter {
  get(): Settings;
  update(patch: Partial<Settings>): { ok: true } | { ok: false; errors: Partial<Record<string, string>> };
}

export interface SettingsUpdateDeps {
  settings: SettingsWriter;
  /** Whether a folder can be the hot folder (hot-folder-gate.ts): when not, why, and what is in it when that is why. */
  checkFolder?: (path: string) => Promise<FolderVerdict>;
  /** Why a folder cannot be the archive folder (archive-folder.ts), or undefined when it can. */
  checkArchiveFolder?: (path: string) => Promise<string | undefined>;
  /**
   * Why updates may not come from `url` (a person said no, or nobody could be asked), or
   * undefined when they may. Asked only for a new address: an update is code the app installs.
   */
  checkUpdateFeed?: (url: string) => Promise<string | undefined>;
}

export type SettingsUpdateResult =
  | { ok: true; settings: Settings }
  | { ok: false; errors: Record<string, string>; folderContents?: FolderContents };

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
    const verdict = await deps.checkFolder(clean.hotFolderPath);
    if (!verdict.ok) {
      const errors = { hotFolderPath: verdict.reason };
      return verdict.listing ? { ok: false, errors, folderContents: verdict.listing } : { ok: false, errors };
    }
  }
  const archive = clean.archiveFolderPath;
  if (typeof archive === 'string' && archive && archive !== deps.settings.get().archiveFolderPath && deps.checkArchiveFolder) {
    const why = await deps.checkArchiveFolder(archive);
    if (why) return { ok: false, errors: { archiveFolderPath: why } };
  }
  const feed = clean.updateFeedUrl;
  if (typeof feed === 'string' && feed && feed !== deps.settings.get().updateFeedUrl && deps.checkUpdateFeed) {
    const why = await deps.checkUpdateFeed(feed);
    if (why) return { ok: false, errors: { updateFeedUrl: why } };
  }
  const r = deps.settings.update(clean as Partial<Settings>);
  if (!r.ok) {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.errors)) if (v) out[k] = v;
    return { ok: false, errors: out };
  }
  return { ok: true, settings: deps.settings.get() };
}
