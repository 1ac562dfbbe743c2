// Microsoft Word as a converter: several documents per Word start, through PowerShell's COM
// automation on Windows and osascript on macOS, with the same timeout and kill rules as
// LibreOffice (batch-runner.ts). The scripts are constants (word-scripts.ts).
//
// Word for Mac is sandboxed: it opens and saves without asking only inside its own container,
// so there the documents are staged in ~/Library/Containers/com.microsoft.Word/Data.

import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE } from '../../core/private-files.ts';
import type { ConverterInfo, ConvertItem, ConvertResult, DocxConverter } from '../types.ts';
import { type BatchProgram, createBatchEngine, DEFAULT_TIMEOUTS, type ProcessEvent } from './batch-runner.ts';
import { notCheckedInfo, wordInfo } from './converter-infos.ts';
import { nodeProcessRunner, type ProcessRunner } from './process-runner.ts';
import { unavailableProblem } from './problems.ts';
import { findWord, windowsTool } from './word-find.ts';
import { encodePowerShell, parseWordLine, WORD_APPLESCRIPT, WORD_LIST_ENV, WORD_POWERSHELL_SCRIPT, wordListText } from './word-scripts.ts';

export interface WordOptions {
  workDir: string;
  timeoutMs?: number;
  startTimeoutMs?: number;
  platform?: NodeJS.Platform;
  runner?: ProcessRunner;
  env?: Readonly<Record<string, string | undefined>>;
  onProcess?: (event: ProcessEvent) => void;
  info?: ConverterInfo;
}

const PROGRAM = 'Microsoft Word';

/** What starts one batch: the program, its arguments (constants and our paths) and environment. */
export function wordLaunch(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  pairs: readonly { source: string; output: string }[],
  listPath: string,
): { program: string; args: string[]; env?: Record<string, string> } {
  if (platform === 'win32') {
    return {
      program: windowsTool(env, 'WindowsPowerShell', 'v1.0', 'powershell.exe'),
      args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encodePowerShell(WORD_POWERSHELL_SCRIPT)],
      env: { [WORD_LIST_ENV]: listPath },
    };
  }
  return { program: '/usr/bin/osascript', args: ['-e', WORD_APPLESCRIPT, ...pairs.flatMap((p) => [p.source, p.output])] };
}

async function stagingParent(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, workDir: string) {
  if (platform !== 'darwin' || !env.HOME) return workDir;
  const container = join(env.HOME, 'Library', 'Containers', 'com.microsoft.Word', 'Data');
  const st = await stat(container).catch(() => undefined);
  return st?.isDirectory() ? container : workDir;
}

export function createWordConverter(options: WordOptions): DocxConverter {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const runner = options.runner ?? nodeProcessRunner(platform);
  let info = options.info ?? notCheckedInfo('word');
  let ready: Promise<{ engine?: ReturnType<typeof createBatchEngine>; dir?: string; error?: string }> | undefined;
  let disposed = false;

  async function prepare() {
    if (platform !== 'win32' && platform !== 'darwin') {
      info = wordInfo({ found: false }, platform);
      return { error: info.detail };
    }
    const found = await findWord({ platform, runner, env });
    info = wordInfo(found, platform);
    if (!found.found) return { error: info.detail };
    const parent = await stagingParent(platform, env, options.workDir);
    await mkdir(parent, { recursive: true });
    const dir = await mkdtemp(join(parent, 'openfax-word-'));
    const program: BatchProgram = {
      name: PROGRAM,
      async launch(plan) {
        const pairs = plan.entries.map((e) => ({ source: e.source, output: e.output }));
        const listPath = join(plan.dir, 'documents.txt');
        await writeFile(listPath, wordListText(pairs), { mode: PRIVATE_FILE_MODE });
        return { ...wordLaunch(platform, env, pairs, listPath), cwd: plan.dir };
      },
      readLine: (line) => parseWordLine(line),
    };
    const engine = createBatchEngine({
      program,
      runner,
      dir: join(dir, 'runs'),
      timeouts: {
        startMs: options.startTimeoutMs ?? DEFAULT_TIMEOUTS.startMs,
        perDocumentMs: options.timeoutMs ?? DEFAULT_TIMEOUTS.perDocumentMs,
      },
      onProcess: options.onProcess,
    });
    return { engine, dir };
  }

  async function* convert(items: readonly ConvertItem[], signal: AbortSignal): AsyncGenerator<ConvertResult> {
    if (signal.aborted || items.length === 0) return;
    const state = disposed
      ? { error: 'the merge that used it has ended.' }
      : await (ready ??= prepare().catch((error: Error) => ({ error: `its folder could not be made (${error.message}).` })));
    if (disposed && state.engine) return;
    if (!state.engine) {
      const problem = unavailableProblem(PROGRAM, state.error ?? 'it was not found.');
      for (let index = 0; index < items.length; index++) yield { index, ok: false, problem };
      return;
    }
    yield* state.engine.convert(items, signal);
  }

  return {
    get info() {
      return info;
    },
    convert,
    async dispose() {
      disposed = true;
      const state = await ready?.catch(() => undefined);
      await state?.engine?.stop();
      if (state?.dir) await rm(state.dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
