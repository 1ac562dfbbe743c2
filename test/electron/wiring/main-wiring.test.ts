import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pagePolicy } from '../../../electron/core/renderer-files.ts';
import { METHOD_NAMES } from '../../../shared/ipc/contract.ts';
import { methodChannel } from '../../../shared/ipc/define.ts';
import { PATH_NOT_GRANTED } from '../../../shared/ipc/names.ts';
import { SHORTCUTS } from '../../../shared/shortcuts.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const OUT = resolve(process.env.OPENFAX_OUT_DIR ?? join(ROOT, 'out'));
let report: any;
/** The same main started as a packaged app (FAKE_ELECTRON_PACKAGED=1), reporting its window and menu only. */
let packaged: any;
const fakeRoots: string[] = [];

/** Runs the built main against the fake electron in a child process; answers its JSON report. */
async function runBuiltMain(env: Record<string, string>, args: string[] = []): Promise<any> {
  // The fake's userData and Documents (with the hot folder) are this run's alone.
  const fakeRoot = mkdtempSync(join(tmpdir(), 'openfax-wiring-'));
  fakeRoots.push(fakeRoot);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', './test/fakes/electron-hooks.mjs', 'test/fakes/run-built-main.ts', ...args],
    { cwd: ROOT, env: { ...process.env, FAKE_ELECTRON_ROOT: fakeRoot, OPENFAX_QUIET: '1', ...env }, encoding: 'utf8', timeout: 60_000 },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

// out/ is rebuilt by the global setup (test/global-setup.ts) whenever a source is newer.
beforeAll(async () => {
  [report, packaged] = await Promise.all([runBuiltMain({}), runBuiltMain({ FAKE_ELECTRON_PACKAGED: '1' }, ['--window-only'])]);
}, 120_000);
afterAll(() => {
  for (const root of fakeRoots) rmSync(root, { recursive: true, force: true });
});

describe('built main process, run against a fake electron', () => {
  it('opens the window with secure preferences', () => {
    const secure = {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    };
    expect(report.webPreferences).toMatchObject({ ...secure, devTools: true });
    expect(report.windowOptions).toMatchObject({ minWidth: 960, minHeight: 640 });
    // A packaged app has no DevTools, and its menu offers neither DevTools nor reload.
    expect(packaged.webPreferences).toMatchObject({ ...secure, devTools: false });
    expect(packaged.menus).toContain('View');
    expect(packaged.viewRoles).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'separator', 'togglefullscreen']);
  });

  it('loads only files that exist in the build output, at the paths main computes', () => {
    for (const [name, file] of Object.entries(report.files) as Array<[string, { path: string; exists: boolean }]>) {
      expect(file.path, name).toContain(OUT);
      expect(file.exists, `${name}: ${file.path}`).toBe(true);
    }
    expect(report.files.preload.path).toMatch(/\/preload\/index\.cjs$/);
  });

  it('serves the page from app://openfax/, a privileged scheme registered before ready, never from file://', () => {
    expect(report.loadedUrl).toBe('app://openfax/index.html');
    expect(report.loadedFile).toBeUndefined();
    expect(report.appProtocol.privileged).toEqual([
      { schemes: [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }], afterReady: false },
    ]);
    expect(report.appProtocol.page).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', html: true });
    // pdf.js's worker is a module script: it must come with a JavaScript type.
    expect(report.appProtocol.worker).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
    expect(report.appProtocol.worker.bytes).toBeGreaterThan(100_000);
    // Every response carries the page's own policy: a worker takes its CSP from its script's response.
    const policy = pagePolicy(readFileSync(join(OUT, 'renderer', 'index.html'), 'utf8'));
    expect(policy).toMatch(/^default-src 'none'; script-src 'self'/);
    expect(report.appProtocol.page.csp).toBe(policy);
    expect(report.appProtocol.worker.csp).toBe(policy);
    expect(report.appProtocol.head).toMatchObject({ status: 200, bytes: 0 });
    expect(report.appProtocol.post.status).toBe(405);
  });

  it('answers 404 to every request for a file outside the renderer folder', () => {
    const statuses = Object.values(report.appProtocol.refused);
    expect(statuses).toHaveLength(10);
    expect(new Set(statuses)).toEqual(new Set([404]));
  });

  it('registers one handler for every contract channel and none other', () => {
    expect(report.channels).toEqual(METHOD_NAMES.map(methodChannel).sort());
  });

  it('denies permissions, new windows and navigation away from the app', () => {
    expect(report.permissionRequestDenied).toBe(false);
    expect(report.permissionCheck).toBe(false);
    expect(report.windowOpen).toEqual({ action: 'deny' });
    // Every new window is denied; only the https page on Openfax's own site goes to the browser.
    expect(report.externals.answers).toEqual(Array(5).fill({ action: 'deny' }));
    expect(report.externals.opened).toEqual(['https://openfax.com/help']);
    expect(report.navigationBlocked).toBe(true);
    expect(report.fileNavigationBlocked).toBe(true);
    expect(report.ownNavigationAllowed).toBe(true);
    expect(report.singleInstanceRequested).toBe(true);
  });

  it('answers its own window, refuses other senders, and types a malformed payload', () => {
    expect(report.trusted).toMatchObject({ ok: true, value: { name: 'Openfax Desktop', transport: 'electron', version: '0.0.0-fake' } });
    for (const refused of [report.untrustedFrame, report.subFrame, report.otherSender, report.fileFrame, report.otherPath]) {
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    expect(report.malformed).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });

  it('opens PDFs handed over by the OS ("Open with", a second launch) in Compose and shows Compose', () => {
    expect(report.openWith.documents).toEqual([
      { name: 'Invoice 42.pdf', pages: 2 },
      { name: 'Second launch.pdf', pages: 1 },
    ]);
    // Held while the page loaded, delivered in order once it said it listens.
    expect(report.openWith.heldBeforeReady).toEqual([]);
    expect(report.openWith.delivered).toBeGreaterThanOrEqual(2);
    expect(report.openWith.sent).toContain('openfax-event:navigate');
    expect(report.openWith.sent).toContain('openfax-event:composeChanged');
  });

  it('applies OS-level settings and closes the services before quitting', () => {
    expect(report.theme).toEqual({ ok: true, themeSource: 'dark' });
    // An unpackaged build never registers itself as a login item.
    expect(report.loginItem).toBeNull();
    expect(report.errorBoxes).toEqual([]);
    expect(report.quitAfterDispose).toBe(true);
  });

  it('pauses and resumes the hot folder from the tray, and the menu follows', () => {
    expect(report.tray).toEqual({ before: { label: 'Pause the hot folder', enabled: true }, paused: 'paused', resumed: 'watching' });
  });

  it('lists every shortcut in the menu bar with its key, leaves the key to the page, and runs the command in it', () => {
    expect(report.appMenu.menus).toEqual(['File', 'Edit', 'Go', 'View', 'windowMenu', 'Help']);
    // An unpackaged (development) build keeps reload and DevTools in its View menu.
    expect(report.appMenu.viewRoles).toEqual(expect.arrayContaining(['reload', 'toggleDevTools', 'zoomIn', 'togglefullscreen']));
    expect(report.appMenu.commands).toEqual([
      ...SHORTCUTS.map((s) => ({ menu: s.menu.in, label: s.menu.label, accelerator: `CmdOrCtrl+${s.key}`, registerAccelerator: false })),
      // Not a shortcut: it shows a page (test/electron/wiring/first-run.test.ts).
      { menu: 'Help', label: 'Getting started' },
    ]);
    expect(report.appMenu.ran).toEqual({ id: 'newFax' });
  });

  it('opens a new window on Compose when a print arrives while the window is closed', () => {
    expect(report.closedWindowPrint.reopened).toBe(true);
    expect(report.closedWindowPrint.documents).toHaveLength(3);
    expect(report.closedWindowPrint.documents[2]).toMatch(/^Printed while closed \d+\.pdf$/);
    // The new window's page hears "show Compose" although it was sent while the page loaded.
    expect(report.closedWindowPrint.delivered).toBeGreaterThan(0);
    expect(report.closedWindowPrint.sent).toContainEqual({ channel: 'openfax-event:navigate', payload: { screen: 'compose' } });
  });

  it('refuses, unread, a path named over the real channel that no drop granted, and takes a dropped one', () => {
    const { before, named, afterNamed, granted, dropped } = report.composePaths;
    expect(named).toEqual({
      added: 0,
      refused: [
        { name: 'Not dropped.pdf', ...PATH_NOT_GRANTED },
        { name: 'passwd', ...PATH_NOT_GRANTED },
      ],
    });
    expect(afterNamed).toEqual(before);
    expect(granted).toEqual({ granted: 1 });
    expect(dropped).toEqual(['Not dropped.pdf']);
  });
});

describe('built main, packaged, started with a remote-debugging switch', () => {
  /** Loads the built main with `args` on its command line; answers what its first, synchronous turn did. */
  async function startWith(args: string[], packagedApp: boolean) {
    const fakeRoot = mkdtempSync(join(tmpdir(), 'openfax-wiring-'));
    fakeRoots.push(fakeRoot);
    const code = `
      const { fake } = await import('./test/fakes/electron.ts');
      await import(${JSON.stringify(join(OUT, 'main', 'index.js'))});
      // Everything else (the instance lock, then start-up on ready) follows the switch check.
      process.stdout.write(JSON.stringify({ exitCode: fake.exitCode ?? null, windows: fake.windows.length, lock: fake.singleInstanceRequested }));
      process.exit(0);`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', './test/fakes/electron-hooks.mjs', '--input-type=module', '-e', code, '--', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, FAKE_ELECTRON_ROOT: fakeRoot, OPENFAX_QUIET: '1', FAKE_ELECTRON_PACKAGED: packagedApp ? '1' : '0' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    return JSON.parse(stdout);
  }

  it('exits before opening anything, so no other program can drive the window', async () => {
    for (const sw of ['--remote-debugging-port=9222', '--remote-debugging-pipe']) {
      expect(await startWith([sw], true), sw).toEqual({ exitCode: 1, windows: 0, lock: false });
    }
    // A developer's unpackaged run keeps the switch, and goes on to the instance lock.
    expect(await startWith(['--remote-debugging-port=9222'], false)).toEqual({ exitCode: null, windows: 0, lock: true });
  }, 60_000);
});
