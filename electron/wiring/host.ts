// The HostAdapter on Electron: native dialogs, shell, notifications, badge.

import { type BrowserWindow, Notification, app, dialog, shell } from 'electron';
import type { HostAdapter } from '../core/host.ts';

/**
 * `getWindow` answers the window if one is open (not destroyed); `openWindow` opens one, for a
 * print that arrives while the app lives in the tray with its window closed.
 */
export function createElectronHost(getWindow: () => BrowserWindow | undefined, openWindow: () => BrowserWindow): HostAdapter {
  return {
    transport: 'electron',
    async openPath(path) {
      return (await shell.openPath(path)) === '';
    },
    async pickFiles({ title, filters, multiple }) {
      const win = getWindow();
      const props: Array<'openFile' | 'multiSelections'> = multiple ? ['openFile', 'multiSelections'] : ['openFile'];
      const result = win
        ? await dialog.showOpenDialog(win, { title, filters, properties: props })
        : await dialog.showOpenDialog({ title, filters, properties: props });
      return result.canceled ? [] : result.filePaths;
    },
    async pickFolder({ title, defaultPath }) {
      const win = getWindow();
      const opts = { title, defaultPath, properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
      const result = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      return result.canceled ? undefined : result.filePaths[0];
    },
    async pickSavePath({ title, defaultPath, filters }) {
      const win = getWindow();
      const result = win
        ? await dialog.showSaveDialog(win, { title, defaultPath, filters })
        : await dialog.showSaveDialog({ title, defaultPath, filters });
      return result.canceled ? undefined : result.filePath;
    },
    async confirm({ title, message, detail, confirmLabel }) {
      const win = getWindow();
      // Cancel first, the default and what Escape answers: only a deliberate click says yes.
      const opts = {
        type: 'warning' as const,
        title,
        message,
        detail,
        buttons: ['Cancel', confirmLabel],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      };
      const result = win ? await dialog.showMessageBox(win, opts) : await dialog.showMessageBox(opts);
      return result.response === 1;
    },
    notify(title, body) {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    setBadgeCount(count) {
      app.setBadgeCount(count);
    },
    focusWindow() {
      const win = getWindow() ?? openWindow();
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    },
  };
}
