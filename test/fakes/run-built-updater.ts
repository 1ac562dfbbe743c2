// Child-process driver: the BUILT main (out/main/index.js, or $OPENFAX_OUT_DIR's) started as a
// packaged app against the fake electron, with electron-builder's resources/app-update.yml (and
// package-type for a .deb install) pointing at a local feed. It checks for an update the way the
// renderer asks, waits for the ready event, then plays $UPDATER_SCENARIO and prints one JSON
// report. electron-updater runs whole: its DebUpdater or AppImageUpdater, its Electron HTTP
// client over the fake `net`, its cache folder (under $XDG_CACHE_HOME), and for a .deb its
// pkexec and dpkg, found on PATH: stubs here that record what they were asked to run.
//
//   restart   (.deb) "Restart now" with the password dialog canceled (the window closed
//             meanwhile, as macOS closes it), then again, accepted; a second launch while it quits
//   quit      (.deb) a plain quit with an update ready, and a second launch (twice) while it quits
//   appimage  "Restart now" for an AppImage
//   broken    an updater that cannot start (a version electron-updater refuses)

import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startFeed } from '../electron/update/feed-server.ts';
import { app, fake, net } from './electron.ts';
import { until } from './until.ts';

const scenario = process.env.UPDATER_SCENARIO ?? 'restart';
const resources = process.env.FAKE_ELECTRON_RESOURCES;
const root = process.env.FAKE_ELECTRON_ROOT;
if (!resources || !root) throw new Error('FAKE_ELECTRON_RESOURCES and FAKE_ELECTRON_ROOT must be set');

// pkexec runs the command it is given unless `cancel` exists (the person canceled the dialog:
// exit 126); dpkg and apt-get only record. Every call goes to calls.log.
const bin = join(root, 'bin');
mkdirSync(bin, { recursive: true });
const calls = join(bin, 'calls.log');
const stub = (name: string, body: string) => {
  writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> '${calls}'\n${body}\n`);
  chmodSync(join(bin, name), 0o755);
};
stub('pkexec', `[ -e '${join(bin, 'cancel')}' ] && exit 126\nshift\nexec "$@"`);
stub('dpkg', 'exit 0');
stub('apt-get', 'exit 1');
process.env.PATH = `${bin}:${process.env.PATH}`;
// As a person's session, not root (CI runs as root): electron-updater then asks pkexec.
Object.assign(process, { getuid: () => 1000 });
const callsSoFar = () => (existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : []);

const appImage = scenario === 'appimage';
const fileName = appImage ? 'Openfax-Desktop-9.1.0.AppImage' : 'openfax-desktop_9.1.0_amd64.deb';
// The "new AppImage" records how it was started (electron-updater runs it once to integrate it).
const apps = join(root, 'apps');
const marker = join(apps, 'started.txt');
const file = appImage
  ? Buffer.from(`#!/bin/sh\necho "exit-after-install=$APPIMAGE_EXIT_AFTER_INSTALL" >> '${marker}'\n`)
  : Buffer.concat([Buffer.from('!<arch>\ndebian-binary   '), Buffer.alloc(64 * 1024, 3)]);
const feed = await startFeed({ version: '9.1.0', fileName, file });
mkdirSync(resources, { recursive: true });
writeFileSync(join(resources, 'app-update.yml'), `provider: generic\nurl: ${feed.url}\nupdaterCacheDirName: openfax-desktop-updater\n`);
if (appImage) {
  mkdirSync(apps, { recursive: true });
  process.env.APPIMAGE = join(apps, 'Openfax-Desktop-0.0.0.AppImage');
  writeFileSync(process.env.APPIMAGE, 'the running AppImage');
} else writeFileSync(join(resources, 'package-type'), 'deb\n');

const outDir = resolve(process.env.OPENFAX_OUT_DIR ?? resolve(import.meta.dirname, '../../out'));
await import(join(outDir, 'main', 'index.js'));
const first = await until(() => fake.windows[0], 10_000);
if (!first) throw new Error('main.ts created no window');
let win = first;
const ownUrl = first.loadedUrl ?? '';
/** As the renderer of the window open now asks. */
const invoke = async (channel: string, payload?: unknown) =>
  (await fake.handlers.get(`openfax:${channel}`)?.(
    { sender: win.webContents, senderFrame: { url: ownUrl, parent: null } },
    payload,
  )) as any;

type Item = { label?: string; click?: () => void };
const trayLabels = () => ((fake.trays[0]?.menu as { template: Item[] } | undefined)?.template ?? []).map((i) => i.label ?? '—');
// Every window's, oldest first: a window opened again gets the events from then on.
const updateEvents = () =>
  fake.windows.flatMap((w) => w.webContents.sent.filter((m) => m.channel === 'openfax-event:updateChanged').map((m) => m.payload as any));
/** A second launch while quitting (the window already gone): no window for a process about to end. */
const secondLaunch = () => {
  const windowsBefore = fake.windows.length;
  win.destroyed = true;
  app.emit('second-instance', {}, ['/opt/Openfax Desktop/openfax-desktop', '--flag', '/home/someone/Letter.pdf'], '/home/someone');
  return fake.windows.length - windowsBefore;
};
const report: Record<string, unknown> = { scenario };
const finish = async () => {
  await feed.close();
  Object.assign(report, {
    phases: updateEvents().map((v) => v.phase),
    feedRequests: feed.requests,
    netRequests: net.requests,
    calls: callsSoFar(),
    relaunches: fake.relaunches,
    relaunchOptions: fake.relaunchOptions,
    notifications: fake.notifications,
    quitCalls: fake.quitCalls,
    quitEmitted: fake.quitEmitted,
  });
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exit(0);
};
const quitDone = () => until(() => (fake.quitEmitted ? true : undefined), 20_000);

await invoke('rendererReady');
report.before = (await invoke('getUpdate')).value;
if (scenario === 'broken') {
  app.quit();
  await quitDone();
  await finish();
}
report.trayBefore = trayLabels();
report.checked = (await invoke('checkForUpdate')).value;
report.ready = await until(() => updateEvents().find((v) => v.phase === 'ready'), 20_000);
report.trayReady = trayLabels();
const cacheDir = join(process.env.XDG_CACHE_HOME ?? '', 'openfax-desktop-updater', 'pending');
report.cached = existsSync(cacheDir) ? readdirSync(cacheDir).filter((f) => f.endsWith('.deb') || f.endsWith('.AppImage')) : [];

if (scenario === 'quit') {
  report.postponed = (await invoke('postponeUpdate')).value;
  app.quit();
  // The person starts the app again as it quits: started again once, after this one has ended.
  report.windowsOpenedWhileQuitting = secondLaunch() + secondLaunch();
  await quitDone();
} else if (scenario === 'restart') {
  // The password dialog is canceled: dpkg never runs, the app stays, the update is ready again.
  writeFileSync(join(bin, 'cancel'), '');
  report.restarting = (await invoke('restartToUpdate')).value;
  // Every window closes while the installer runs, as Electron does before Squirrel.Mac installs.
  const closed = win;
  closed.close();
  report.alert = await until(() => fake.notifications.find((n) => n.title === 'Openfax Desktop was not updated'), 20_000);
  // The failure brought a window back, in front, where the renderer asks again.
  win = (await until(() => fake.windows.find((w) => !w.destroyed), 5_000)) ?? closed;
  report.windowBack = { opened: win !== closed, shown: win.shows > 0, loadedUrl: win.loadedUrl };
  await invoke('rendererReady');
  report.failed = (await invoke('getUpdate')).value;
  report.callsAfterCancel = callsSoFar();
  report.quitCallsAfterCancel = fake.quitCalls;
  // Accepted: dpkg installs the cached file, electron-updater asks Electron to start the app
  // again after it exits, and the app quits through its usual path.
  rmSync(join(bin, 'cancel'));
  await invoke('restartToUpdate');
  await until(() => (fake.quitCalls >= 1 ? true : undefined), 20_000);
  // Quitting to install: the installer starts the new version; the second launch is not started as well.
  report.windowsOpenedWhileQuitting = secondLaunch();
  await quitDone();
} else if (scenario === 'appimage') {
  await invoke('restartToUpdate');
  await quitDone();
  report.appImages = readdirSync(apps).filter((f) => f.endsWith('.AppImage'));
  report.started = existsSync(marker) ? readFileSync(marker, 'utf8').trim().split('\n') : [];
  report.newAppImage = join(apps, fileName);
}
await finish();
