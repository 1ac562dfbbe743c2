// `npm start`: build, then launch Electron. Where the Electron binary cannot be had (no
// internet, as on our build machines), it says so in one line, points at `npm run web`, and
// exits with 1: no download stack trace, no long wait.
//
// The one download try has no fixed time limit, only a stall limit: Electron's zip is about
// 100 MB and @electron/get caches only complete files, so a fixed cap would fail a slow line on
// every start, for good. A stall is seen from outside the installer, as no bytes for a while:
// its download goes to a temp folder of our own (TMPDIR for the installer alone), then it is
// unzipped into dist/. Watching those sizes works with any output, TTY or not, and needs nothing
// of @electron/get's internals but where its temp files go (os.tmpdir()).
//
// Environment (for test/scripts/npm-start.test.ts, which must not touch the real node_modules):
//   OPENFAX_ELECTRON_DIR       the electron package folder (default node_modules/electron)
//   OPENFAX_ELECTRON_STALL_MS  how long the download may go without a byte (default 30000)
//   OPENFAX_START_SKIP_BUILD   "1": launch what is already built (the test's fake Electron needs no build)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const electronDir = process.env.OPENFAX_ELECTRON_DIR || join('node_modules', 'electron');
const stallMs = Number(process.env.OPENFAX_ELECTRON_STALL_MS) || 30_000;
const unavailable = (why) =>
  `Openfax Desktop cannot start here: the Electron binary is not installed and could not be downloaded${why}. ` +
  'Run `npm run web` to use the same app in your browser instead.\n';

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const bin = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : undefined;
}

/** Bytes in the files under `dir` (0 when it is not there); a file moved away meanwhile counts as gone. */
function bytesUnder(dir) {
  let total = 0;
  let names = [];
  try {
    names = readdirSync(dir, { recursive: true });
  } catch {
    return 0;
  }
  for (const name of names) {
    try {
      const s = statSync(join(dir, name));
      if (s.isFile()) total += s.size;
    } catch {}
  }
  return total;
}

function megabytes(bytes) {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/**
 * One try of electron's own installer, given up once no byte arrives for `stallMs`. What it
 * prints is kept out of sight, since a failure there is a stack trace. Answers why it failed
 * (for the one line), or '' when it ended by itself.
 */
async function fetchElectron() {
  const installer = join(electronDir, 'install.js');
  if (!existsSync(installer)) return '';
  const temp = mkdtempSync(join(tmpdir(), 'openfax-electron-fetch-'));
  const env = { ...process.env, TMPDIR: temp, TMP: temp, TEMP: temp };
  const child = spawn(process.execPath, [installer], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let lastChange = Date.now();
  let seen = -1;
  // What the installer prints is a sign of life too (and is not shown).
  const alive = () => (lastChange = Date.now());
  child.stdout.on('data', alive);
  child.stderr.on('data', alive);
  const tty = process.stderr.isTTY;
  const say = (bytes) => tty && process.stderr.write(`\r\x1b[KFetching the Electron binary (first launch only)… ${megabytes(bytes)}`);
  say(0);
  const why = await new Promise((done) => {
    const watch = setInterval(
      () => {
        const bytes = bytesUnder(temp) + bytesUnder(join(electronDir, 'dist'));
        if (bytes !== seen) {
          seen = bytes;
          alive();
          say(bytes);
        } else if (Date.now() - lastChange >= stallMs) {
          clearInterval(watch);
          child.kill('SIGKILL');
          done(` (the download stalled: no data for ${Math.round(stallMs / 1000)} s)`);
        }
      },
      Math.min(1000, Math.max(20, stallMs / 10)),
    );
    child.on('error', () => {
      clearInterval(watch);
      done('');
    });
    child.on('exit', () => {
      clearInterval(watch);
      done('');
    });
  });
  // The progress line gives way to what follows.
  if (tty) process.stderr.write('\r\x1b[K');
  rmSync(temp, { recursive: true, force: true });
  return why;
}

let bin = electronBinary();
if (!bin) {
  const why = await fetchElectron();
  bin = electronBinary();
  if (!bin) {
    process.stderr.write(unavailable(why));
    process.exit(1);
  }
}
if (process.env.OPENFAX_START_SKIP_BUILD !== '1') {
  const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const child = spawn(bin, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
