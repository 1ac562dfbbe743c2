// The one app window, with Electron's secure defaults spelled out (not left to defaults that
// have changed between versions). The preferences are literals in the constructor call, so
// Electronegativity (scripts/electronegativity.mjs) reads each one where it is set.

import { app, BrowserWindow } from 'electron';
import { RENDERER_PAGE_URL } from '../core/renderer-files.ts';
import type { RuntimePaths } from './runtime-paths.ts';

export function createMainWindow(paths: RuntimePaths): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Openfax Desktop',
    icon: paths.icon,
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      safeDialogs: true,
      navigateOnDragDrop: false,
      // A shipped app has no DevTools: a page that could open them could read what it shows.
      devTools: !app.isPackaged,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  // Served by wiring/app-protocol.ts from the built renderer folder, never from file://.
  void win.loadURL(RENDERER_PAGE_URL);
  return win;
}
