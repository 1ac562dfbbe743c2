// The fuses a packaged app ships with, read from electron-builder.yml the way electron-builder
// reads it (its own loader, then its own schema check, so a misspelt fuse fails here and not
// silently at package time). The flipped wire itself is read back from a packaged executable
// by test/packaging/packaged-app.test.ts (a stand-in with Electron's fuse wire, since no Electron
// binary can be downloaded here).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BuilderConfig, fromBuilder, loadBuilderConfig, validateBuilderConfig } from '../../packaging/builder-config.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

let config: BuilderConfig;
beforeAll(async () => {
  config = await loadBuilderConfig();
});

describe('packaged fuses (electron-builder.yml)', () => {
  it('is a configuration electron-builder accepts', async () => {
    await expect(validateBuilderConfig(config)).resolves.toBeUndefined();
  });

  it('the schema check would catch a misspelt fuse', async () => {
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } };
    await expect(validateBuilderConfig(misspelt)).rejects.toThrow(/electronFuses/);
  });

  it.each([
    // Off: a local process could otherwise run code as the signed app, or attach a debugger.
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    // Off: the page comes from app://, so file:// pages need no more than a browser gives them.
    ['grantFileProtocolExtraPrivileges', false],
    // On: cookies encrypted with the OS key; app.asar checked against the signed hashes, and
    // the only place the app's code is loaded from.
    ['enableCookieEncryption', true],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
  ])('%s is %s', (fuse, value) => {
    expect(config.electronFuses?.[fuse]).toBe(value);
  });

  it('packs the app into app.asar (the integrity fuses check nothing without it)', () => {
    // Left out, electron-builder's default is an archive; only an explicit false or null disables it.
    expect(config.asar === undefined || config.asar === true || (typeof config.asar === 'object' && config.asar !== null)).toBe(true);
  });

  it('unpacks every native file the app ships (each .node and shared library of its runtime packages), and only those packages', () => {
    const patterns = [config.asarUnpack ?? []].flat();
    const native = runtimeNativeFiles();
    // The keyring, canvas and sharp with its libvips are in the list: it is not vacuously empty.
    expect(native.some((f) => /keyring/.test(f) && f.endsWith('.node'))).toBe(true);
    expect(native.some((f) => /sharp/.test(f) && f.endsWith('.node'))).toBe(true);
    expect(native.some((f) => /libvips/.test(f))).toBe(true);
    expect(notUnpacked(native, patterns)).toEqual([]);
    // Every pattern is for a package that has native files, and sharp, whose loader its own
    // install notes for Electron ask to be unpacked beside its binaries: nothing else leaves app.asar.
    for (const pattern of patterns.filter((p) => p !== '**/node_modules/sharp/**')) {
      expect(
        native.some((f) => matches(f, pattern)),
        pattern,
      ).toBe(true);
    }
  });

  it('the check would catch a native package left in app.asar', () => {
    const patterns = [config.asarUnpack ?? []].flat().filter((p) => !p.includes('@img'));
    expect(notUnpacked(runtimeNativeFiles(), patterns).some((f) => /libvips/.test(f))).toBe(true);
  });
});

// electron-builder matches asarUnpack with minimatch, dot files included.
const { minimatch } = fromBuilder('minimatch') as { minimatch(path: string, pattern: string, options: { dot: boolean }): boolean };
const matches = (file: string, pattern: string) => minimatch(file, pattern, { dot: true });
const notUnpacked = (files: string[], patterns: string[]) => files.filter((f) => !patterns.some((p) => matches(f, p)));

/** Native files (.node, .so, .dylib, .dll) of the packages the app depends on at run time, as paths from the project root. */
function runtimeNativeFiles(): string[] {
  const seen = new Set<string>();
  const files: string[] = [];
  const visit = (name: string, from: string): void => {
    // Node's lookup, by folder: some packages' exports do not offer their package.json to require.
    let dir: string | undefined;
    for (let at = from; !dir; at = dirname(at)) {
      if (existsSync(join(at, 'node_modules', name, 'package.json'))) dir = join(at, 'node_modules', name);
      else if (dirname(at) === at) return; // an optional package for another platform, not installed here
    }
    const manifest = join(dir, 'package.json');
    if (seen.has(dir)) return;
    seen.add(dir);
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { dependencies?: object; optionalDependencies?: object };
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      const path = file.split(sep).join('/');
      if (path.split('/').includes('node_modules')) continue; // nested packages are visited as packages
      if (/\.(node|dll|dylib)$|\.so(\.\d+)*$/.test(path)) files.push(relative(ROOT, join(dir, file)).split(sep).join('/'));
    }
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(dep, dir);
  };
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: object };
  for (const dep of Object.keys(root.dependencies ?? {})) visit(dep, ROOT);
  return files;
}
