// Child-process driver: loads the BUILT main (out/main/index.js) against the fake electron,
// exercises it like a renderer would, and prints one JSON report for the test to judge.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fake } from './electron.ts';

const mainPath = resolve(import.meta.dirname, '../../out/main/index.js');
await import(mainPath);
const deadline = Date.now() + 10_000;
while (fake.windows.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
const win = fake.windows[0];
if (!win) throw new Error('main.ts created no window');

async function invoke(channel: string, payload: unknown, sender: unknown, url: string, parent: unknown = null) {
  const handler = fake.handlers.get(channel);
  if (!handler) return { missing: channel };
  return handler({ sender, senderFrame: { url, parent } }, payload);
}

const ownUrl = `file://${win.loadedFile}`;
const report = {
  webPreferences: win.options.webPreferences,
  windowOptions: { minWidth: win.options.minWidth, minHeight: win.options.minHeight, icon: win.options.icon },
  loadedFile: win.loadedFile,
  files: {
    preload: { path: win.options.webPreferences.preload, exists: existsSync(win.options.webPreferences.preload) },
    renderer: { path: win.loadedFile, exists: !!win.loadedFile && existsSync(win.loadedFile) },
    icon: { path: win.options.icon, exists: existsSync(win.options.icon) },
    trayIcon: { path: fake.trays[0]?.image.path, exists: !!fake.trays[0] && existsSync(fake.trays[0].image.path) },
  },
  channels: [...fake.handlers.keys()].sort(),
  singleInstanceRequested: fake.singleInstanceRequested,
  permissionRequestDenied: await new Promise((r) => fake.permissionRequestHandler?.({}, 'media', r)),
  permissionCheck: fake.permissionCheckHandler?.({}, 'notifications'),
  windowOpen: win.webContents.windowOpenHandler?.({ url: 'https://evil.example/' }),
  navigationBlocked: (() => {
    let prevented = false;
    win.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://evil.example/');
    return prevented;
  })(),
  ownNavigationAllowed: (() => {
    let prevented = false;
    win.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, ownUrl);
    return !prevented;
  })(),
  trusted: await invoke('openfax:getAppInfo', undefined, win.webContents, ownUrl),
  untrustedFrame: await invoke('openfax:getAppInfo', undefined, win.webContents, 'https://evil.example/'),
  subFrame: await invoke('openfax:getAppInfo', undefined, win.webContents, ownUrl, {}),
  otherSender: await invoke('openfax:getAppInfo', undefined, {}, ownUrl),
  malformed: await invoke('openfax:getAppInfo', { unexpected: 1 }, win.webContents, ownUrl),
};
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(0);
