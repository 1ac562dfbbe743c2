// Where LibreOffice's soffice is: a path the person or the CLI gave (or OPENFAX_SOFFICE), else
// the PATH, else where the installers put it. A path that was given and is not there is said so
// rather than quietly replaced by another LibreOffice.

import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter as posixDelimiter, posix, win32 } from 'node:path';
import { type ProcessRunner, runToEnd } from './process-runner.ts';

export interface SofficeFound {
  path: string;
  /** "7.4.7.2" from `soffice --version`, when it says. */
  version?: string;
  /** How it was found, for the detail line. */
  via: 'option' | 'env' | 'path' | 'usual-place';
}

export type SofficeLookup =
  | { found: true; soffice: SofficeFound }
  | { found: false; reason: 'given-missing'; path: string }
  | { found: false; reason: 'none' };

export interface SofficeLookupOptions {
  platform: NodeJS.Platform;
  /** An explicit path (settings, `--soffice`): used alone when given. */
  soffice?: string;
  env?: Readonly<Record<string, string | undefined>>;
  runner: ProcessRunner;
  /** `soffice --version`'s time limit. */
  versionTimeoutMs?: number;
}

/** The usual install places, in the order they are tried. */
export function usualSofficePlaces(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string[] {
  if (platform === 'win32') {
    const roots = [env.ProgramFiles ?? 'C:\\Program Files', env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)'];
    return [...new Set(roots)].map((root) => win32.join(root, 'LibreOffice', 'program', 'soffice.exe'));
  }
  if (platform === 'darwin') return ['/Applications/LibreOffice.app/Contents/MacOS/soffice'];
  return ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice', '/snap/bin/libreoffice'];
}

/** The PATH entries that may hold soffice, in order (names tried in each folder before the next). */
export function pathCandidates(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string[] {
  const win = platform === 'win32';
  const raw = (win ? (env.Path ?? env.PATH) : env.PATH) ?? '';
  const folders = raw.split(win ? ';' : posixDelimiter).filter((f) => f.trim() !== '');
  const names = win ? ['soffice.exe'] : ['soffice', 'libreoffice'];
  const join = win ? win32.join : posix.join;
  return folders.flatMap((folder) => names.map((name) => join(folder.replace(/^"|"$/g, ''), name)));
}

async function isProgram(path: string, platform: NodeJS.Platform): Promise<boolean> {
  try {
    const st = await stat(path);
    if (!st.isFile()) return false;
    if (platform !== 'win32') await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** "LibreOffice 7.4.7.2 40(Build:2)" → "7.4.7.2". */
export function parseSofficeVersion(output: string): string | undefined {
  return /LibreOffice(?:Dev)?\s+(\d+(?:\.\d+)+)/.exec(output)?.[1];
}

/** "7.4.7.2" → "LibreOffice 7.4"; no version → "LibreOffice". */
export function libreOfficeLabel(version: string | undefined): string {
  const short = version?.split('.').slice(0, 2).join('.');
  return short ? `LibreOffice ${short}` : 'LibreOffice';
}

/** Finds soffice and asks its version (a few seconds at most). */
export async function findSoffice(options: SofficeLookupOptions): Promise<SofficeLookup> {
  const env = options.env ?? process.env;
  const given = options.soffice?.trim() || undefined;
  const fromEnv = env.OPENFAX_SOFFICE?.trim() || undefined;
  let found: Omit<SofficeFound, 'version'> | undefined;
  if (given || fromEnv) {
    const path = (given ?? fromEnv)!;
    if (!(await isProgram(path, options.platform))) return { found: false, reason: 'given-missing', path };
    found = { path, via: given ? 'option' : 'env' };
  } else {
    for (const [via, paths] of [
      ['path', pathCandidates(options.platform, env)],
      ['usual-place', usualSofficePlaces(options.platform, env)],
    ] as const) {
      for (const path of paths) {
        if (await isProgram(path, options.platform)) {
          found = { path, via };
          break;
        }
      }
      if (found) break;
    }
  }
  if (!found) return { found: false, reason: 'none' };
  const asked = await runToEnd(options.runner, { program: found.path, args: ['--version'] }, options.versionTimeoutMs ?? 10_000).catch(
    () => undefined,
  );
  return { found: true, soffice: { ...found, version: asked ? parseSofficeVersion(asked.stdout) : undefined } };
}
