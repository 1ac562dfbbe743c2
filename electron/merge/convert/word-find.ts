// Whether Microsoft Word is installed: on Windows its COM class's current version in the
// registry (read with reg.exe, whose arguments are constants), on macOS the app's folder.

import { stat } from 'node:fs/promises';
import { join, win32 } from 'node:path';
import { type ProcessRunner, runToEnd } from './process-runner.ts';

export type WordLookup = { found: true; detail: string } | { found: false };

export interface WordLookupOptions {
  platform: NodeJS.Platform;
  runner: ProcessRunner;
  env?: Readonly<Record<string, string | undefined>>;
  timeoutMs?: number;
}

const WORD_CLASS_KEY = 'HKEY_CLASSES_ROOT\\Word.Application\\CurVer';

/** Windows' own tools by full path, so a program of the same name earlier on the PATH is not run. */
export function windowsTool(env: Readonly<Record<string, string | undefined>>, ...parts: string[]): string {
  return win32.join(env.SystemRoot ?? env.windir ?? 'C:\\Windows', 'System32', ...parts);
}

/** reg.exe's answer → "Word.Application.16". */
function parseWordClass(output: string): string | undefined {
  return /\bWord\.Application\.\d+\b/.exec(output)?.[0];
}

/** The app's folders Word may be in on macOS. */
function macWordPlaces(env: Readonly<Record<string, string | undefined>>): string[] {
  const places = ['/Applications/Microsoft Word.app'];
  if (env.HOME) places.push(join(env.HOME, 'Applications', 'Microsoft Word.app'));
  return places;
}

export async function findWord(options: WordLookupOptions): Promise<WordLookup> {
  const env = options.env ?? process.env;
  if (options.platform === 'win32') {
    const asked = await runToEnd(
      options.runner,
      { program: windowsTool(env, 'reg.exe'), args: ['query', WORD_CLASS_KEY, '/ve'] },
      options.timeoutMs ?? 10_000,
    ).catch(() => undefined);
    const klass = asked?.exit.code === 0 ? parseWordClass(asked.stdout) : undefined;
    return klass ? { found: true, detail: `Found (${klass})` } : { found: false };
  }
  if (options.platform === 'darwin') {
    for (const place of macWordPlaces(env)) {
      const st = await stat(place).catch(() => undefined);
      if (st?.isDirectory()) return { found: true, detail: `Found at ${place}` };
    }
  }
  return { found: false };
}
