// The menu bar: Electron's standard menus (text editing, window) plus the app's own commands
// from the shortcut table, each showing its key. The keys themselves belong to the page
// (registerAccelerator: false), so one key press never runs a command twice: a menu item is a
// second way in, and runs the same command in the renderer. The View menu is spelled out:
// Electron's `viewMenu` role carries reload and DevTools, which a shipped app does not offer.

import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import { SHORTCUTS, type Shortcut, type ShortcutId, shortcutAccelerator } from '../../shared/shortcuts.ts';

function viewMenu(packaged: boolean): MenuItemConstructorOptions {
  const develop: MenuItemConstructorOptions[] = packaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  return {
    label: 'View',
    submenu: [
      ...develop,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
}

export interface AppMenuActions {
  /** A command of the shortcut table: the renderer runs it as its key would. */
  run(id: ShortcutId): void;
  /** Help → Getting started. */
  showGettingStarted(): void;
}

export function setupAppMenu(actions: AppMenuActions, { mac = process.platform === 'darwin', packaged = app.isPackaged } = {}): () => void {
  const items = (menu: Shortcut['menu']['in']): MenuItemConstructorOptions[] =>
    SHORTCUTS.filter((s) => s.menu.in === menu).map((s) => ({
      label: s.menu.label,
      accelerator: shortcutAccelerator(s.id),
      registerAccelerator: false,
      click: () => actions.run(s.id),
    }));
  const template: MenuItemConstructorOptions[] = [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    { label: 'File', submenu: [...items('File'), { type: 'separator' }, mac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: 'Edit',
      // The roles keep copy and paste working in text fields (on macOS only a menu provides them).
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        ...items('Edit'),
      ],
    },
    { label: 'Go', submenu: items('Go') },
    viewMenu(packaged),
    { role: 'windowMenu' },
    // The role puts it where each OS expects the Help menu (macOS adds its search box).
    { label: 'Help', role: 'help', submenu: [{ label: 'Getting started', click: actions.showGettingStarted }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  return () => Menu.setApplicationMenu(null);
}
