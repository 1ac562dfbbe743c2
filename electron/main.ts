// Electron entry: thin wiring. Every decision lives in Electron-free modules under electron/app
// and below; this file only connects them to Electron's objects. Start-up is a list of setup
// steps, each registering its disposer in one store, undone newest first at quit.

import { type BrowserWindow, type IpcMainInvokeEvent, app, dialog } from 'electron';
import type { UpdateView } from '../shared/ipc/contract/update.ts';
import { createHandlers } from './app/handlers/index.ts';
import { createIpcRouter } from './app/ipc-router.ts';
import { type AppServices, createAppServices } from './app/services.ts';
import { DisposableStore } from './core/disposables.ts';
import { createLogger } from './core/logger.ts';
import { isRendererPage } from './core/renderer-files.ts';
import { setupAppMenu } from './wiring/app-menu.ts';
import { registerAppScheme, setupAppProtocol } from './wiring/app-protocol.ts';
import { applyAppSettings, startedAtLogin } from './wiring/app-settings.ts';
import { setupDocxPrint } from './wiring/docx-print.ts';
import { createElectronHost } from './wiring/host.ts';
import { setupIpc } from './wiring/ipc.ts';
import { createElectronPdfInspector } from './wiring/pdf-inspector.ts';
import { documentPathsFromArgv, relaunchOptions, resolveRuntimePaths } from './wiring/runtime-paths.ts';
import { refusedLaunchSwitch, setupSecurity } from './wiring/security.ts';
import { setupTray, type TrayControls } from './wiring/tray.ts';
import { electronUpdates } from './wiring/updater.ts';
import { setupWindowEvents, type WindowEvents } from './wiring/window-events.ts';
import { createMainWindow } from './wiring/window.ts';

const log = createLogger('main');
const paths = resolveRuntimePaths(import.meta.dirname);
// Before ready, or Electron ignores the scheme's privileges.
registerAppScheme();
const running = new DisposableStore();
let win: BrowserWindow | undefined;
let services: AppServices | undefined;
let windowEvents: WindowEvents | undefined;
const pendingFiles: string[] = documentPathsFromArgv(process.argv.slice(1));

/** Our page on app://openfax/ and nothing else: no other path, origin or scheme (file:// included). */
function isOwnUrl(url: string): boolean {
  return isRendererPage(url);
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
  const open = liveWindow();
  if (open) return open;
  win = createMainWindow(paths);
  windowEvents?.attach(win);
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

function setupAppTray(s: AppServices): () => void {
  const tray: TrayControls = setupTray(paths.trayIcon, {
    show: showWindow,
    openOutbox: () => {
      showWindow();
      s.events.emit('navigate', { screen: 'outbox' });
    },
    toggleHotFolder: () => {
      const hf = s.hotfolder;
      if (hf) void (hf.view().status === 'paused' ? hf.resume() : hf.pause());
    },
    // Waits for uploads in progress (holding new ones), then quits through before-quit below.
    restartToUpdate: () => s.updates.restart(),
  });
  tray.setHotFolder(s.hotfolder?.view().status);
  const offInFlight = s.onInFlightChanged((count) => tray.setInFlight(count));
  const offHotFolder = s.events.on('hotFolderChanged', (hf) => tray.setHotFolder(hf.status));
  const readyVersion = (u: UpdateView) => (u.phase === 'ready' ? u.version : undefined);
  tray.setUpdateReady(readyVersion(s.updates.view()));
  const offUpdate = s.events.on('updateChanged', (u) => tray.setUpdateReady(readyVersion(u)));
  return () => {
    offUpdate();
    offHotFolder();
    offInFlight();
    tray.dispose();
  };
}

async function start(): Promise<void> {
  await app.whenReady();
  running.add('security', setupSecurity(isOwnUrl));
  running.add('app protocol', setupAppProtocol(paths.rendererDir));
  // The mail merge's built-in DOCX converter; disposed after the services that print with it.
  const docxPrint = setupDocxPrint(paths.rendererDir);
  running.add('docx print', () => docxPrint.dispose());
  const s = await createAppServices({
    dataDir: app.getPath('userData'),
    host: { ...createElectronHost(liveWindow, openWindow), printDocx: docxPrint.printDocx },
    version: app.getVersion(),
    logToFile: true,
    hotFolder: { documentsDir: app.getPath('documents') },
    pdfInspector: createElectronPdfInspector(),
    updates: electronUpdates(),
  });
  services = s;
  running.add('services', () => s.dispose());
  running.add(
    'app settings',
    applyAppSettings(s.settings, (notice) => s.events.emit('notice', notice)),
  );
  const events = setupWindowEvents(s.events);
  windowEvents = events;
  running.add('window events', () => events.dispose());
  running.add(
    'ipc',
    setupIpc(createIpcRouter(createHandlers(s)), { isTrustedSender, rendererReady: (event) => events.ready(event.sender) }),
  );
  // A login launch starts in the tray; the hot folder is already watching.
  if (!startedAtLogin() || pendingFiles.length) openWindow();
  running.add('tray', setupAppTray(s));
  running.add(
    'menu',
    setupAppMenu({
      run: (id) => {
        showWindow();
        s.events.emit('runShortcut', { id });
      },
      showGettingStarted: () => {
        showWindow();
        s.events.emit('showGettingStarted', {});
      },
    }),
  );
  if (pendingFiles.length) openFiles(pendingFiles.splice(0));
}

const refusedSwitch = refusedLaunchSwitch();
if (refusedSwitch) {
  log.error(`refused to start with --${refusedSwitch}: it would let another program drive the window`);
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let quitting = false;
  /** The quit runs an update's installer: it starts the new version itself, or must run alone. */
  let quitInstalls = false;
  let relaunching = false;
  app.on('second-instance', (_event, argv) => {
    if (quitting) {
      // No window for a process about to end; the person's launch (which gave up on the lock)
      // starts again once this one has. Not beside an installer, which starts the new version.
      if (quitInstalls || relaunching) return;
      relaunching = true;
      app.relaunch(relaunchOptions(argv, { argv: process.argv, packaged: app.isPackaged, appImage: process.env.APPIMAGE }));
      return;
    }
    const files = documentPathsFromArgv(argv.slice(1));
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
  app.on('before-quit', (event) => {
    if (quitting || !services) return;
    // Let uploads in progress settle and the database close before the process ends.
    event.preventDefault();
    quitting = true;
    quitInstalls = services.updates.quitInstalls();
    // An upload cut short is safe (the outbox looks for it in the report on the next start),
    // so a slow network never keeps the app from quitting for more than a few seconds.
    const cap = new Promise((resolve) => setTimeout(resolve, 8000));
    void Promise.race([running.dispose(), cap]).finally(() => app.quit());
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
