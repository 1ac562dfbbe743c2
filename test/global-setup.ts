// Vitest global setup: the wiring tests run the BUILT main and preload (out/, or
// $OPENFAX_OUT_DIR's), so a source edited since the last build would be tested as it was.
// Rebuild first when anything the bundle is made from is newer than the bundle.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';

const ROOT = resolve(import.meta.dirname, '..');
const SOURCES = ['electron', 'shared', 'renderer', 'electron.vite.config.ts', 'package.json'];
const OUT = resolve(process.env.OPENFAX_OUT_DIR ?? join(ROOT, 'out'));
/** One file per bundle; the oldest of them is the build's age. */
const OUTPUTS = ['main/index.js', 'preload/index.cjs', 'renderer/index.html'];
// Two vitest processes (npm test's fast and slow projects, or two people in one tree) must not
// build into out/ at the same time: the first takes the lock, the other waits and re-checks.
const LOCK = join(ROOT, 'node_modules', '.cache', 'openfax-build.lock');
const LOCK_STALE_MS = 10 * 60_000;

function newestMtime(path: string): number {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

/** Why out/ cannot be trusted, or undefined when it is up to date. */
function staleBuild(root = ROOT): string | undefined {
  const built = OUTPUTS.map((f) => statSync(join(OUT, f), { throwIfNoEntry: false })?.mtimeMs);
  const missing = OUTPUTS.filter((_, i) => built[i] === undefined);
  if (missing.length) return `${missing.join(', ')} missing`;
  const builtAt = Math.min(...(built as number[]));
  const changed = SOURCES.filter((s) => newestMtime(join(root, s)) > builtAt);
  return changed.length ? `${changed.join(', ')} changed since the last build` : undefined;
}

async function withBuildLock<T>(fn: () => T): Promise<T> {
  mkdirSync(join(LOCK, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const held = statSync(LOCK, { throwIfNoEntry: false });
      // A build killed half-way leaves its lock behind; nobody builds for ten minutes.
      if (held && Date.now() - held.mtimeMs > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      // Another process builds; the lock is only a folder, so there is nothing to wait on but it.
      else await pause(200);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * A build outside the repo (OPENFAX_OUT_DIR) finds its dependencies through a link to the
 * repo's node_modules, as out/ finds them by being inside it.
 */
function linkDependencies(): void {
  if (!relative(ROOT, OUT).startsWith('..')) return;
  const link = join(OUT, 'node_modules');
  mkdirSync(OUT, { recursive: true });
  if (!existsSync(link)) symlinkSync(join(ROOT, 'node_modules'), link, 'dir');
}

export async function setup(): Promise<void> {
  linkDependencies();
  if (!staleBuild()) return;
  await withBuildLock(() => {
    const why = staleBuild();
    if (!why) return;
    const shown = relative(ROOT, OUT).startsWith('..') ? OUT : `${relative(ROOT, OUT)}/`;
    process.stdout.write(`${shown} is out of date (${why}): rebuilding with electron-vite…\n`);
    try {
      execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
        cwd: ROOT,
        stdio: 'pipe',
        encoding: 'utf8',
      });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string };
      throw new Error(`electron-vite build failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
  });
}
