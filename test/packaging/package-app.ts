// Packages the app with electron-builder as a release would (`--linux dir`, the project's own
// electron-builder.yml and package.json), against the stand-in Electron. The project is staged
// in a folder of its own, so a test can package a changed configuration without touching the
// tree, and so the build being packaged is the one this run made ($OPENFAX_OUT_DIR or out/).

import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { makeStandInElectron } from './stand-in-electron.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
const OUT = resolve(process.env.OPENFAX_OUT_DIR ?? join(ROOT, 'out'));

interface PackageJson {
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

export interface Staging {
  /** Changes the staged package.json (e.g. a runtime dependency moved to devDependencies). */
  packageJson?(pkg: PackageJson): void;
  /** Changes the staged electron-builder.yml's text. */
  builderYml?(yml: string): string;
}

export interface PackagedApp {
  /** The folder everything was made in, to remove afterwards. */
  work: string;
  /** linux-unpacked: the executable, resources/app.asar, resources/app.asar.unpacked. */
  appDir: string;
  resources: string;
  asar: string;
  /** electron-builder's output, kept for the failure message. */
  log: string;
  seconds: number;
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/**
 * Copies the installed packages the app depends on at run time (package.json's `dependencies`
 * in the tree, with theirs, as `npm ci --omit=dev` would leave them) into the staged project.
 * A link to the tree's node_modules would not do: electron-builder's lookup does not follow a
 * linked package to its own dependencies, and leaves those out of the package.
 */
function copyRuntimePackages(names: string[], from: string, to: string): void {
  const seen = new Set<string>();
  const visit = (name: string) => {
    const dir = join(from, name);
    if (seen.has(name) || !existsSync(join(dir, 'package.json'))) return; // another platform's optional package
    seen.add(name);
    cpSync(dir, join(to, name), { recursive: true, dereference: true });
    const pkg = readJson(join(dir, 'package.json')) as { dependencies?: object; optionalDependencies?: object };
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(dep);
  };
  for (const name of names) visit(name);
}

/** Stages the project, packages it and answers where the package is. */
export async function packageApp(staging: Staging = {}): Promise<PackagedApp> {
  const work = mkdtempSync(join(tmpdir(), 'openfax-package-'));
  const project = join(work, 'project');
  const pkg = readJson(join(ROOT, 'package.json')) as PackageJson;
  staging.packageJson?.(pkg);
  cpSync(join(ROOT, 'assets'), join(project, 'assets'), { recursive: true });
  // The build alone: a build outside the tree has a link to the tree's node_modules in it
  // (test/global-setup.ts), which is not part of the app.
  cpSync(OUT, join(project, 'out'), { recursive: true, filter: (from) => from !== join(OUT, 'node_modules') });
  writeFileSync(join(project, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  cpSync(join(ROOT, 'package-lock.json'), join(project, 'package-lock.json'));
  const yml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
  writeFileSync(join(project, 'electron-builder.yml'), staging.builderYml ? staging.builderYml(yml) : yml);
  const installed = readJson(join(ROOT, 'package.json')) as PackageJson;
  copyRuntimePackages(Object.keys(installed.dependencies ?? {}), join(ROOT, 'node_modules'), join(project, 'node_modules'));
  const electronVersion = (readJson(join(ROOT, 'node_modules/electron/package.json')) as PackageJson).version;
  const electronDist = makeStandInElectron(join(work, 'electron-dist'), electronVersion);
  const output = join(work, 'dist');
  const started = Date.now();
  const build = promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'node_modules/electron-builder/cli.js'),
      '--linux',
      'dir',
      '--x64',
      '--projectDir',
      project,
      `-c.electronDist=${electronDist}`,
      `-c.electronVersion=${electronVersion}`,
      `-c.directories.output=${output}`,
      // A package on this machine only: nothing is uploaded, even on CI.
      '--publish',
      'never',
    ],
    { cwd: project, encoding: 'utf8', timeout: 120_000 },
  );
  // A build that fails leaves nothing behind; its output is in the error.
  const { stdout, stderr } = await build.catch((err: unknown) => {
    rmSync(work, { recursive: true, force: true });
    throw err;
  });
  const appDir = join(output, 'linux-unpacked');
  const resources = join(appDir, 'resources');
  return { work, appDir, resources, asar: join(resources, 'app.asar'), log: stdout + stderr, seconds: (Date.now() - started) / 1000 };
}
