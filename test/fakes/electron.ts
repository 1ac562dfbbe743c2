// A hand-written fake of the parts of `electron` our wiring uses, so main.ts and preload.ts
// run in plain Node. Everything it is asked to do is recorded in `fake` for assertions.

import { type ChildProcess, fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Listener = (...args: any[]) => unknown;

// Every folder the fake hands out (userData, documents…) lives under one root made for this
// process, or the test's FAKE_ELECTRON_ROOT, so no run sees files another run left behind.
let root: string | undefined;
function fakeRoot(): string {
  if (root) return root;
  const given = process.env.FAKE_ELECTRON_ROOT;
  const made = given ?? mkdtempSync(join(tmpdir(), 'openfax-fake-electron-'));
  if (!given) process.once('exit', () => rmSync(made, { recursive: true, force: true }));
  root = made;
  return made;
}

export const fake = {
  windows: [] as FakeBrowserWindow[],
  handlers: new Map<string, Listener>(),
  exposed: new Map<string, unknown>(),
  rendererListeners: new Map<string, Set<Listener>>(),
  invoked: [] as Array<{ channel: string; payload: unknown }>,
  trays: [] as FakeTray[],
  notifications: [] as Array<{ title: string; body: string }>,
  permissionRequestHandler: undefined as Listener | undefined,
  permissionCheckHandler: undefined as Listener | undefined,
  singleInstanceRequested: false,
  badge: 0,
  quit: false,
  quitCalls: 0,
  relaunches: 0,
  /** The options of each app.relaunch call ({} when none were given). */
  relaunchOptions: [] as Array<{ execPath?: string; args?: string[] }>,
  /** The app got as far as 'quit' (no before-quit or will-quit listener prevented it). */
  quitEmitted: false,
  exitCode: undefined as number | undefined,
  webContentsCreated: [] as FakeWebContents[],
  appMenu: undefined as { template: unknown[] } | null | undefined,
  ready: false,
  /** Each registerSchemesAsPrivileged call, and whether the app was ready by then (too late). */
  privilegedSchemes: [] as Array<{ schemes: unknown[]; afterReady: boolean }>,
  protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
};

class FakeWebContents extends EventEmitter {
  sent: Array<{ channel: string; payload: unknown }> = [];
  windowOpenHandler: Listener | undefined;
  /** The options of each printToPDF call (each answers a tiny PDF). */
  printed: Array<Record<string, unknown>> = [];
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(fn: Listener) {
    this.windowOpenHandler = fn;
  }
  async printToPDF(options: Record<string, unknown>) {
    this.printed.push(options);
    return Buffer.from('%PDF-1.7\n% fake\n%%EOF\n');
  }
}

class FakeApp extends EventEmitter {
  private readyResolve!: () => void;
  private readonly ready = new Promise<void>((r) => {
    this.readyResolve = r;
  });
  whenReady() {
    setTimeout(() => {
      fake.ready = true;
      this.readyResolve();
    }, 0);
    return this.ready;
  }
  requestSingleInstanceLock() {
    fake.singleInstanceRequested = true;
    return process.env.FAKE_ELECTRON_SECOND_INSTANCE !== '1';
  }
  getPath(name: string) {
    // Electron's special folders exist; so do these.
    const path = join(fakeRoot(), name);
    mkdirSync(path, { recursive: true });
    return path;
  }
  getVersion() {
    return process.env.FAKE_ELECTRON_VERSION ?? '0.0.0-fake';
  }
  getName() {
    return 'Openfax Desktop';
  }
  getAppPath() {
    return process.cwd();
  }
  relaunch(options?: { execPath?: string; args?: string[] }) {
    fake.relaunches++;
    fake.relaunchOptions.push(options ?? {});
  }
  /** The fake's utility processes, with their resident memory as Linux counts it (the tests run there). */
  getAppMetrics() {
    return utilityProcess.forked.flatMap((child) => {
      if (child.pid === undefined) return [];
      try {
        const pages = Number(readFileSync(`/proc/${child.pid}/statm`, 'utf8').split(' ')[1]);
        const workingSetSize = (pages * 4096) / 1024;
        return [{ pid: child.pid, type: 'Utility', serviceName: child.options?.serviceName, memory: { workingSetSize } }];
      } catch {
        return [];
      }
    });
  }
  setBadgeCount(n: number) {
    fake.badge = n;
    return true;
  }
  isPackaged = process.env.FAKE_ELECTRON_PACKAGED === '1';
  /** Switches as Chromium reads them: `--name` or `--name=value` among the process's arguments. */
  commandLine = {
    hasSwitch: (name: string) => process.argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`)),
  };
  loginItem: { openAtLogin: boolean; args?: string[] } | undefined;
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }) {
    this.loginItem = settings;
  }
  getLoginItemSettings() {
    return { openAtLogin: !!this.loginItem?.openAtLogin, wasOpenedAtLogin: false };
  }
  /** As Electron: before-quit, then will-quit, then quit (exit code 0), unless a listener prevents it. */
  quit() {
    fake.quit = true;
    fake.quitCalls++;
    for (const name of ['before-quit', 'will-quit']) {
      let prevented = false;
      this.emit(name, {
        preventDefault() {
          prevented = true;
        },
      });
      if (prevented) return;
    }
    fake.quitEmitted = true;
    this.emit('quit', {}, 0);
  }
  exit(code: number) {
    fake.exitCode = code;
  }
}

export const app = new FakeApp();

class FakeBrowserWindow extends EventEmitter {
  static getAllWindows() {
    return fake.windows;
  }
  readonly webContents = new FakeWebContents();
  loadedFile: string | undefined;
  loadedUrl: string | undefined;
  destroyed = false;
  readonly options: Record<string, any>;
  constructor(options: Record<string, any>) {
    super();
    this.options = options;
    fake.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadFile(path: string) {
    this.loadedFile = path;
  }
  async loadURL(url: string) {
    this.loadedUrl = url;
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** As Electron: gone at once, no 'close' (nothing can prevent it), then 'closed'. */
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
    if (fake.windows.every((w) => w.destroyed)) app.emit('window-all-closed');
  }
  isMinimized() {
    return false;
  }
  restore() {}
  shows = 0;
  show() {
    this.shows++;
  }
  focus() {}
  /** As Electron: 'close', then gone and 'closed'; the last window closed emits the app's 'window-all-closed'. */
  close() {
    if (this.destroyed) return;
    let prevented = false;
    this.emit('close', {
      preventDefault() {
        prevented = true;
      },
    });
    if (prevented) return;
    this.destroyed = true;
    this.emit('closed');
    if (fake.windows.every((w) => w.destroyed)) app.emit('window-all-closed');
  }
}
export const BrowserWindow = FakeBrowserWindow;

export const ipcMain = {
  handle(channel: string, fn: Listener) {
    if (fake.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    fake.handlers.set(channel, fn);
  },
  removeHandler(channel: string) {
    fake.handlers.delete(channel);
  },
};

export const ipcRenderer = {
  async invoke(channel: string, payload: unknown) {
    fake.invoked.push({ channel, payload });
    return { ok: true, value: { channel, payload } };
  },
  on(channel: string, fn: Listener) {
    let set = fake.rendererListeners.get(channel);
    if (!set) fake.rendererListeners.set(channel, (set = new Set()));
    set.add(fn);
  },
  removeListener(channel: string, fn: Listener) {
    fake.rendererListeners.get(channel)?.delete(fn);
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    fake.exposed.set(key, api);
  },
};

// The Files a test says came from a drop, with the path each was dropped from. Any other File
// (one page script made) has no path: Electron answers ''.
export const droppedFiles = new WeakMap<object, string>();

export const webUtils = {
  getPathForFile(file: object) {
    return droppedFiles.get(file) ?? '';
  },
};

export const dialog = {
  async showOpenDialog() {
    return { canceled: true, filePaths: [] };
  },
  async showSaveDialog() {
    return { canceled: true, filePath: undefined };
  },
  /** Every message box shown (with its window, when one was given), in order. */
  messageBoxes: [] as Array<{ window: unknown; options: Record<string, any> }>,
  /** The button index the next message boxes answer, in order; empty: the cancel button (as Escape). */
  messageBoxAnswers: [] as number[],
  async showMessageBox(...args: unknown[]) {
    const options = (args.length > 1 ? args[1] : args[0]) as Record<string, any>;
    dialog.messageBoxes.push({ window: args.length > 1 ? args[0] : undefined, options });
    return { response: dialog.messageBoxAnswers.shift() ?? options.cancelId ?? 0, checkboxChecked: false };
  },
  errorBoxes: [] as Array<{ title: string; content: string }>,
  showErrorBox(title: string, content: string) {
    dialog.errorBoxes.push({ title, content });
  },
};

export const nativeTheme = { themeSource: 'system' as 'system' | 'light' | 'dark' };

export const shell = {
  opened: [] as string[],
  async openPath(path: string) {
    shell.opened.push(path);
    return '';
  },
  externals: [] as string[],
  async openExternal(url: string) {
    shell.externals.push(url);
  },
};

export class Notification {
  static isSupported() {
    return true;
  }
  readonly options: { title: string; body: string };
  constructor(options: { title: string; body: string }) {
    this.options = options;
  }
  show() {
    fake.notifications.push(this.options);
  }
}

class FakeTray extends EventEmitter {
  tooltip = '';
  menu: unknown;
  destroyed = false;
  readonly image: { path: string };
  constructor(image: { path: string }) {
    super();
    this.image = image;
    fake.trays.push(this);
  }
  setToolTip(t: string) {
    this.tooltip = t;
  }
  setContextMenu(m: unknown) {
    this.menu = m;
  }
  destroy() {
    this.destroyed = true;
  }
}
export const Tray = FakeTray;

export const Menu = {
  buildFromTemplate(template: unknown[]) {
    return { template };
  },
  setApplicationMenu(menu: { template: unknown[] } | null) {
    fake.appMenu = menu;
  },
};

export const nativeImage = {
  createFromPath(path: string) {
    return { path };
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]) {
    fake.privilegedSchemes.push({ schemes, afterReady: fake.ready });
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>) {
    if (fake.protocolHandlers.has(scheme)) throw new Error(`The scheme '${scheme}' is already handled`);
    fake.protocolHandlers.set(scheme, handler);
  },
  unhandle(scheme: string) {
    fake.protocolHandlers.delete(scheme);
  },
};

// Where electron-updater reads app-update.yml and package-type in a packaged app: the test's
// FAKE_ELECTRON_RESOURCES (Electron sets it always; unset here unless a test gives one).
if (process.env.FAKE_ELECTRON_RESOURCES) Object.assign(process, { resourcesPath: process.env.FAKE_ELECTRON_RESOURCES });

/** Electron's net.request as Node's: the options electron-updater passes (protocol, host, path, headers) mean the same. */
export const net = {
  requests: [] as string[],
  request(options: Record<string, any>) {
    const { session: _session, redirect: _redirect, ...rest } = options;
    net.requests.push(`${rest.protocol ?? 'https:'}//${rest.hostname}${rest.port ? `:${rest.port}` : ''}${rest.path ?? '/'}`);
    return (rest.protocol === 'http:' ? httpRequest : httpsRequest)(rest);
  },
};

/**
 * Electron's own autoUpdater (Squirrel): electron-updater emits on it before quitting to install,
 * and uses it on macOS. As Squirrel.Mac, a check fetches the feed it was given (a JSON with the
 * zip's url), then the zip, and answers 'update-downloaded', or 'error' with `refuseWith` (its
 * code-signature check failing); with `notAvailable` it answers 'update-not-available' (as to a
 * 204) and fetches nothing. quitAndInstall closes every window first, as Electron does, then
 * installs and quits; `installError` makes it fail after that, with an 'error'.
 */
class FakeAutoUpdater extends EventEmitter {
  feedUrl: { url: string; headers?: Record<string, string> } | undefined;
  checks = 0;
  quitAndInstalls = 0;
  /** The bytes of each zip Squirrel fetched. */
  fetched: Buffer[] = [];
  refuseWith: string | undefined;
  notAvailable = false;
  installError: string | undefined;
  /** When true, the verdict on a fetched zip waits for `releaseVerdict()` (Squirrel still unpacking); 'verdict-held' says it is waiting. */
  holdVerdict = false;
  releaseVerdict: (() => void) | undefined;
  setFeedURL(options: { url: string; headers?: Record<string, string> }) {
    this.feedUrl = options;
  }
  checkForUpdates() {
    this.checks++;
    const feed = this.feedUrl;
    if (!feed) return;
    void (async () => {
      const { url } = (await (await fetch(feed.url, { headers: feed.headers })).json()) as { url: string };
      if (this.notAvailable) return void this.emit('update-not-available');
      this.fetched.push(Buffer.from(await (await fetch(url)).arrayBuffer()));
      if (this.holdVerdict) {
        const released = new Promise<void>((resolve) => (this.releaseVerdict = resolve));
        this.emit('verdict-held');
        await released;
      }
      if (this.refuseWith) this.emit('error', new Error(this.refuseWith));
      else this.emit('update-downloaded', {}, '', '', new Date(), url);
    })().catch((err: unknown) => this.emit('error', err));
  }
  quitAndInstall() {
    this.quitAndInstalls++;
    this.emit('before-quit-for-update');
    for (const w of [...fake.windows]) w.close();
    const failure = this.installError;
    if (failure) setImmediate(() => this.emit('error', new Error(failure)));
    else app.quit();
  }
}
export const autoUpdater = new FakeAutoUpdater();

/** A session of its own partition (electron-updater's requests, the DOCX print window's page). */
class FakeSession {
  readonly partition: string;
  permissionRequestHandler: Listener | undefined;
  permissionCheckHandler: Listener | undefined;
  readonly protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  readonly protocol = {
    handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>) => {
      if (this.protocolHandlers.has(scheme)) throw new Error(`The scheme '${scheme}' is already handled`);
      this.protocolHandlers.set(scheme, handler);
    },
    unhandle: (scheme: string) => {
      this.protocolHandlers.delete(scheme);
    },
  };
  /** webRequest.onBeforeRequest's listener (null: removed), as Electron keeps one per session. */
  beforeRequest: Listener | null = null;
  readonly webRequest = {
    onBeforeRequest: (listener: Listener | null) => {
      this.beforeRequest = listener;
    },
  };
  constructor(partition: string) {
    this.partition = partition;
  }
  setPermissionRequestHandler(fn: Listener) {
    this.permissionRequestHandler = fn;
  }
  setPermissionCheckHandler(fn: Listener) {
    this.permissionCheckHandler = fn;
  }
}
const partitions = new Map<string, FakeSession>();

export const session = {
  /** One session per partition name, as Electron keeps them. */
  fromPartition(partition: string) {
    let ses = partitions.get(partition);
    if (!ses) partitions.set(partition, (ses = new FakeSession(partition)));
    return ses;
  },
  defaultSession: {
    setPermissionRequestHandler(fn: Listener) {
      fake.permissionRequestHandler = fn;
    },
    setPermissionCheckHandler(fn: Listener) {
      fake.permissionCheckHandler = fn;
    },
  },
};

// utilityProcess: a real child (child_process.fork) with Electron's `process.parentPort` made
// inside it (utility-parent-port.mjs), so the built main's PDF check runs in a process of its
// own as it does in Electron. V8 giving up ("FATAL ERROR: … heap out of memory") is reported as
// Electron does, an 'error' of type FatalError before 'exit'.
const PARENT_PORT = pathToFileURL(join(import.meta.dirname, 'utility-parent-port.mjs')).href;

class FakeUtilityProcess extends EventEmitter {
  pid: number | undefined;
  /** Messages posted to it so far (a test's signal that a document reached the child). */
  posted = 0;
  readonly modulePath: string;
  readonly options: { execArgv?: string[]; serviceName?: string } | undefined;
  private readonly child: ChildProcess;
  constructor(modulePath: string, args: string[] = [], options?: { execArgv?: string[]; serviceName?: string }) {
    super();
    this.modulePath = modulePath;
    this.options = options;
    this.child = fork(modulePath, args, {
      execArgv: ['--import', PARENT_PORT, ...(options?.execArgv ?? [])],
      serialization: 'advanced',
      // The driver's stdout carries its report: the child's output goes to stderr.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let stderr = '';
    this.child.stdout?.on('data', (chunk) => process.stderr.write(chunk));
    this.child.stderr?.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-4096);
      process.stderr.write(chunk);
    });
    this.child.on('spawn', () => {
      this.pid = this.child.pid;
      this.emit('spawn');
    });
    this.child.on('message', (message) => this.emit('message', message));
    this.child.on('exit', (code) => {
      const fatal = /FATAL ERROR: ([^\n]*)/.exec(stderr);
      if (fatal) this.emit('error', 'FatalError', fatal[1], '');
      this.pid = undefined;
      this.emit('exit', code ?? 1);
    });
  }
  postMessage(message: unknown) {
    this.posted++;
    if (this.child.connected) this.child.send(message as never);
  }
  kill() {
    return this.child.kill();
  }
}

export const utilityProcess = {
  /** Every child forked, oldest first. */
  forked: [] as FakeUtilityProcess[],
  fork(modulePath: string, args?: string[], options?: { execArgv?: string[]; serviceName?: string }) {
    const child = new FakeUtilityProcess(modulePath, args, options);
    utilityProcess.forked.push(child);
    return child;
  },
};

export default {
  app,
  autoUpdater,
  net,
  BrowserWindow,
  ipcMain,
  ipcRenderer,
  contextBridge,
  webUtils,
  dialog,
  shell,
  Notification,
  Tray,
  Menu,
  nativeImage,
  nativeTheme,
  protocol,
  session,
  utilityProcess,
};
