import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');

/** `npm test` builds first; a lone `vitest run` of the wiring tests builds if nothing is there. */
export function ensureBuilt(): void {
  if (existsSync(resolve(ROOT, 'out/main/index.js')) && existsSync(resolve(ROOT, 'out/preload/index.cjs'))) return;
  execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { cwd: ROOT, stdio: 'ignore' });
}
