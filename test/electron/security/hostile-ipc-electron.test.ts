// A hostile renderer in the desktop app: the BUILT main process, run against the fake electron
// (test/fakes/electron.ts), has every ipcMain handler called with payloads outside its schema
// (structured-cloned as Electron's IPC does, so Maps, Dates, BigInts, typed arrays and NaN
// arrive as such) and with well-formed, harmful requests from senders that are not the app's
// page. It proves that each gets the typed refusal (`invalid-payload`, `forbidden-sender`), that
// no row, file or built-in prototype changed, and that main still answers its page afterwards.
// The driver (hostile-ipc-electron-driver.ts) runs the attacks; the fixed seed is in its report.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../shared/ipc/contract.ts';
import { HOSTILE_SEED } from './hostile-payloads.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
let report: {
  runsPerChannel: number;
  channels: number;
  failures: string[];
  admitted: string[];
  changed: string[];
  prototypeIntruders: string[];
  stillAnswers: boolean;
};
let fakeRoot: string;

// The build is kept current by the global setup (test/global-setup.ts).
beforeAll(() => {
  fakeRoot = mkdtempSync(join(tmpdir(), 'openfax-hostile-electron-'));
  const out = execFileSync(
    process.execPath,
    ['--import', './test/fakes/electron-hooks.mjs', 'test/electron/security/hostile-ipc-electron-driver.ts'],
    { cwd: ROOT, env: { ...process.env, FAKE_ELECTRON_ROOT: fakeRoot, OPENFAX_QUIET: '1' }, encoding: 'utf8', timeout: 90_000 },
  );
  report = JSON.parse(out.trim().split('\n').pop()!);
}, 120_000);
afterAll(() => rmSync(fakeRoot, { recursive: true, force: true }));

describe(`the built main, attacked through ipcMain (seed ${HOSTILE_SEED})`, () => {
  it('tried every channel', () => {
    expect(report.channels).toBe(METHOD_NAMES.length);
    expect(report.runsPerChannel).toBeGreaterThan(0);
  });

  it("answers every payload outside a channel's schema with invalid-payload, briefly", () => {
    expect(report.failures).toEqual([]);
  });

  it('refuses every channel to senders that are not its own page: other contents, subframes, other URLs, a gone frame', () => {
    expect(report.admitted).toEqual([]);
  });

  it('changed nothing (rows, data folder, hot folder, prototypes) and still answers its page', () => {
    expect(report.changed).toEqual([]);
    expect(report.prototypeIntruders).toEqual([]);
    expect(report.stillAnswers).toBe(true);
  });
});
