// Several real `openfax` processes on one data folder: a busy `watch --sandbox`, `status
// --sandbox` beside it, and a second watcher. Each must run (no "database is locked"), and
// the one that does not send says who does and what to do.

import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePdf } from '../outbox/harness.ts';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'openfax.mjs');
let dir: string;
let dataDir: string;
const children: ChildProcessWithoutNullStreams[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-cli-shared-'));
  dataDir = join(dir, 'data');
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Running {
  child: ChildProcessWithoutNullStreams;
  out: () => string;
  err: () => string;
  exited: Promise<number>;
}

function start(args: string[]): Running {
  const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, ...args], {
    env: { ...process.env, OPENFAX_LOG_LEVEL: 'error', OPENFAX_QUIET: '' },
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : -1))));
  return { child, out: () => out, err: () => err, exited };
}

describe('one data folder, several openfax processes', () => {
  it('two watch --sandbox start at once on a new folder, status --sandbox runs beside them, and the one that waits says who sends', {
    timeout: 90_000,
  }, async () => {
    const hot = [join(dir, 'hot-a'), join(dir, 'hot-b')];
    for (const h of hot) mkdirSync(h);
    const watchers = hot.map((h) => start(['watch', h, '--sandbox', '--sandbox-speed', '500']));
    for (const w of watchers) await expect.poll(() => w.err(), { timeout: 20_000 }).toMatch(/Watching /);
    // Exactly one sends; the other names it, says what happens and what to do.
    const waiting = watchers.filter((w) => /is in use by process/.test(w.err()));
    expect(waiting).toHaveLength(1);
    const [follower] = waiting;
    const sender = watchers.find((w) => w !== follower);
    expect(follower?.err()).toContain(`is in use by process ${sender?.child.pid} on this computer`);
    expect(follower?.err()).toMatch(/this command queues its faxes for it/);
    expect(follower?.err()).toMatch(/give this one its own --data-dir/);

    for (let i = 1; i <= 12; i++) writeFileSync(join(hot[0] as string, `12025550166 - invoice ${i}.pdf`), await makePdf(1, `invoice ${i}`));
    await expect.poll(() => watchers[0]?.out(), { timeout: 20_000 }).toMatch(/queued/);

    // Two at a time, while the watchers write: each opens both databases, reads, and exits 0.
    for (let round = 0; round < 4; round++) {
      const pair = [start(['status', '--sandbox']), start(['status', '--sandbox'])];
      const codes = await Promise.all(pair.map((p) => p.exited));
      pair.forEach((p, i) => {
        expect({ code: codes[i], err: p.err() }).toMatchObject({ code: 0 });
        expect(p.out()).toMatch(/\d+ fax(es)?: /);
        expect(p.err()).not.toMatch(/locked|busy|unexpected error/i);
      });
    }

    for (const w of watchers) w.child.kill('SIGINT');
    for (const w of watchers) expect(await w.exited).toBe(0);
    for (const w of watchers) expect(w.err()).not.toMatch(/locked|unexpected error/i);
  });
});
