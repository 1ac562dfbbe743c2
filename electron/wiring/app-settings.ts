// Settings that belong to the OS rather than the page: start at login and the native theme
// (title bar, scroll bars, dialogs). Applied at start and whenever they change.

import { app, nativeTheme } from 'electron';
import type { SettingsService } from '../settings/settings-service.ts';

/** The argument a login launch carries, so the app starts in the tray, not in the user's face. */
const HIDDEN_ARG = '--hidden';

/** Started by a login item: Windows passes our argument; macOS says so itself. */
export function startedAtLogin(): boolean {
  if (process.argv.includes(HIDDEN_ARG)) return true;
  return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true;
}

export function applyAppSettings(settings: SettingsService): () => void {
  const apply = () => {
    const s = settings.get();
    nativeTheme.themeSource = s.theme;
    // Login items exist on macOS and Windows; an unpackaged dev build must not register itself.
    if (app.isPackaged && process.platform !== 'linux') {
      app.setLoginItemSettings({ openAtLogin: s.startAtLogin, args: [HIDDEN_ARG] });
    }
  };
  apply();
  return settings.onChange((changed) => {
    if (changed.includes('theme') || changed.includes('startAtLogin')) apply();
  });
}
