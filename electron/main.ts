// Electron entry: thin wiring. Every decision lives in Electron-free modules under
// electron/app and below; this file only connects them to Electron's objects.

import { type BrowserWindow, type IpcMainInvokeEvent, app, dialog } from 'electron';
import { createHandlers } from './app/handlers/index.ts';
import { createIpcRouter } from './app/ipc-router.ts';
import { pdfPathsFromArgv, resolveRuntimePaths } from './wiring/runtime-paths.ts';
import { type AppServices, createAppServices } from './app/services.ts';
import { createLogger } from './core/logger.ts';
import { eventChannel } from '../shared/ipc/define.ts';
import { applyAppSettings, startedAtLogin } from './wiring/app-settings.ts';
import { createElectronHost } from './wiring/host.ts';
import { setupIpc } from './wiring/ipc.ts';
import { setupSecurity } from './wiring/security.ts';
import { type TrayControls, setupTray } from './wiring/tray.ts';
import { createMainWindow, rendererUrl } from './wiring/window.ts';

const log = createLogger('main');
const paths = resolveRuntimePaths(import.meta.dirname);
const ownUrl = rendererUrl(paths);
let win: BrowserWindow | undefined;
let services: AppServices | undefined;
let tray: TrayControls | undefined;
const pendingFiles: string[] = pdfPathsFromArgv(process.argv.slice(1));

function isOwnUrl(url: string): boolean {
  return url.split('#')[0] === ownUrl;
}

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  const own = liveWindow();
  return !!own && event.sender === own.webContents && !!frame && frame.parent === null && isOwnUrl(frame.url);
}

/** The window, if it is open: closing it leaves the app in the tray with a destroyed object. */
function liveWindow(): BrowserWindow | undefined {
  return win && !win.isDestroyed() ? win : undefined;
}

function openWindow(): BrowserWindow {
  win = liveWindow() ?? createMainWindow(paths);
  return win;
}

function showWindow(): void {
  openWindow();
  services?.host.focusWindow();
}

function openFiles(files: string[]): void {
  if (!services) {
    pendingFiles.push(...files);
    return;
  }
  showWindow();
  void services.openDocuments(files);
}

function forwardEvents(s: AppServices): () => void {
  return s.events.subscribe((name, payload) => liveWindow()?.webContents.send(eventChannel(name), payload));
}

async function start(): Promise<void> {
  await app.whenReady();
  setupSecurity(isOwnUrl);
  services = await createAppServices({
    dataDir: app.getPath('userData'),
    host: createElectronHost(liveWindow, openWindow),
    version: app.getVersion(),
    logToFile: true,
    hotFolder: { documentsDir: app.getPath('documents') },
  });
  applyAppSettings(services.settings);
  setupIpc(createIpcRouter(createHandlers(services)), isTrustedSender);
  forwardEvents(services);
  // A login launch starts in the tray; the hot folder is already watching.
  if (!startedAtLogin() || pendingFiles.length) win = createMainWindow(paths);
  tray = setupTray(paths.trayIcon, {
    show: showWindow,
    openOutbox: () => {
      showWindow();
      services?.events.emit('navigate', { screen: 'outbox' });
    },
    toggleHotFolder: () => {
      const hf = services?.hotfolder;
      if (hf) void (hf.view().status === 'paused' ? hf.resume() : hf.pause());
    },
  });
  services.onInFlightChanged((count) => tray?.setInFlight(count));
  tray.setHotFolder(services.hotfolder?.view().status);
  services.events.on('hotFolderChanged', (hf) => tray?.setHotFolder(hf.status));
  if (pendingFiles.length) openFiles(pendingFiles.splice(0));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    const files = pdfPathsFromArgv(argv.slice(1));
    if (files.length) openFiles(files);
    else showWindow();
  });
  // macOS delivers "Open with" and dock drops as events, before or after ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFiles([path]);
  });
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    // The hot folder keeps working from the tray; quitting is explicit.
  });
  let disposed = false;
  app.on('before-quit', (event) => {
    if (disposed || !services) return;
    // Let uploads in progress settle and the database close before the process ends.
    event.preventDefault();
    disposed = true;
    tray?.dispose();
    // An upload cut short is safe (the outbox looks for it in the report on the next start),
    // so a slow network never keeps the app from quitting for more than a few seconds.
    const cap = new Promise((resolve) => setTimeout(resolve, 8000));
    void Promise.race([services.dispose(), cap]).finally(() => app.quit());
  });
  start().catch((err: unknown) => {
    log.error('start-up failed', err);
    const message = err instanceof Error ? err.message : String(err);
    dialog.showErrorBox(
      'Openfax Desktop could not start',
      `${message}\n\nYour faxes and contacts are untouched. Details are in the log in ${app.getPath('userData')}.`,
    );
    app.exit(1);
  });
}
