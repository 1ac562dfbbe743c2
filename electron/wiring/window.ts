// The one app window, with Electron's secure defaults spelled out (not left to defaults
// that have changed between versions).

import { BrowserWindow, type WebPreferences } from 'electron';
import { pathToFileURL } from 'node:url';
import type { RuntimePaths } from './runtime-paths.ts';

function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: true,
  };
}

export function rendererUrl(paths: RuntimePaths): string {
  return pathToFileURL(paths.rendererIndex).href;
}

export function createMainWindow(paths: RuntimePaths): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Openfax Desktop',
    icon: paths.icon,
    webPreferences: secureWebPreferences(paths.preload),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(paths.rendererIndex);
  return win;
}
