// First-run driver: what a new user's first start of the BUILT main gives, run against the fake
// electron (out/main/index.js, or $OPENFAX_OUT_DIR's: the lead's packaging test points it at the
// extracted app.asar). It prints ONE JSON line; the fields are listed at the end of this file.
//
//   node --import ./test/fakes/electron-hooks.mjs test/fakes/run-first-run.ts
//
// Env: OPENFAX_OUT_DIR (default out), FAKE_ELECTRON_PACKAGED=1 (an installed app: start at login
// registers), FAKE_ELECTRON_ROOT (the fake's folders; default a fresh temp folder, removed after).
// Main can start only once per process, so this process runs three children of itself (the
// `--phase` argument): a first start in a fresh data dir, a second start on the same data dir,
// and a second instance. It reads nothing of the source tree but test/fakes and test/fixtures.

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const phase = process.argv.find((a) => a.startsWith('--phase='))?.slice('--phase='.length);

if (!phase) {
  const given = process.env.FAKE_ELECTRON_ROOT;
  const root = given ?? mkdtempSync(join(tmpdir(), 'openfax-first-run-'));
  try {
    const run = async (name: string, env: Record<string, string> = {}, fakeRoot = root) => {
      const { stdout } = await promisify(execFile)(process.execPath, [...process.execArgv, import.meta.filename, `--phase=${name}`], {
        env: { ...process.env, OPENFAX_QUIET: '1', FAKE_ELECTRON_ROOT: fakeRoot, ...env },
        encoding: 'utf8',
        timeout: 60_000,
        maxBuffer: 16 * 1024 * 1024,
      });
      return JSON.parse(stdout.trim().split('\n').pop()!);
    };
    const first = await run('first');
    const second = await run('second');
    const otherRoot = join(root, 'second-instance');
    mkdirSync(otherRoot, { recursive: true });
    const secondInstance = await run('second-instance', { FAKE_ELECTRON_SECOND_INSTANCE: '1' }, otherRoot);
    const report = {
      singleInstance: { requested: first.singleInstanceRequested, secondInstance },
      tray: first.tray,
      sandbox: { firstStart: first.sandbox, secondStart: second.sandbox },
      gettingStarted: { firstStart: first.gettingStarted, secondStart: second.gettingStarted },
      startAtLogin: first.startAtLogin,
      quit: { firstStart: first.quit, secondStart: second.quit },
      errorBoxes: [...first.errorBoxes, ...second.errorBoxes],
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    if (!given) rmSync(root, { recursive: true, force: true });
  }
  process.exit(0);
}

// A child: one start of main in this process.
const { app, dialog, fake } = await import('./electron.ts');
const { until } = await import('./until.ts');
// Start at login on Linux writes into $XDG_CONFIG_HOME: this run's own, never the real one.
const configHome = join(app.getPath('temp'), 'xdg-config');
process.env.XDG_CONFIG_HOME = configHome;
const outDir = resolve(process.env.OPENFAX_OUT_DIR ?? resolve(import.meta.dirname, '../../out'));
await import(join(outDir, 'main', 'index.js'));

if (phase === 'second-instance') {
  // main asked for the lock at load, was refused it, and quit without opening anything.
  await until(() => (fake.quit ? true : undefined), 2_000);
  const report = { requested: fake.singleInstanceRequested, quit: fake.quit, windows: fake.windows.length, trays: fake.trays.length };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exit(0);
}

const win = await until(() => fake.windows[0], 10_000);
if (!win) throw new Error('main created no window');
const ownUrl = win.loadedUrl ?? '';
async function ask(method: string, payload?: unknown): Promise<any> {
  const handler = fake.handlers.get(`openfax:${method}`);
  if (!handler) return { missing: method };
  // The envelope the preload unwraps: {ok, value} or {ok: false, error}.
  const answer = (await handler({ sender: win!.webContents, senderFrame: { url: ownUrl, parent: null } }, payload)) as any;
  return answer?.ok ? answer.value : { failed: answer?.error };
}
const sent = (channel: string) => win.webContents.sent.filter((m) => m.channel === `openfax-event:${channel}`);
await ask('rendererReady');

// What the page shows on first start: the sandbox banner (Settings → Account) and the top bar's
// amber badge need the account in sandbox mode; Getting started opens while it was never closed.
const account = await ask('getAccount');
const settingsNow = async () => await ask('getSettings');
const sandbox = {
  mode: account?.mode,
  banner: account?.mode === 'sandbox' && account.sandbox.magicNumbers.length > 0,
  magicNumbers: account?.sandbox.magicNumbers.length,
};
const gettingStarted: Record<string, unknown> = { due: (await settingsNow())?.gettingStartedDone === false };

if (phase === 'second') {
  app.quit();
  const quitCalls = await until(() => (fake.quitCalls >= 2 ? fake.quitCalls : undefined));
  process.stdout.write(`${JSON.stringify({ sandbox, gettingStarted, quit: quitCalls === 2, errorBoxes: dialog.errorBoxes })}\n`);
  process.exit(0);
}

// Help → Getting started asks the page to show it.
type MenuEntry = { label?: string; role?: string; click?: () => void; submenu?: MenuEntry[] };
const helpItem = ((fake.appMenu?.template ?? []) as MenuEntry[])
  .find((m) => m.role === 'help')
  ?.submenu?.find((i) => i.label === 'Getting started');
helpItem?.click?.();
gettingStarted.helpMenu = { item: !!helpItem, sent: sent('showGettingStarted').length === 1 };
// Closed for good, as the page's Close does: the second start must not show it.
gettingStarted.dismissed = (await ask('updateSettings', { patch: { gettingStartedDone: true } })).ok;

// The tray, and its menu following the hot folder and the faxes in flight.
type Item = { label?: string; type?: string; enabled?: boolean; click?: () => void };
const trayItems = () => ((fake.trays[0]?.menu as { template: Item[] } | undefined)?.template ?? []) as Item[];
const labels = () => trayItems().flatMap((i) => (i.label ? [i.label] : []));
const hotFolderStatus = async () => (await ask('getHotFolder'))?.status;
const trayItem = (prefix: string) => trayItems().find((i) => i.label?.startsWith(prefix));
const tray: Record<string, unknown> = { exists: fake.trays.length === 1, tooltip: fake.trays[0]?.tooltip, labels: labels() };
trayItem('Pause the hot folder')?.click?.();
tray.paused = await until(async () => ((await hotFolderStatus()) === 'paused' && trayItem('Resume') ? labels() : undefined));
trayItem('Resume the hot folder')?.click?.();
tray.resumed = await until(async () => ((await hotFolderStatus()) === 'watching' && trayItem('Pause') ? labels() : undefined));

// Start at login: offered as a setting (off by default); on Linux an installed app writes an XDG
// autostart entry when it is turned on and removes it when turned off.
const autostartFile = join(configHome, 'autostart', 'openfax-desktop.desktop');
const readEntry = () => (existsSync(autostartFile) ? readFileSync(autostartFile, 'utf8') : null);
const before = await settingsNow();
const turnOn = await ask('updateSettings', { patch: { startAtLogin: true } });
const whenOn = { saved: turnOn.ok && turnOn.settings.startAtLogin, entry: readEntry(), loginItem: app.loginItem ?? null };
const turnOff = await ask('updateSettings', { patch: { startAtLogin: false } });
const whenOff = { saved: turnOff.ok && !turnOff.settings.startAtLogin, entry: readEntry(), loginItem: app.loginItem ?? null };
// Where the config folder cannot be written (here: a file stands in its place), the setting goes
// back to off and the page is told why.
const blocked = join(app.getPath('temp'), 'config-is-a-file');
writeFileSync(blocked, '');
process.env.XDG_CONFIG_HOME = blocked;
const noticesBefore = sent('notice').length;
const tryBlocked = await ask('updateSettings', { patch: { startAtLogin: true } });
const unwritable = {
  settingAfter: (await settingsNow())?.startAtLogin,
  answer: tryBlocked.ok ? tryBlocked.settings.startAtLogin : tryBlocked.errors,
  notice: sent('notice').slice(noticesBefore)[0]?.payload ?? null,
};
process.env.XDG_CONFIG_HOME = configHome;
const startAtLogin = {
  offered: typeof before?.startAtLogin === 'boolean',
  default: before?.startAtLogin,
  packaged: app.isPackaged,
  platform: process.platform,
  file: autostartFile,
  on: whenOn,
  off: whenOff,
  unwritable,
};

app.quit();
const quitCalls = await until(() => (fake.quitCalls >= 2 ? fake.quitCalls : undefined));
process.stdout.write(
  `${JSON.stringify({
    singleInstanceRequested: fake.singleInstanceRequested,
    sandbox,
    gettingStarted,
    tray,
    startAtLogin,
    // Quit is asked once, main undoes every setup step (the tray is destroyed), then quits again.
    quit: quitCalls === 2 && fake.trays.every((t) => t.destroyed),
    errorBoxes: dialog.errorBoxes,
  })}\n`,
);
process.exit(0);

// The report's fields:
//   singleInstance.requested            main asked for the single-instance lock
//   singleInstance.secondInstance       {requested, quit, windows, trays} of a start refused the lock
//   tray                                {exists, tooltip, labels, paused: labels, resumed: labels}
//   sandbox.firstStart / .secondStart   {mode, banner, magicNumbers}: what the page's banner reads
//   gettingStarted.firstStart           {due, helpMenu: {item, sent}, dismissed}
//   gettingStarted.secondStart          {due}: false once it was closed
//   startAtLogin                        {offered, default, packaged, platform, file, on, off, unwritable}
//                                       on/off: {saved, entry (the autostart file's text or null), loginItem}
//   quit.firstStart / .secondStart      quit, every step undone, quit again
//   errorBoxes                          start-up failures shown (none)
