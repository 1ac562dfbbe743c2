// `npm start`: with the binary there it launches it; without, electron's real installer fetches it
// from a mirror of the test's own, given up only when the download stalls (a slow line that keeps
// sending is waited for), and a failure is one line that points at `npm run web`, fast when the
// network is refused. The script is pointed at electron package folders of the test's own
// (OPENFAX_ELECTRON_DIR), so the real node_modules/electron is never touched.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'openfax-npm-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Where electron's installer puts the executable in its zip, as its path.txt names it. */
const PLATFORM_PATH = process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
/** The stall limit the tests give the script: short, yet many times the gaps of the slow line. */
const STALL_MS = 2_000;
/** A fake Electron: writes where it ran and its arguments to $OPENFAX_FAKE_ELECTRON_RECORD, and exits 0. */
const FAKE_ELECTRON = '#!/bin/sh\nprintf "%s\\n" "$PWD" "$@" > "$OPENFAX_FAKE_ELECTRON_RECORD"\n';

interface Run {
  code: number | null;
  output: string;
  ms: number;
  /** Date.now() when the script had ended. */
  endedAt: number;
}

/** Runs `node scripts/start.mjs <args>` with `env`; answers its exit code, all it printed, and how long it took. */
function start(env: Record<string, string>, args: string[] = []): Promise<Run> {
  const began = Date.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['scripts/start.mjs', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output, ms: Date.now() - began, endedAt: Date.now() }));
  });
}

function expectOneClearLine(r: Run) {
  expect(r.code).toBe(1);
  expect(r.output.trim().split('\n')).toHaveLength(1);
  expect(r.output).toContain('the Electron binary is not installed and could not be downloaded');
  expect(r.output).toContain('npm run web');
  // No download stack trace.
  expect(r.output).not.toMatch(/^\s+at /m);
  expect(r.output).not.toContain('Error:');
}

/** A zip of stored (uncompressed) files, each with its Unix mode, as electron's release zips carry them. */
function zip(files: Array<{ name: string; data: Buffer; mode: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name);
    const crc = crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x21, 12); // 1 January 1980
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(f.data.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made on Unix: the mode is in the external attributes
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(f.data.length, 20);
    central.writeUInt32LE(f.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((0o100000 | f.mode) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, f.data);
    centrals.push(central, name);
    offset += local.length + name.length + f.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** An Electron release zip holding the fake binary, and enough padding that it arrives in many pieces. */
const RELEASE_ZIP = zip([
  { name: PLATFORM_PATH, data: Buffer.from(FAKE_ELECTRON), mode: 0o755 },
  { name: 'LICENSE', data: Buffer.alloc(400_000, 'x'), mode: 0o644 },
]);

/**
 * electron's own package files without dist/, beside the real @electron/get: the installer runs
 * as on a fresh `npm install`, with an empty download cache. Its checksums are the test zip's,
 * under every file name, so whichever one the installer asks for passes its check.
 */
function electronPackage(name: string): { electron: string; cache: string } {
  const modules = join(dir, name, 'node_modules');
  const electron = join(modules, 'electron');
  mkdirSync(electron, { recursive: true });
  for (const f of ['install.js', 'package.json', 'index.js']) copyFileSync(join(ROOT, 'node_modules', 'electron', f), join(electron, f));
  const real: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'checksums.json'), 'utf8'));
  const sha = createHash('sha256').update(RELEASE_ZIP).digest('hex');
  writeFileSync(join(electron, 'checksums.json'), JSON.stringify(Object.fromEntries(Object.keys(real).map((k) => [k, sha]))));
  for (const scope of ['@electron', '@electron-internal']) symlinkSync(join(ROOT, 'node_modules', scope), join(modules, scope), 'dir');
  return { electron, cache: join(dir, name, 'cache') };
}

/**
 * A release mirror on a slow line: it sends the zip in `pieces`, one each time `next` says so,
 * and stops after `sendUpTo` of them when given (the line goes quiet, the connection stays open).
 * `lastByteAt` is when it last sent anything; `closedAt` when the zip's connection closed (the
 * installer ended), 0 while it is open.
 */
async function slowMirror(opts: { pieces: number; gapMs: number; sendUpTo?: number }) {
  const mirror = { server: undefined as unknown as Server, url: '', lastByteAt: 0, sent: 0, closedAt: 0 };
  mirror.server = createServer((req, res) => {
    if (!req.url?.endsWith('.zip')) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': RELEASE_ZIP.length });
    const size = Math.ceil(RELEASE_ZIP.length / opts.pieces);
    const timer = setInterval(() => {
      if (opts.sendUpTo !== undefined && mirror.sent >= opts.sendUpTo) return void clearInterval(timer);
      const piece = RELEASE_ZIP.subarray(mirror.sent * size, (mirror.sent + 1) * size);
      mirror.sent += 1;
      mirror.lastByteAt = Date.now();
      if (mirror.sent >= opts.pieces) {
        clearInterval(timer);
        res.end(piece);
      } else res.write(piece);
    }, opts.gapMs);
    res.on('close', () => {
      clearInterval(timer);
      mirror.closedAt = Date.now();
    });
  });
  await new Promise<void>((ok) => mirror.server.listen(0, '127.0.0.1', ok));
  mirror.url = `http://127.0.0.1:${(mirror.server.address() as AddressInfo).port}/`;
  return {
    ...mirror,
    get lastByteAt() {
      return mirror.lastByteAt;
    },
    get sent() {
      return mirror.sent;
    },
    get closedAt() {
      return mirror.closedAt;
    },
    close() {
      mirror.server.closeAllConnections();
      mirror.server.close();
    },
  };
}

describe('npm start without an Electron binary', () => {
  it('tries electron’s real installer once, keeps its failure out of sight, and says what to do, fast', async () => {
    const { electron, cache } = electronPackage('refused');
    // A mirror on a closed port: the connection is refused at once.
    const r = await start({ OPENFAX_ELECTRON_DIR: electron, ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: cache });
    expectOneClearLine(r);
    expect(r.ms).toBeLessThan(5_000);
  });

  it('gives up on a download that stalls once no byte came for the stall time, and ends the installer', async () => {
    const { electron, cache } = electronPackage('stalls');
    const mirror = await slowMirror({ pieces: 40, gapMs: 50, sendUpTo: 5 });
    try {
      const r = await start({
        OPENFAX_ELECTRON_DIR: electron,
        ELECTRON_MIRROR: mirror.url,
        electron_config_cache: cache,
        OPENFAX_ELECTRON_STALL_MS: String(STALL_MS),
      });
      expectOneClearLine(r);
      expect(r.output).toContain('the download stalled: no data for 2 s');
      expect(mirror.sent).toBe(5);
      // Waited the stall time after the line went quiet, and not much longer. The script's own
      // exit is the signal: it could not end while the installer (which holds its pipes) ran.
      expect(r.endedAt - mirror.lastByteAt).toBeGreaterThanOrEqual(STALL_MS);
      expect(r.endedAt - mirror.lastByteAt).toBeLessThan(STALL_MS + 4_000);
      // The installer was ended with the script, not left to hold the line: its connection
      // closed by the time the script had ended (an orphan would keep it open until the mirror closes).
      await expect.poll(() => mirror.closedAt, { timeout: 1_000 }).toBeGreaterThan(0);
      expect(mirror.closedAt - r.endedAt).toBeLessThan(500);
    } finally {
      mirror.close();
    }
  });

  it.skipIf(process.platform === 'win32')(
    'waits for a slow download that keeps sending, far past the stall time, then launches what it fetched',
    async () => {
      const { electron, cache } = electronPackage('slow');
      // 30 pieces 150 ms apart: about 4.5 s in all, over twice the stall time, never quiet for long.
      const mirror = await slowMirror({ pieces: 30, gapMs: 150 });
      const record = join(dir, 'slow', 'launched.txt');
      try {
        const r = await start(
          {
            OPENFAX_ELECTRON_DIR: electron,
            ELECTRON_MIRROR: mirror.url,
            electron_config_cache: cache,
            OPENFAX_ELECTRON_STALL_MS: String(STALL_MS),
            OPENFAX_START_SKIP_BUILD: '1',
            OPENFAX_FAKE_ELECTRON_RECORD: record,
          },
          ['--from-test'],
        );
        expect(r.output).toBe('');
        expect(r.code).toBe(0);
        expect(mirror.sent).toBe(30);
        expect(r.ms).toBeGreaterThan(2 * STALL_MS);
        // The installer unzipped it where electron looks, and the script launched it on the project.
        expect(readFileSync(join(electron, 'path.txt'), 'utf8')).toBe(PLATFORM_PATH);
        expect(readFileSync(record, 'utf8').trim().split('\n')).toEqual([ROOT, '.', '--from-test']);
      } finally {
        mirror.close();
      }
    },
    20_000,
  );

  it('says the same when the electron package is not there at all', async () => {
    expectOneClearLine(await start({ OPENFAX_ELECTRON_DIR: join(dir, 'nowhere', 'electron') }));
  });
});

describe.skipIf(process.platform === 'win32')('npm start with the Electron binary there', () => {
  it('fetches nothing, and launches it on the project with the arguments given', async () => {
    const electron = join(dir, 'present', 'electron');
    mkdirSync(join(electron, 'dist'), { recursive: true });
    writeFileSync(join(electron, 'path.txt'), 'electron');
    writeFileSync(join(electron, 'dist', 'electron'), FAKE_ELECTRON);
    chmodSync(join(electron, 'dist', 'electron'), 0o755);
    // An installer that would fail the test if it ran.
    writeFileSync(join(electron, 'install.js'), 'process.stderr.write("installer ran\\n"); process.exit(3);\n');
    const record = join(dir, 'present', 'launched.txt');
    const r = await start({ OPENFAX_ELECTRON_DIR: electron, OPENFAX_START_SKIP_BUILD: '1', OPENFAX_FAKE_ELECTRON_RECORD: record }, [
      '--inspect-nothing',
      'two words',
    ]);
    expect(r.output).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(record, 'utf8').trim().split('\n')).toEqual([ROOT, '.', '--inspect-nothing', 'two words']);
  });
});
