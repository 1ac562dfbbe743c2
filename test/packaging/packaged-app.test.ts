// The app as a user would install it: packaged by electron-builder from the project's own
// electron-builder.yml and package.json (`--linux dir`, against a stand-in Electron, since no
// Electron can be downloaded here), then checked from the archive and run from it against the
// fake electron. A wrong `files` pattern, a runtime package left out or a native file left in
// the archive fails here instead of at a user's first launch.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as asar from '@electron/asar';
import { getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/ipc/contract.ts';
import { describeFirstRun } from '../fakes/first-run-suite.ts';
import { methodChannel } from '../../shared/ipc/define.ts';
import {
  type AsarListing,
  bundleImports,
  lockedRuntimePackages,
  NAMED_NOT_LOADED,
  missingAppFiles,
  missingRuntimePackages,
  nativeProblems,
  packagedPackages,
  readAsar,
  runtimeImports,
  unwantedFiles,
} from './asar-contents.ts';
import { type PackagedApp, packageApp, ROOT } from './package-app.ts';

const MB = 1024 * 1024;
const rootPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const devDependencies = Object.keys(rootPackage.devDependencies);

let app: PackagedApp;
let listing: AsarListing;
/** app.asar extracted (with its unpacked files), as Electron would see it. */
let extracted: string;
/** The packaged app whose `files` leave out the renderer, and one whose package.json lost sharp. */
let wrongFiles: AsarListing;
let lostDependency: AsarListing;
const work: string[] = [];

beforeAll(async () => {
  // Each build's folder is removed afterwards, the ones that worked too if another failed.
  const built = async (p: Promise<PackagedApp>) => {
    const a = await p;
    work.push(a.work);
    return a;
  };
  const [made, badFiles, badDeps] = await Promise.all([
    built(packageApp()),
    built(packageApp({ builderYml: (yml) => yml.replace(/^ {2}- out\/\*\*$/m, '  - out/main/**\n  - out/preload/**') })),
    built(
      packageApp({
        packageJson: (pkg) => {
          pkg.devDependencies = { ...pkg.devDependencies, sharp: pkg.dependencies?.sharp ?? '' };
          delete pkg.dependencies?.sharp;
        },
      }),
    ),
  ]);
  app = made;
  listing = readAsar(app.asar);
  wrongFiles = readAsar(badFiles.asar);
  lostDependency = readAsar(badDeps.asar);
  extracted = mkdtempSync(join(tmpdir(), 'openfax-packaged-app-'));
  work.push(extracted);
  asar.extractAll(app.asar, extracted);
}, 240_000);
afterAll(() => {
  for (const dir of work) rmSync(dir, { recursive: true, force: true });
});

describe('the packaged app (electron-builder --linux dir)', () => {
  it('is built from electron-builder.yml, with the update feed it was given', () => {
    expect(existsSync(join(app.appDir, 'openfax-desktop')), app.log).toBe(true);
    expect(existsSync(app.asar), app.log).toBe(true);
    const feed = readFileSync(join(app.resources, 'app-update.yml'), 'utf8');
    expect(feed).toMatch(/^provider: generic$/m);
    expect(feed).toMatch(/^url: https:\/\//m);
  });

  it('holds the built main, the PDF check, preload and renderer', () => {
    expect(missingAppFiles(listing)).toEqual([]);
  });

  it('holds every package main loads at run time, with what each of them needs', () => {
    // Everything else is bundled: the native addons alone are loaded from node_modules.
    expect(runtimeImports(listing)).toEqual(['@napi-rs/canvas', '@napi-rs/keyring', 'sharp']);
    // What the bundle names but never loads is still named (NAMED_NOT_LOADED says why each).
    expect(bundleImports(listing).filter((name) => name in NAMED_NOT_LOADED)).toEqual(Object.keys(NAMED_NOT_LOADED).sort());
    expect(missingRuntimePackages(listing, join(ROOT, 'node_modules'))).toEqual([]);
  });

  it("package.json's dependencies are exactly the packages main cannot bundle", () => {
    expect(Object.keys(rootPackage.dependencies).sort()).toEqual(runtimeImports(listing));
  });

  it('holds no devDependency, test, source map or TypeScript source', () => {
    expect(unwantedFiles(listing, devDependencies)).toEqual([]);
  });

  it('holds exactly the packages package-lock.json lists for run time, no more and no fewer', () => {
    const locked = lockedRuntimePackages(join(ROOT, 'package-lock.json'), ROOT);
    expect(locked).toContain('node_modules/@napi-rs/keyring');
    expect(packagedPackages(listing)).toEqual(locked);
  });

  it('keeps native addons out of the archive, and only them', () => {
    expect(nativeProblems(listing)).toEqual([]);
    const unpacked = [...listing.unpacked];
    expect(unpacked.some((f) => /keyring.*\.node$/.test(f))).toBe(true);
    expect(unpacked.some((f) => /canvas.*\.node$/.test(f))).toBe(true);
    expect(unpacked.some((f) => /libvips.*\.so/.test(f))).toBe(true);
  });

  it('loads each native addon from app.asar.unpacked, where Electron looks for it', async () => {
    const addons = [...listing.unpacked].filter((f) => f.endsWith('.node')).map((f) => join(`${app.asar}.unpacked`, f));
    expect(addons.length).toBeGreaterThanOrEqual(3);
    // dlopen, as Electron's redirected require does: sharp's addon finds its libvips by a path
    // relative to itself, so this also proves libvips is where the addon expects it.
    const script = `for (const f of JSON.parse(process.argv[1])) process.dlopen({ exports: {} }, f); console.log('loaded')`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, JSON.stringify(addons)], { encoding: 'utf8' });
    expect(stdout.trim()).toBe('loaded');
  });

  it('loads each native package through its own JavaScript, from the packaged tree', async () => {
    // As main does: the keyring's and the canvas's loaders find their platform package, and
    // sharp (loaded only when the sandbox draws a fax) finds its addon and libvips, and writes
    // a G4 TIFF, the one thing the app asks of it.
    const script = `
      const { createRequire } = await import('node:module');
      const load = createRequire(process.argv[1] + '/package.json');
      const { Entry } = load('@napi-rs/keyring');
      const { createCanvas } = load('@napi-rs/canvas');
      const sharp = load('sharp');
      const tiff = await sharp({ create: { width: 64, height: 16, channels: 3, background: '#000' } })
        .toColourspace('b-w').tiff({ compression: 'ccittfax4', bitdepth: 1 }).toBuffer();
      console.log(JSON.stringify({ keyring: typeof Entry, canvas: createCanvas(2, 2).width, tiff: [...tiff.subarray(0, 2)] }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, extracted], { encoding: 'utf8' });
    // 'II' or 'MM': a TIFF header.
    expect(JSON.parse(stdout)).toMatchObject({ keyring: 'function', canvas: 2 });
    expect([
      [73, 73],
      [77, 77],
    ]).toContainEqual(JSON.parse(stdout).tiff);
  });

  // 11.3 MB before the mail merge; it added exceljs (2.4 MB, loaded only when a workbook is
  // opened), docxtemplater and the built-in converter's page (docx-preview): 16.0 MB.
  it('app.asar is under 17 MB', () => {
    expect(statSync(app.asar).size).toBeLessThan(17 * MB);
  });

  it('ships with the fuses electron-builder.yml asks for, flipped in the executable', async () => {
    // @electron/fuses' wire order: RunAsNode, cookie encryption, NODE_OPTIONS, --inspect, ASAR
    // integrity, only app.asar, browser V8 snapshot, file:// privileges. 48 is off, 49 on.
    const wire = await getCurrentFuseWire(join(app.appDir, 'openfax-desktop'));
    const states = Object.entries(wire)
      .filter(([k]) => k !== 'version')
      .map(([, v]) => String.fromCharCode(v as number))
      .join('');
    expect(states).toBe('01001100');
  });

  it('a wrong `files` pattern fails the check', () => {
    expect(missingAppFiles(wrongFiles)).toEqual(expect.arrayContaining(['out/renderer/index.html is not in app.asar']));
  });

  it('a runtime package left out of `dependencies` fails the check', () => {
    expect(missingRuntimePackages(lostDependency, join(ROOT, 'node_modules'))).toContain('main loads sharp, which is not in the package');
  });
});

describe('the packaged main, run from the archive against the fake electron', () => {
  let report: any;
  beforeAll(async () => {
    const fakeRoot = mkdtempSync(join(tmpdir(), 'openfax-packaged-run-'));
    work.push(fakeRoot);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', './test/fakes/electron-hooks.mjs', 'test/fakes/run-built-main.ts'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          OPENFAX_OUT_DIR: join(extracted, 'out'),
          FAKE_ELECTRON_PACKAGED: '1',
          FAKE_ELECTRON_ROOT: fakeRoot,
          // The package's own resources folder, where electron-builder wrote app-update.yml;
          // electron-updater's download cache in this run's folder.
          FAKE_ELECTRON_RESOURCES: app.resources,
          XDG_CACHE_HOME: join(fakeRoot, 'cache'),
          OPENFAX_QUIET: '1',
        },
        encoding: 'utf8',
        timeout: 90_000,
      },
    );
    report = JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
  }, 120_000);

  it('starts, and registers every channel of the contract', () => {
    expect(report.errorBoxes).toEqual([]);
    expect(report.channels).toEqual(METHOD_NAMES.map(methodChannel).sort());
  });

  it('loads the renderer and preload from the packaged files', () => {
    expect(report.loadedUrl).toBe('app://openfax/index.html');
    expect(report.appProtocol.page).toMatchObject({ status: 200, html: true });
    expect(report.appProtocol.worker).toMatchObject({ status: 200 });
    expect(report.files.preload.path.startsWith(extracted)).toBe(true);
    expect(report.files.preload.exists).toBe(true);
    expect(report.files.trayIcon.exists).toBe(true);
  });

  it('checks opened PDFs in the PDF check child, with the pdf.js bundled into it', () => {
    expect(report.openWith.documents).toEqual([
      { name: 'Invoice 42.pdf', pages: 2 },
      { name: 'Second launch.pdf', pages: 1 },
    ]);
  });

  it('updates itself from the feed electron-builder wrote into the package', () => {
    expect(report.update).toMatchObject({ ok: true, value: { supported: true, feedUrl: 'https://downloads.openfax.com/desktop/' } });
  });

  it('quits cleanly: services disposed, then quit', () => {
    expect(report.quitAfterDispose).toBe(true);
  });
});

describeFirstRun('the first start of the packaged app, run from the archive', () => join(extracted, 'out'));
