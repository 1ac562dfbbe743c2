// Child-process driver: loads the BUILT main (out/main/index.js, or $OPENFAX_OUT_DIR's) against
// the fake electron, exercises it like a renderer would, and prints one JSON report for the test
// to judge.

import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makePdf } from '../fixtures/pdf/make-pdf.ts';
import { app, dialog, fake, nativeTheme, shell } from './electron.ts';
import { until } from './until.ts';

const outDir = resolve(process.env.OPENFAX_OUT_DIR ?? resolve(import.meta.dirname, '../../out'));
await import(join(outDir, 'main', 'index.js'));
const deadline = Date.now() + 10_000;
while (fake.windows.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
const win = fake.windows[0];
if (!win) throw new Error('main.ts created no window');

async function invoke(channel: string, payload: unknown, sender: unknown, url: string, parent: unknown = null) {
  const handler = fake.handlers.get(channel);
  if (!handler) return { missing: channel };
  return handler({ sender, senderFrame: { url, parent } }, payload);
}

const ownUrl = win.loadedUrl ?? '';

/** What the app:// handler answers for `url`, as the renderer's request would reach it. */
async function serve(url: string, method = 'GET') {
  const handler = fake.protocolHandlers.get('app');
  if (!handler) return { missing: 'app' };
  const res = await handler(new Request(url, { method }));
  const body = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    csp: res.headers.get('content-security-policy'),
    bytes: body.length,
    html: body.includes('<div id="root">'),
  };
}
const workerFile = readdirSync(join(outDir, 'renderer', 'assets')).find((f) => f.startsWith('pdf.worker'));
const appProtocol = {
  privileged: fake.privilegedSchemes,
  page: await serve(ownUrl),
  worker: await serve(`app://openfax/assets/${workerFile}`),
  head: await serve(ownUrl, 'HEAD'),
  post: await serve(ownUrl, 'POST'),
  // A hostile page asking for files outside the renderer folder, each way a path can be bent.
  refused: Object.fromEntries(
    await Promise.all(
      [
        'app://openfax/../main/index.js',
        'app://openfax/%2e%2e/main/index.js',
        'app://openfax/..%2fmain%2findex.js',
        'app://openfax/..%5cmain%5cindex.js',
        'app://openfax/assets/..%2f..%2f..%2fpackage.json',
        `app://openfax/${encodeURIComponent(join(outDir, 'main', 'index.js'))}`,
        'app://openfax//etc/passwd',
        'app://openfax/assets',
        'app://other/index.html',
        'app://openfax/missing.js',
      ].map(async (url) => [url, ((await serve(url)) as { status?: number }).status] as const),
    ),
  ),
};

const report = {
  webPreferences: win.options.webPreferences,
  windowOptions: { minWidth: win.options.minWidth, minHeight: win.options.minHeight, icon: win.options.icon },
  loadedFile: win.loadedFile,
  loadedUrl: win.loadedUrl,
  appProtocol,
  files: {
    preload: { path: win.options.webPreferences.preload, exists: existsSync(win.options.webPreferences.preload) },
    icon: { path: win.options.icon, exists: existsSync(win.options.icon) },
    trayIcon: { path: fake.trays[0]?.image.path, exists: !!fake.trays[0] && existsSync(fake.trays[0].image.path) },
  },
  channels: [...fake.handlers.keys()].sort(),
  singleInstanceRequested: fake.singleInstanceRequested,
  permissionRequestDenied: await new Promise((r) => fake.permissionRequestHandler?.({}, 'media', r)),
  permissionCheck: fake.permissionCheckHandler?.({}, 'notifications'),
  windowOpen: win.webContents.windowOpenHandler?.({ url: 'https://evil.example/' }),
  // Only https pages on Openfax's own site reach the browser; the rest are denied and logged.
  externals: (() => {
    const asked = [
      'https://openfax.com/help',
      'https://evil.example/',
      'http://openfax.com/',
      'file:///etc/passwd',
      'https://openfax.com.evil.example/',
    ];
    return { answers: asked.map((url) => win.webContents.windowOpenHandler?.({ url })), opened: shell.externals };
  })(),
  navigationBlocked: (() => {
    let prevented = false;
    win.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://evil.example/');
    return prevented;
  })(),
  // The page's own folder on file:// is not our page any more: only app://openfax/index.html is.
  fileNavigationBlocked: (() => {
    let prevented = false;
    win.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, `file://${join(outDir, 'renderer', 'index.html')}`);
    return prevented;
  })(),
  ownNavigationAllowed: (() => {
    let prevented = false;
    win.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, ownUrl);
    return !prevented;
  })(),
  trusted: await invoke('openfax:getAppInfo', undefined, win.webContents, ownUrl),
  // Whether this app updates itself, and from where (a packaged app reads resources/app-update.yml).
  update: await invoke('openfax:getUpdate', undefined, win.webContents, ownUrl),
  untrustedFrame: await invoke('openfax:getAppInfo', undefined, win.webContents, 'https://evil.example/'),
  subFrame: await invoke('openfax:getAppInfo', undefined, win.webContents, ownUrl, {}),
  otherSender: await invoke('openfax:getAppInfo', undefined, {}, ownUrl),
  fileFrame: await invoke('openfax:getAppInfo', undefined, win.webContents, `file://${join(outDir, 'renderer', 'index.html')}`),
  otherPath: await invoke('openfax:getAppInfo', undefined, win.webContents, 'app://openfax/assets/x.html'),
  malformed: await invoke('openfax:getAppInfo', { unexpected: 1 }, win.webContents, ownUrl),
};

type MenuEntry = {
  type?: string;
  label?: string;
  role?: string;
  accelerator?: string;
  registerAccelerator?: boolean;
  click?: () => void;
  submenu?: MenuEntry[];
};
const menuBarOnceSet = () => until(() => (fake.appMenu?.template as MenuEntry[] | undefined) ?? undefined);
/** The View menu's items by role: what a person (or a page that sent the key) can reach. */
const viewRoles = (bar: MenuEntry[]) => (bar.find((m) => m.label === 'View')?.submenu ?? []).map((i) => i.role ?? i.type);

// `--window-only` (the packaged run): the window, the scheme and the menu are all it reports.
if (process.argv.includes('--window-only')) {
  const bar = (await menuBarOnceSet()) ?? [];
  process.stdout.write(`${JSON.stringify({ ...report, menus: bar.map((m) => m.label ?? m.role), viewRoles: viewRoles(bar) })}\n`);
  process.exit(0);
}

// The documents below all join the one draft ("add new prints to this fax"), so the wiring can be
// read from one list; the rule for new drafts is tested in test/electron/compose.
await invoke('openfax:updateSettings', { patch: { arrivalsJoinOpenDraft: true } }, win.webContents, ownUrl);
// macOS "Open with": the file joins the Compose draft and the window is asked to show Compose.
const pdfPath = join(mkdtempSync(join(app.getPath('temp'), 'open-with-')), 'Invoice 42.pdf');
writeFileSync(pdfPath, await makePdf({ pages: ['Invoice 42', 'Terms'] }));
app.emit('open-file', { preventDefault() {} }, pdfPath);
// Windows/Linux: a second launch with a PDF on its command line hands it to the first.
const secondPath = join(mkdtempSync(join(app.getPath('temp'), 'second-')), 'Second launch.pdf');
writeFileSync(secondPath, await makePdf({ pages: ['One page'] }));
app.emit('second-instance', {}, ['/opt/Openfax Desktop/openfax-desktop', '--flag', secondPath], '/home/someone');
const composed = await until(async () => {
  const r = (await invoke('openfax:getCompose', undefined, win.webContents, ownUrl)) as any;
  return r?.ok && r.value.draft.documents.length === 2 ? r.value.draft.documents : undefined;
});
// The page has not said it listens yet: main holds its events, then hands them over in order.
const heldBeforeReady = win.webContents.sent.map((m) => m.channel);
const ready = (await invoke('openfax:rendererReady', undefined, win.webContents, ownUrl)) as any;
const themeResult = (await invoke('openfax:updateSettings', { patch: { theme: 'dark' } }, win.webContents, ownUrl)) as any;
const extra = {
  openWith: {
    documents: composed?.map((d: any) => ({ name: d.name, pages: d.pages })) ?? [],
    sent: win.webContents.sent.map((m) => m.channel),
    heldBeforeReady,
    delivered: ready?.value?.delivered,
  },
  theme: { ok: themeResult?.ok, themeSource: nativeTheme.themeSource },
  loginItem: app.loginItem ?? null,
  errorBoxes: dialog.errorBoxes,
};
// The tray pauses and resumes the hot folder; its menu follows the status.
type Item = { label?: string; enabled?: boolean; click?: () => void };
const trayItem = (prefix: string) =>
  ((fake.trays[0]?.menu as { template: Item[] } | undefined)?.template ?? []).find((i) => i.label?.startsWith(prefix));
const hotFolderStatus = async () => ((await invoke('openfax:getHotFolder', undefined, win.webContents, ownUrl)) as any)?.value?.status;
const trayBefore = { label: trayItem('Pause')?.label ?? trayItem('Resume')?.label, enabled: trayItem('Pause')?.enabled };
trayItem('Pause')?.click?.();
const pausedStatus = await until(async () => ((await hotFolderStatus()) === 'paused' && trayItem('Resume') ? 'paused' : undefined));
trayItem('Resume')?.click?.();
const resumedStatus = await until(async () => ((await hotFolderStatus()) === 'watching' && trayItem('Pause') ? 'watching' : undefined));
Object.assign(extra, { tray: { before: trayBefore, paused: pausedStatus, resumed: resumedStatus } });

// The menu bar shows each shortcut's key without taking it (the page has the keys); an item
// runs its command in the renderer.
const menuBar = (fake.appMenu?.template ?? []) as MenuEntry[];
const commands = menuBar.flatMap((m) => (m.submenu ?? []).filter((i) => i.click).map((i) => ({ menu: m.label, ...i })));
const sentBefore = win.webContents.sent.length;
commands.find((c) => c.label === 'New Fax')?.click?.();
const ranFromMenu = await until(() => win.webContents.sent.slice(sentBefore).find((m) => m.channel === 'openfax-event:runShortcut'));
Object.assign(extra, {
  appMenu: {
    menus: menuBar.map((m) => m.label ?? m.role),
    commands: commands.map((c) => ({
      menu: c.menu,
      label: c.label,
      accelerator: c.accelerator,
      registerAccelerator: c.registerAccelerator,
    })),
    ran: ranFromMenu?.payload,
    viewRoles: viewRoles(menuBar),
  },
});

// A print while the window is closed (the app lives in the tray): a window opens on Compose.
const folder = ((await invoke('openfax:getHotFolder', undefined, win.webContents, ownUrl)) as any).value.folder as string;
win.destroyed = true;
win.emit('closed');
writeFileSync(join(folder, `Printed while closed ${process.pid}.pdf`), await makePdf({ pages: ['Printed'] }));
const reopened = await until(() => (fake.windows.length === 2 ? fake.windows[1] : undefined), 15_000);
const afterPrint = reopened
  ? await until(async () => {
      const r = (await invoke('openfax:getCompose', undefined, reopened.webContents, ownUrl)) as any;
      return r?.ok && r.value.draft.documents.length === 3 ? r.value.draft.documents.map((d: any) => d.name) : undefined;
    })
  : undefined;
const reopenedReady = reopened ? ((await invoke('openfax:rendererReady', undefined, reopened.webContents, ownUrl)) as any) : undefined;
Object.assign(extra, {
  closedWindowPrint: {
    reopened: !!reopened,
    documents: afterPrint ?? [],
    delivered: reopenedReady?.value?.delivered,
    sent: reopened?.webContents.sent.map((m) => ({ channel: m.channel, payload: m.payload })) ?? [],
  },
});

// Compose reads no path it was not handed (test/electron/security/compose-paths.test.ts has the
// rest): over the real channel an arbitrary path is refused unread; a drop's grant lets it in.
{
  const live = reopened ?? win;
  const ask = (channel: string, payload?: unknown) => invoke(`openfax:${channel}`, payload, live.webContents, ownUrl) as Promise<any>;
  const dataDir = (await ask('getAppInfo')).value.dataDir as string;
  const staged = () => readdirSync(join(dataDir, 'compose')).length;
  const documents = async () => (await ask('getCompose')).value.draft.documents.length as number;
  const notDropped = join(mkdtempSync(join(app.getPath('temp'), 'not-dropped-')), 'Not dropped.pdf');
  writeFileSync(notDropped, await makePdf({ pages: ['Not dropped'] }));
  const before = { staged: staged(), documents: await documents() };
  const named = await ask('addComposePaths', { paths: [notDropped, '/etc/passwd'] });
  const afterNamed = { staged: staged(), documents: await documents() };
  const granted = await ask('grantDroppedPaths', { paths: [notDropped] });
  const dropped = await ask('addComposePaths', { paths: [notDropped] });
  Object.assign(extra, {
    composePaths: {
      before,
      named: { added: named.value?.added.length, refused: named.value?.refused },
      afterNamed,
      granted: granted.value,
      dropped: dropped.value?.added.map((d: any) => d.name),
    },
  });
}

app.quit();
const quitCalls = await until(() => (fake.quitCalls >= 2 ? fake.quitCalls : undefined));
process.stdout.write(`${JSON.stringify({ ...report, ...extra, quitAfterDispose: quitCalls === 2 })}\n`);
process.exit(0);
