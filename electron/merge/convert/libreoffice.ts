// LibreOffice as a converter: one `soffice --convert-to pdf` per batch, on a private profile
// made once per converter (its first start, which builds the profile, is the slow one) and
// removed by dispose(). A private profile is also what lets it run while the person has
// LibreOffice open: a second soffice on the same profile hands its documents to the first and
// exits with nothing made.
//
// What we rely on from soffice (7.x to 25.x): it converts the files in the order given, writes
// `<outdir>/<name>.pdf` for each, and prints "convert <source> -> <target> using filter : …"
// on stdout after loading each one and before writing it. The line is only a hint (Windows'
// soffice.exe may print nothing): the output folder is also polled, and exit settles the rest.

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConverterInfo, ConvertItem, ConvertResult, DocxConverter } from '../types.ts';
import { type BatchProgram, createBatchEngine, DEFAULT_TIMEOUTS, type ProcessEvent } from './batch-runner.ts';
import { libreOfficeInfo, notCheckedInfo } from './converter-infos.ts';
import { nodeProcessRunner, type ProcessRunner } from './process-runner.ts';
import { unavailableProblem } from './problems.ts';
import { findSoffice, type SofficeLookup } from './soffice-find.ts';

export interface LibreOfficeOptions {
  /** A folder the merge owns; the converter makes its own folder inside (profile, staging). */
  workDir: string;
  /** soffice's path, when given (else OPENFAX_SOFFICE, the PATH, the usual places). */
  soffice?: string;
  /** Each document's allowance (default 30 s). */
  timeoutMs?: number;
  /** soffice's own start, on top of the first document's allowance (default 60 s: a new profile is made). */
  startTimeoutMs?: number;
  platform?: NodeJS.Platform;
  runner?: ProcessRunner;
  env?: Readonly<Record<string, string | undefined>>;
  onProcess?: (event: ProcessEvent) => void;
  /** findConverters' description, when the merge has it (else one is made at the first batch). */
  info?: ConverterInfo;
}

/** soffice's arguments for one batch: every value here is ours (a profile URL, our folders, our file names). */
export function sofficeArgs(
  profileDir: string,
  outDir: string,
  sources: readonly string[],
  platform: NodeJS.Platform = process.platform,
): string[] {
  return [
    '--headless',
    '--norestore',
    '--nolockcheck',
    '--nodefault',
    '--nologo',
    // A file URL, also on Windows (file:///C:/…), with anything unusual in the path escaped.
    `-env:UserInstallation=${pathToFileURL(profileDir, { windows: platform === 'win32' }).href}`,
    '--convert-to',
    'pdf:writer_pdf_Export',
    '--outdir',
    outDir,
    ...sources,
  ];
}

const CONVERT_LINE = /^convert (.+?) -> (.+?) using filter/;

/** Which staged document a line of soffice's output has begun (d00003.docx → 3). */
export function startedByLine(line: string): number | undefined {
  const m = CONVERT_LINE.exec(line.trim());
  const source = m?.[1] && /[\\/]d(\d{5})\.docx$/.exec(m[1]);
  return source ? Number(source[1]) : undefined;
}

export function createLibreOfficeConverter(options: LibreOfficeOptions): DocxConverter {
  const platform = options.platform ?? process.platform;
  const runner = options.runner ?? nodeProcessRunner(platform);
  let lookup: Promise<SofficeLookup> | undefined;
  let home: Promise<string> | undefined;
  let engine: ReturnType<typeof createBatchEngine> | undefined;
  let disposed = false;
  let info = options.info ?? notCheckedInfo('libreoffice');
  const converter: DocxConverter = {
    get info() {
      return info;
    },
    convert,
    dispose,
  };

  function ownFolder(): Promise<string> {
    home ??= mkdir(options.workDir, { recursive: true }).then(() => mkdtemp(join(options.workDir, 'libreoffice-')));
    return home;
  }

  async function prepare() {
    lookup ??= findSoffice({ platform, soffice: options.soffice, env: options.env, runner });
    const found = await lookup;
    info = libreOfficeInfo(found, options.soffice);
    if (!found.found) return { error: info.detail };
    if (disposed) return { error: 'the merge that used it has ended.' };
    const dir = await ownFolder();
    const profile = join(dir, 'profile');
    // LibreOffice's own temporary files go in our folder too, so a killed run leaves nothing in /tmp.
    const tmp = join(dir, 'tmp');
    const program: BatchProgram = {
      name: 'LibreOffice',
      async launch(plan) {
        await mkdir(tmp, { recursive: true });
        return {
          program: found.soffice.path,
          args: sofficeArgs(
            profile,
            plan.outDir,
            plan.entries.map((e) => e.source),
            platform,
          ),
          env: { TMPDIR: tmp, TMP: tmp, TEMP: tmp },
          cwd: plan.dir,
        };
      },
      readLine(line, stream) {
        if (stream !== 'stdout') return undefined;
        const at = startedByLine(line);
        return at === undefined ? undefined : { kind: 'started', at };
      },
    };
    engine ??= createBatchEngine({
      program,
      runner,
      dir: join(dir, 'runs'),
      timeouts: {
        startMs: options.startTimeoutMs ?? DEFAULT_TIMEOUTS.startMs,
        perDocumentMs: options.timeoutMs ?? DEFAULT_TIMEOUTS.perDocumentMs,
      },
      onProcess: options.onProcess,
    });
    return { engine };
  }

  async function* convert(items: readonly ConvertItem[], signal: AbortSignal): AsyncGenerator<ConvertResult> {
    if (signal.aborted || items.length === 0) return;
    if (disposed) {
      const problem = unavailableProblem('LibreOffice', 'the merge that used it has ended.');
      for (let index = 0; index < items.length; index++) yield { index, ok: false, problem };
      return;
    }
    const ready = await prepare().catch((error: Error) => ({
      engine: undefined,
      error: `its folder could not be made (${error.message}).`,
    }));
    if (disposed) return;
    if (!ready.engine) {
      const problem = unavailableProblem('LibreOffice', ready.error);
      for (let index = 0; index < items.length; index++) yield { index, ok: false, problem };
      return;
    }
    yield* ready.engine.convert(items, signal);
  }

  async function dispose() {
    disposed = true;
    await engine?.stop();
    if (home) await rm(await home, { recursive: true, force: true, maxRetries: 3 });
  }

  return converter;
}
