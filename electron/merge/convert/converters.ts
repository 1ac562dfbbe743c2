// The converter chain, best layout first: Microsoft Word, LibreOffice, the built-in one. What
// is installed is looked up once per process (a lookup runs programs: soffice --version,
// reg.exe) and kept; `refresh` looks again (after the person installs LibreOffice, say).

import type { ConverterId, ConverterInfo, DocxConverter, DocxPrintPort } from '../types.ts';
import type { ProcessEvent } from './batch-runner.ts';
import { builtinInfo, libreOfficeInfo, wordInfo } from './converter-infos.ts';
import { createLibreOfficeConverter } from './libreoffice.ts';
import { createPrintPortConverter } from './print-port-converter.ts';
import { nodeProcessRunner, type ProcessRunner } from './process-runner.ts';
import { findSoffice } from './soffice-find.ts';
import { createWordConverter } from './word.ts';
import { findWord } from './word-find.ts';

export interface FindConvertersOptions {
  platform: NodeJS.Platform;
  builtin?: DocxPrintPort;
  /** soffice's path when set (settings, the CLI); else OPENFAX_SOFFICE, the PATH, the usual places. */
  soffice?: string;
  /** Look again rather than answer from what was found before. */
  refresh?: boolean;
  runner?: ProcessRunner;
  env?: Readonly<Record<string, string | undefined>>;
}

export interface CreateConverterOptions {
  /** A folder of the merge's; the converter makes its own inside and removes it on dispose. */
  workDir: string;
  builtin?: DocxPrintPort;
  soffice?: string;
  /** Each document's allowance (default 30 s). */
  timeoutMs?: number;
  /** A program's start, on top of the first document's allowance (default 60 s). */
  startTimeoutMs?: number;
  platform?: NodeJS.Platform;
  runner?: ProcessRunner;
  env?: Readonly<Record<string, string | undefined>>;
  /** Each process start and exit (the benchmark's converter share, tests). */
  onProcess?: (event: ProcessEvent) => void;
}

const PREFERENCE: readonly ConverterId[] = ['word', 'libreoffice', 'builtin'];
const found = new Map<string, Promise<ConverterInfo[]>>();
/** The last answer for each key, so a converter made later is labelled at once ("LibreOffice 25.2"). */
const known = new Map<string, ConverterInfo[]>();

function lookupKey(platform: NodeJS.Platform, soffice: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  return JSON.stringify([platform, soffice ?? null, env.OPENFAX_SOFFICE ?? null, env.PATH ?? env.Path ?? null]);
}

/** Word, LibreOffice and the built-in converter, in that order, each saying whether it can run here. */
export async function findConverters(options: FindConvertersOptions): Promise<ConverterInfo[]> {
  const env = options.env ?? process.env;
  const key = lookupKey(options.platform, options.soffice, env);
  // An injected runner (a test's fake) answers for itself only: nothing is kept for the process.
  let programs = options.refresh || options.runner ? undefined : found.get(key);
  if (!programs) {
    const runner = options.runner ?? nodeProcessRunner(options.platform);
    programs = Promise.all([
      findWord({ platform: options.platform, runner, env }).then((w) => wordInfo(w, options.platform)),
      findSoffice({ platform: options.platform, soffice: options.soffice, env, runner }).then((s) => libreOfficeInfo(s, options.soffice)),
    ]);
    if (!options.runner) {
      found.set(key, programs);
      programs.then(
        (infos) => known.set(key, infos),
        () => found.delete(key),
      );
    }
  }
  return [...(await programs), builtinInfo(options.builtin !== undefined)];
}

/** The best converter that can run here, or null. */
export function preferredConverter(infos: readonly ConverterInfo[]): ConverterId | null {
  for (const id of PREFERENCE) if (infos.some((i) => i.id === id && i.available)) return id;
  return null;
}

/** A converter for one merge; it looks for its program at its first batch. Dispose it when the merge ends. */
export function createConverter(id: ConverterId, options: CreateConverterOptions): DocxConverter {
  const platform = options.platform ?? process.platform;
  const info = known.get(lookupKey(platform, options.soffice, options.env ?? process.env))?.find((i) => i.id === id);
  switch (id) {
    case 'libreoffice':
      return createLibreOfficeConverter({ ...options, info });
    case 'word':
      return createWordConverter({ ...options, info });
    case 'builtin':
      return createPrintPortConverter({ port: options.builtin, timeoutMs: options.timeoutMs, startTimeoutMs: options.startTimeoutMs });
  }
}
