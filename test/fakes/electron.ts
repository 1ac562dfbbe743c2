// A hand-written fake of the parts of `electron` our wiring uses, so main.ts and preload.ts
// run in plain Node. Everything it is asked to do is recorded in `fake` for assertions.

import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  exitCode: undefined as number | undefined,
  webContentsCreated: [] as FakeWebContents[],
  appMenu: undefined as { template: unknown[] } | null | undefined,
};

class FakeWebContents extends EventEmitter {
  sent: Array<{ channel: string; payload: unknown }> = [];
  windowOpenHandler: Listener | undefined;
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(fn: Listener) {
    this.windowOpenHandler = fn;
  }
}

class FakeApp extends EventEmitter {
  private readyResolve!: () => void;
  private readonly ready = new Promise<void>((r) => {
    this.readyResolve = r;
  });
  whenReady() {
    setTimeout(() => this.readyResolve(), 0);
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
    return '0.0.0-fake';
  }
  setBadgeCount(n: number) {
    fake.badge = n;
    return true;
  }
  isPackaged = process.env.FAKE_ELECTRON_PACKAGED === '1';
  loginItem: { openAtLogin: boolean; args?: string[] } | undefined;
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }) {
    this.loginItem = settings;
  }
  getLoginItemSettings() {
    return { openAtLogin: !!this.loginItem?.openAtLogin, wasOpenedAtLogin: false };
  }
  quit() {
    fake.quit = true;
    fake.quitCalls++;
    this.emit('before-quit', { preventDefault() {} });
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
  isMinimized() {
    return false;
  }
  restore() {}
  show() {}
  focus() {}
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

export const webUtils = {
  getPathForFile(file: { name: string }) {
    return `/fake/${file.name}`;
  },
};

export const dialog = {
  async showOpenDialog() {
    return { canceled: true, filePaths: [] };
  },
  async showSaveDialog() {
    return { canceled: true, filePath: undefined };
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
  async openExternal() {},
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

export const session = {
  defaultSession: {
    setPermissionRequestHandler(fn: Listener) {
      fake.permissionRequestHandler = fn;
    },
    setPermissionCheckHandler(fn: Listener) {
      fake.permissionCheckHandler = fn;
    },
  },
};

export default {
  app,
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
  session,
};
