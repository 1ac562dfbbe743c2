// The updater's wiring in the BUILT main, started as a packaged app against the fake electron
// (test/fakes/run-built-updater.ts): electron-updater reads the feed electron-builder wrote into
// app-update.yml, downloads the newer version through Electron's `net` (the fake's), and the
// renderer hears "ready"; the tray offers the restart. Then, for a .deb: "Restart now" with the
// password dialog canceled comes back as ready (a closed window comes back with it, and the OS
// is told), accepted it runs dpkg and quits to start again; a plain quit installs nothing, and
// a launch made while it quits starts once it has ended. An AppImage is started again only after this process ends. An
// updater that cannot start leaves the app running without updates.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const roots: string[] = [];
const reports: Record<string, any> = {};

async function run(scenario: string, env: Record<string, string> = {}): Promise<any> {
  const root = mkdtempSync(join(tmpdir(), `openfax-updater-wiring-${scenario}-`));
  roots.push(root);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', './test/fakes/electron-hooks.mjs', 'test/fakes/run-built-updater.ts'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        FAKE_ELECTRON_ROOT: join(root, 'electron'),
        FAKE_ELECTRON_PACKAGED: '1',
        FAKE_ELECTRON_RESOURCES: join(root, 'resources'),
        XDG_CACHE_HOME: join(root, 'cache'),
        OPENFAX_QUIET: '1',
        UPDATER_SCENARIO: scenario,
        ...env,
      },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
}

beforeAll(async () => {
  const [restart, quit, appimage, broken] = await Promise.all([
    run('restart'),
    run('quit'),
    run('appimage'),
    run('broken', { FAKE_ELECTRON_VERSION: '1.0' }),
  ]);
  Object.assign(reports, { restart, quit, appimage, broken });
}, 90_000);
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

const DEB = '/openfax-desktop_9.1.0_amd64.deb';

describe('the updater wired into the built main (packaged, .deb)', () => {
  it('takes its feed from the app-update.yml electron-builder wrote', () => {
    const { before } = reports.restart;
    expect(before).toMatchObject({ supported: true, currentVersion: '0.0.0-fake', phase: 'idle', postponed: false });
    expect(before.defaultFeedUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(before.feedUrl).toBe(before.defaultFeedUrl);
  });

  it('checks through Electron’s net, downloads the .deb and tells the renderer it is ready, and that a password will be asked', () => {
    const r = reports.quit;
    expect(r.checked.lastCheck).toMatchObject({ outcome: 'found', message: 'Version 9.1.0 is available; it is downloading.' });
    expect(r.ready).toMatchObject({
      phase: 'ready',
      version: '9.1.0',
      postponed: false,
      installHint: 'Restart now to install it: you will be asked for your password.',
      lastCheck: { message: 'Version 9.1.0 is ready. Restart now to install it: you will be asked for your password.' },
    });
    expect(r.phases).toEqual(expect.arrayContaining(['checking', 'downloading', 'ready']));
    expect(r.feedRequests).toEqual([expect.stringMatching(/^\/latest-linux(-arm64)?\.yml$/), DEB]);
    // Every request went through electron's net (the fake's), none around it.
    expect(r.netRequests).toHaveLength(2);
    expect(r.cached).toEqual(['openfax-desktop_9.1.0_amd64.deb']);
  });

  it('offers "Restart to update" in the tray once ready, and "Later" hides the bar', () => {
    const r = reports.quit;
    expect(r.trayBefore.some((l: string) => l.startsWith('Restart to update'))).toBe(false);
    expect(r.trayReady).toContain('Restart to update to 9.1.0');
    expect(r.trayReady.indexOf('Restart to update to 9.1.0')).toBe(r.trayReady.indexOf('Quit') - 1);
    expect(r.postponed).toMatchObject({ phase: 'ready', postponed: true });
  });

  it('a plain quit installs nothing (no password dialog as the app closes) and quits through the usual path', () => {
    const r = reports.quit;
    // The fake app reached 'quit', where electron-updater would install when told to on quit.
    expect(r.quitEmitted).toBe(true);
    expect(r.quitCalls).toBe(2);
    expect(r.calls).toEqual([]);
  });

  it('a launch made while a plain quit runs is started again once, after this one ends, with its document', () => {
    const r = reports.quit;
    expect(r.windowsOpenedWhileQuitting).toBe(0);
    // Two launches, one relaunch: this program again, with the document and not the other switches.
    expect(r.relaunchOptions).toEqual([{ args: ['/home/someone/Letter.pdf'] }]);
  });

  it('"Restart now" with the password dialog canceled: nothing installed, the app stays, the update is ready again', () => {
    const r = reports.restart;
    expect(r.restarting).toMatchObject({ phase: 'restarting', installHint: 'Enter your password when the system asks for it.' });
    expect(r.failed).toMatchObject({ phase: 'ready', version: '9.1.0', lastCheck: { outcome: 'install-failed' } });
    expect(r.failed.lastCheck.message).toMatch(
      /^Version 9\.1\.0 could not be installed \(.+\)\. Openfax Desktop is unchanged: Restart now tries again\.$/,
    );
    // pkexec was asked (twice: electron-updater tries apt-get -f after a failed dpkg), dpkg never ran.
    expect(r.callsAfterCancel.length).toBeGreaterThan(0);
    expect(r.callsAfterCancel.every((c: string) => c.startsWith('pkexec '))).toBe(true);
    expect(r.quitCallsAfterCancel).toBe(0);
  });

  it('a failed "Restart now" after the window had closed brings a window back, in front, and the OS says why', () => {
    const r = reports.restart;
    expect(r.windowBack).toMatchObject({ opened: true, shown: true, loadedUrl: 'app://openfax/index.html' });
    expect(r.alert).toEqual({ title: 'Openfax Desktop was not updated', body: r.failed.lastCheck.message });
  });

  it('"Restart now" accepted: dpkg installs the cached .deb under pkexec, the app is started again after it quits', () => {
    const r = reports.restart;
    const dpkg = r.calls.filter((c: string) => c.startsWith('dpkg '));
    expect(dpkg).toEqual([expect.stringMatching(/^dpkg -i \/.+\/openfax-desktop-updater\/pending\/openfax-desktop_9\.1\.0_amd64\.deb$/)]);
    expect(r.calls.at(-2)).toMatch(/^pkexec --disable-internal-agent \/bin\/bash -c dpkg -i /);
    expect(r.relaunches).toBe(1);
    expect(r.quitEmitted).toBe(true);
    expect(r.quitCalls).toBe(2);
  });

  it('a second launch while quitting to install opens no window and is not started beside the new version', () => {
    const r = reports.restart;
    expect(r.windowsOpenedWhileQuitting).toBe(0);
    // The one relaunch is electron-updater's, to start the installed version.
    expect(r.relaunchOptions).toEqual([{}]);
  });
});

describe('an AppImage', () => {
  it('swaps the file, and the new one is started by Electron after this process ends, not by the updater before', () => {
    const r = reports.appimage;
    expect(r.ready).toMatchObject({ phase: 'ready', installHint: 'Restart now to install it.' });
    expect(r.appImages).toEqual(['Openfax-Desktop-9.1.0.AppImage']);
    // electron-updater ran the new file once, to integrate and exit, not to start the app.
    expect(r.started).toEqual(['exit-after-install=true']);
    expect(r.relaunchOptions).toEqual([{ execPath: r.newAppImage }]);
    expect(r.quitEmitted).toBe(true);
  });
});

describe('an updater that cannot start', () => {
  it('leaves the app running, without updates, and says why', () => {
    const r = reports.broken;
    expect(r.before).toMatchObject({ supported: false, currentVersion: '1.0', phase: 'idle' });
    expect(r.before.note).toBe(
      'Updates are off in this copy: the updater could not start (App version is not a valid semver version: "1.0").',
    );
    expect(r.quitEmitted).toBe(true);
  });
});
