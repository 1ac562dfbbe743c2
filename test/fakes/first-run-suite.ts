// What a new user's first start of the installed app must give, as test/fakes/run-first-run.ts
// reports it: one suite, run against the built main (test/electron/wiring/first-run.test.ts)
// and against the packaged app extracted from its archive (test/packaging/packaged-app.test.ts).

import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const APPIMAGE = '/home/someone/Applications/Openfax Desktop-1.0.0.AppImage';

/**
 * Defines the suite. `outDir` answers the build to start (undefined: $OPENFAX_OUT_DIR or out/);
 * it is asked for when the suite runs, so a packaging step before it can make the build.
 */
export function describeFirstRun(title: string, outDir: () => string | undefined = () => undefined): void {
  let report: any;
  beforeAll(async () => {
    const dir = outDir();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', './test/fakes/electron-hooks.mjs', 'test/fakes/run-first-run.ts'],
      // An installed app (login items register), started from an AppImage.
      {
        cwd: ROOT,
        env: { ...process.env, FAKE_ELECTRON_PACKAGED: '1', APPIMAGE, ...(dir ? { OPENFAX_OUT_DIR: dir } : {}) },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    report = JSON.parse(stdout.trim().split('\n').pop()!);
  }, 150_000);

  describe(title, () => {
    it('runs as a single instance: a second start hands over and quits without a window or a tray', () => {
      expect(report.singleInstance).toEqual({ requested: true, secondInstance: { requested: true, quit: true, windows: 0, trays: 0 } });
    });

    it('puts a tray icon up whose menu follows the hot folder', () => {
      expect(report.tray).toMatchObject({ exists: true, tooltip: 'Openfax' });
      expect(report.tray.labels).toEqual(expect.arrayContaining(['Open Openfax', 'Outbox', 'Pause the hot folder', 'Quit']));
      // Paused from the tray: that one item changes, nothing else.
      const swap = (labels: string[]) => labels.map((l) => (l === 'Resume the hot folder' ? 'Pause the hot folder' : l));
      expect(report.tray.paused).toContain('Resume the hot folder');
      expect(report.tray.paused).not.toContain('Pause the hot folder');
      expect(swap(report.tray.paused)).toEqual(report.tray.labels);
      expect(report.tray.resumed).toEqual(report.tray.labels);
    });

    it('starts in the sandbox, which the page shows with its banner, on every start until an account is connected', () => {
      expect(report.sandbox.firstStart).toEqual({ mode: 'sandbox', banner: true, magicNumbers: expect.any(Number) });
      expect(report.sandbox.firstStart.magicNumbers).toBeGreaterThan(0);
      expect(report.sandbox.secondStart.mode).toBe('sandbox');
    });

    it('shows Getting started on the first start, from the Help menu at any time, and not by itself once closed', () => {
      expect(report.gettingStarted.firstStart).toEqual({ due: true, helpMenu: { item: true, sent: true }, dismissed: true });
      expect(report.gettingStarted.secondStart).toEqual({ due: false });
    });

    it('offers start at login, off by default; on Linux it writes the autostart entry and removes it again', () => {
      const s = report.startAtLogin;
      expect(s).toMatchObject({ offered: true, default: false, packaged: true, platform: process.platform });
      if (process.platform !== 'linux') return;
      expect(s.file).toMatch(/\/autostart\/openfax-desktop\.desktop$/);
      expect(s.on.saved).toBe(true);
      // The AppImage itself (not its temporary mount), quoted for its spaces, started in the tray.
      expect(s.on.entry).toMatch(/^Exec="\/home\/someone\/Applications\/Openfax Desktop-1\.0\.0\.AppImage" --hidden$/m);
      expect(s.on.loginItem).toBeNull();
      expect(s.off).toEqual({ saved: true, entry: null, loginItem: null });
    });

    it('where the config folder cannot be written, turns the setting back off and says why', () => {
      if (process.platform !== 'linux') return;
      const u = report.startAtLogin.unwritable;
      expect(u.settingAfter).toBe(false);
      expect(u.answer).toBe(false);
      expect(u.notice).toMatchObject({ level: 'error', title: 'Start at login is not available' });
      expect(u.notice.message).toMatch(/cannot be written \(ENOTDIR\)\. Add it in your desktop’s startup settings instead/);
    });

    it('quits cleanly: every setup step undone, then quit', () => {
      expect(report.quit).toEqual({ firstStart: true, secondStart: true });
      expect(report.errorBoxes).toEqual([]);
    });
  });
}
