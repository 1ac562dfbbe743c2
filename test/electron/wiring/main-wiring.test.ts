import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../shared/ipc/contract.ts';
import { methodChannel } from '../../../shared/ipc/define.ts';
import { SHORTCUTS } from '../../../shared/shortcuts.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
let report: any;
let fakeRoot: string;

// out/ is rebuilt by the global setup (test/global-setup.ts) whenever a source is newer.
beforeAll(() => {
  // The fake's userData and Documents (with the hot folder) are this run's alone.
  fakeRoot = mkdtempSync(join(tmpdir(), 'openfax-wiring-'));
  const out = execFileSync(process.execPath, ['--import', './test/fakes/electron-hooks.mjs', 'test/fakes/run-built-main.ts'], {
    cwd: ROOT,
    env: { ...process.env, FAKE_ELECTRON_ROOT: fakeRoot, OPENFAX_QUIET: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  report = JSON.parse(out.trim().split('\n').pop()!);
}, 120_000);
afterAll(() => rmSync(fakeRoot, { recursive: true, force: true }));

describe('built main process, run against a fake electron', () => {
  it('opens the window with secure preferences', () => {
    expect(report.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
    expect(report.windowOptions).toMatchObject({ minWidth: 960, minHeight: 640 });
  });

  it('loads only files that exist in the build output, at the paths main computes', () => {
    for (const [name, file] of Object.entries(report.files) as Array<[string, { path: string; exists: boolean }]>) {
      expect(file.path, name).toContain(join(ROOT, 'out'));
      expect(file.exists, `${name}: ${file.path}`).toBe(true);
    }
    expect(report.files.preload.path).toMatch(/out\/preload\/index\.cjs$/);
  });

  it('registers one handler for every contract channel and none other', () => {
    expect(report.channels).toEqual(METHOD_NAMES.map(methodChannel).sort());
  });

  it('denies permissions, new windows and navigation away from the app', () => {
    expect(report.permissionRequestDenied).toBe(false);
    expect(report.permissionCheck).toBe(false);
    expect(report.windowOpen).toEqual({ action: 'deny' });
    expect(report.navigationBlocked).toBe(true);
    expect(report.ownNavigationAllowed).toBe(true);
    expect(report.singleInstanceRequested).toBe(true);
  });

  it('answers its own window, refuses other senders, and types a malformed payload', () => {
    expect(report.trusted).toMatchObject({ ok: true, value: { name: 'Openfax Desktop', transport: 'electron', version: '0.0.0-fake' } });
    for (const refused of [report.untrustedFrame, report.subFrame, report.otherSender]) {
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
    expect(report.appMenu.menus).toEqual(['File', 'Edit', 'Go', 'viewMenu', 'windowMenu']);
    expect(report.appMenu.commands).toEqual(
      SHORTCUTS.map((s) => ({ menu: s.menu.in, label: s.menu.label, accelerator: `CmdOrCtrl+${s.key}`, registerAccelerator: false })),
    );
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
});
