// Components talk to main through the store's actions, never by calling main themselves: the
// store is where a reply lands in state, so two screens cannot disagree about it. This scans
// every renderer file outside store/ and ipc/ for a way to main.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../renderer/src');
/** The only folders that may reach main: the transport itself, and the store built on it. */
const ALLOWED = ['ipc', 'store'].map((d) => join(SRC, d));
/** The modules that reach main (the bridge, `call`, `subscribe`). */
const DOORS = ['ipc/api.ts', 'ipc/ws-bridge.ts'].map((f) => join(SRC, f));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(e.name) ? [path] : [];
  });
}

function importsOf(code: string): string[] {
  return [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

const outside = sourceFiles(SRC).filter((f) => !ALLOWED.some((dir) => f.startsWith(`${dir}/`)));

describe('components reach main only through the store', () => {
  it('scans the screens and components', () => {
    const folders = new Set(outside.map((f) => relative(SRC, dirname(f)).split('/')[0]));
    expect(folders).toContain('screens');
    expect(folders).toContain('components');
  });

  it('no file outside store/ and ipc/ imports the bridge or touches window.openfax', () => {
    const offenders: string[] = [];
    for (const file of outside) {
      const code = readFileSync(file, 'utf8');
      for (const spec of importsOf(code)) {
        if (spec.startsWith('.') && DOORS.includes(resolve(dirname(file), spec))) offenders.push(`${relative(SRC, file)} imports ${spec}`);
      }
      if (/\bwindow\.openfax\b/.test(code)) offenders.push(`${relative(SRC, file)} uses window.openfax`);
    }
    expect(offenders).toEqual([]);
  });
});
