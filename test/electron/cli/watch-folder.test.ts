// `openfax watch DIR` passes the app's hot folder gate before it touches DIR: the home folder,
// Documents, a system folder or the data folder is refused (exit 2, nothing moved); a folder
// that already holds files is refused with what is in it unless --take-existing says yes; and
// a folder it watched before is not asked about again when it restarts.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { runCliIn } from './run-cli.ts';

let root: string;
let home: string;
let dataDir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'openfax-watch-gate-'));
  home = join(root, 'home', 'ann');
  dataDir = join(root, 'data');
  mkdirSync(join(home, 'Documents'), { recursive: true });
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Someone's own files, one a routed PDF the watcher would fax at once. */
async function ownFiles(folder: string): Promise<string[]> {
  mkdirSync(join(folder, 'Old scans'), { recursive: true });
  writeFileSync(join(folder, '12125550161 - invoice.pdf'), await makePdf({ pages: ['Invoice 7'] }));
  writeFileSync(join(folder, 'notes.txt'), 'mine');
  return readdirSync(folder).sort();
}

const env = () => ({ HOME: home, USERPROFILE: home });
// A watcher that started by mistake stops by itself, so the test fails on its exit code instead of hanging.
const stopAnyway = () => ({ signal: AbortSignal.timeout(15_000) });

/** `openfax watch` left running until `until` is seen on stderr, then stopped with Ctrl-C. */
async function watchUntil(args: string[], until: RegExp): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const controller = new AbortController();
  const running = runCli(['--data-dir', dataDir, '--sandbox', '--sandbox-speed', '3000', 'watch', ...args], {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    env: { OPENFAX_QUIET: '1', ...env() },
    signal: controller.signal,
  });
  await vi.waitFor(() => expect(err + out).toMatch(until), { timeout: 20_000, interval: 20 });
  controller.abort();
  return { code: await running, out, err };
}

describe('openfax watch DIR', () => {
  it('refuses the home folder, Documents, a system folder and the data folder: exit 2, words, nothing moved', async () => {
    const before = await ownFiles(home);
    mkdirSync(dataDir, { recursive: true });
    for (const [dir, words] of [
      [home, /is your home folder/],
      [join(home, 'Documents'), /is your Documents folder/],
      ['/etc', /is a system folder/],
      [dataDir, /where Openfax Desktop keeps its own data/],
    ] as const) {
      // --take-existing says yes to files, never to these.
      const r = await runCliIn(dataDir, ['--sandbox', 'watch', dir, '--take-existing'], env(), stopAnyway());
      expect({ code: r.code, err: r.err }, dir).toEqual({
        code: 2,
        err: expect.stringMatching(
          new RegExp(`^openfax: .*${words.source}.*\\nNothing in it was moved\\. Give openfax watch a folder of its own`, 's'),
        ),
      });
      expect(r.err, dir).not.toMatch(/Watching/);
    }
    expect(readdirSync(home).sort()).toEqual(before);
    expect(existsSync(join(home, 'Rejected'))).toBe(false);
  });

  it('refuses a folder of files with its listing unless --take-existing, then does not ask again', async () => {
    const shared = join(root, 'Shared');
    const before = await ownFiles(shared);

    const refused = await runCliIn(dataDir, ['--sandbox', 'watch', shared], env(), stopAnyway());
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`openfax: ${shared} already holds 3 items. In it: 12125550161 - invoice.pdf, notes.txt, Old scans/.`);
    expect(refused.err).toMatch(/Nothing in it was moved\. If that is what you want, run it again with --take-existing/);
    expect(readdirSync(shared).sort()).toEqual(before);
    expect(existsSync(join(shared, 'Rejected'))).toBe(false);

    // The person said yes: it names what it takes, and takes it.
    const yes = await watchUntil([shared, '--take-existing'], /queued +12125550161 - invoice\.pdf/);
    expect(yes.code).toBe(0);
    expect(yes.err).toContain(`${shared} already holds 3 items. In it: 12125550161 - invoice.pdf, notes.txt, Old scans/.`);
    expect(yes.err).toMatch(/Taking them like new ones \(--take-existing\)/);

    // Restarted (a service after a reboot) with files waiting: watched without the flag.
    writeFileSync(join(shared, 'waiting.txt'), 'printed while it was down');
    const again = await watchUntil([shared], /Watching /);
    expect(again.code).toBe(0);
    expect(again.err).not.toMatch(/already holds/);
  }, 60_000);

  it('watches a new empty folder without asking', async () => {
    const fresh = join(root, 'Fresh');
    const r = await watchUntil([fresh], /Watching /);
    expect(r.code).toBe(0);
    expect(r.err).not.toMatch(/already holds/);
    expect(existsSync(fresh)).toBe(true);
  });

  it('says so in its help', async () => {
    const r = await runCliIn(dataDir, ['help', 'watch']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--take-existing +Watch DIR although it already holds files/);
    expect(r.out).toMatch(/2 DIR cannot be watched, or holds files and --take-existing\nwas not given/);
  });
});
