// Settings that belong to the OS rather than the page: start at login and the native theme
// (title bar, scroll bars, dialogs). Applied at start and whenever they change.

import { app, nativeTheme } from 'electron';
import type { Notice } from '../../shared/ipc/contract/app.ts';
import { createLogger } from '../core/logger.ts';
import { setLinuxAutostart } from '../settings/linux-autostart.ts';
import type { SettingsService } from '../settings/settings-service.ts';

const log = createLogger('app-settings');

/** The argument a login launch carries, so the app starts in the tray, not in the user's face. */
const HIDDEN_ARG = '--hidden';

/** Started by a login item: Windows and Linux pass our argument; macOS says so itself. */
export function startedAtLogin(): boolean {
  if (process.argv.includes(HIDDEN_ARG)) return true;
  return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true;
}

/**
 * Start at login as the OS offers it: a login item on macOS and Windows, an XDG autostart entry
 * on Linux. Where that fails, the setting goes back to off and `tell` says why. A development
 * build never registers itself: the entry would start whatever checkout ran last.
 */
function applyStartAtLogin(settings: SettingsService, tell: (notice: Notice) => void, atStart: boolean): void {
  const on = settings.get().startAtLogin;
  if (!app.isPackaged) {
    if (on && !atStart) log.info('start at login: not registered by a development build');
    return;
  }
  if (process.platform !== 'linux') {
    app.setLoginItemSettings({ openAtLogin: on, args: [HIDDEN_ARG] });
    return;
  }
  // Off at start: the entry was removed when it was turned off; one the person made is theirs.
  if (atStart && !on) return;
  const r = setLinuxAutostart(on, { env: process.env, home: app.getPath('home'), execPath: process.execPath, args: [HIDDEN_ARG] });
  if (r.ok) return;
  log.warn(`start at login: ${r.reason}`);
  if (on) settings.update({ startAtLogin: false });
  tell({ level: 'error', title: on ? 'Start at login is not available' : 'Start at login is still on', message: r.reason });
}

export function applyAppSettings(settings: SettingsService, tell: (notice: Notice) => void): () => void {
  nativeTheme.themeSource = settings.get().theme;
  applyStartAtLogin(settings, tell, true);
  return settings.onChange((changed) => {
    if (changed.includes('theme')) nativeTheme.themeSource = settings.get().theme;
    if (changed.includes('startAtLogin')) applyStartAtLogin(settings, tell, false);
  });
}
