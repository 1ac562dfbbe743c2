// Converts a batch of documents with one start of a program that takes many (LibreOffice, a
// Word script), and carries on when that program hangs or crashes on one of them.
//
// - Each document is staged under a name of ours (d00000.docx…), so the program's arguments,
//   its output names and the Word list file hold no value of the person's, and two documents
//   with one name cannot meet in the output folder.
// - Results stream: a document is finished once the program has begun a later one (its output
//   line, or a later output file in the folder, polled) or the program has exited. Its own file
//   appearing is not enough: LibreOffice makes the PDF's name empty first and fills it after.
//   Each output is then proved a whole PDF before it is moved to where the merge wants it.
// - Each document has `perDocumentMs` from the last sign of progress (the first also has
//   `startMs` for the program to start): past that the program and everything it started are
//   killed. What finished is kept; the first document without a whole PDF (the one it hung on)
//   is tried once alone, the rest go on in a new start. Alone again, it fails, naming it. A
//   crash (non-zero exit) is handled the same way.
// - Starts that make nothing at all, three in a row, mean the program itself is broken: what is
//   left fails with its words, rather than one start per document.

import { copyFile, link, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConvertItem, ConvertResult, MergeProblem } from '../types.ts';
import { checkPdfOutput, moveOutput } from './pdf-output.ts';
import type { OutputStream, ProcessExit, ProcessRunner, RunningProcess, SpawnRequest } from './process-runner.ts';
import {
  brokenProblem,
  crashProblem,
  failedProblem,
  notPdfProblem,
  timeoutProblem,
  unavailableProblem,
  unreadableProblem,
} from './problems.ts';
import { createChannel } from './result-channel.ts';

/** One staged document of a run. */
export interface RunEntry {
  /** Index into the items the caller gave. */
  index: number;
  item: ConvertItem;
  /** The staged copy the program reads. */
  source: string;
  /** Where the program writes its PDF. */
  output: string;
}

export interface RunPlan {
  dir: string;
  inDir: string;
  outDir: string;
  entries: RunEntry[];
}

/** What one line of the program's output tells (positions are into `RunPlan.entries`). */
export type LineEvent =
  | { kind: 'started'; at: number }
  | { kind: 'done'; at: number }
  | { kind: 'failed'; at: number; detail: string }
  /** A process it started outside its own tree (Word's COM server), killed with it. */
  | { kind: 'pid'; pid: number };

export interface BatchProgram {
  /** As people know it: named in every problem. */
  name: string;
  launch(plan: RunPlan): Promise<SpawnRequest>;
  readLine(line: string, stream: OutputStream, plan: RunPlan): LineEvent | undefined;
}

export interface BatchTimeouts {
  /** For the program to start, on top of the first document's allowance. */
  startMs: number;
  /** Each document, counted from the last sign of progress. */
  perDocumentMs: number;
}

/** Told as processes start and end: tests check streaming by it, the benchmark times the converter. */
export type ProcessEvent =
  | { kind: 'start'; pid: number | undefined; documents: number }
  | { kind: 'exit'; pid: number | undefined; exit: ProcessExit; ms: number; stopped?: 'timeout' | 'abort' };

export interface BatchEngineOptions {
  program: BatchProgram;
  runner: ProcessRunner;
  /** A folder of this converter's own; each start stages its documents in a folder inside. */
  dir: string;
  timeouts: BatchTimeouts;
  /** How often the output folder is looked at while the program runs. */
  pollMs?: number;
  onProcess?: (event: ProcessEvent) => void;
}

export interface BatchEngine {
  convert(items: readonly ConvertItem[], signal: AbortSignal): AsyncIterable<ConvertResult>;
  /** Stops what runs and waits for it. */
  stop(): Promise<void>;
}

/** Each document's allowance, and a program's start on top of the first (a new profile, Word's first launch). */
export const DEFAULT_TIMEOUTS: BatchTimeouts = { startMs: 60_000, perDocumentMs: 30_000 };

const BROKEN_AFTER = 3;

interface Pending {
  index: number;
  item: ConvertItem;
}

type RunOutcome =
  | { kind: 'clean' }
  | { kind: 'aborted' }
  | { kind: 'unstartable'; error: string; left: Pending[] }
  | { kind: 'broken'; left: Pending[]; progressed: boolean; problem: (p: Pending) => MergeProblem; stderr: string };

const fail = (index: number, problem: MergeProblem): ConvertResult => ({ index, ok: false, problem });
const pad = (n: number) => String(n).padStart(5, '0');

export function createBatchEngine(options: BatchEngineOptions): BatchEngine {
  const { program, runner, timeouts } = options;
  const pollMs = options.pollMs ?? 200;
  let runs = 0;
  let brokenStreak = 0;
  let queue: Promise<void> = Promise.resolve();
  const stopping = new AbortController();
  const active = new Set<Promise<unknown>>();

  /** One start of the program over `pending`, its results pushed as each is known. */
  function startRun(pending: Pending[], signal: AbortSignal) {
    const results = createChannel<ConvertResult>();
    const told = new Set<number>();
    const emit = (r: ConvertResult) => {
      told.add(r.index);
      results.push(r);
    };
    const outcome = (async (): Promise<RunOutcome> => {
      const dir = join(options.dir, `run-${++runs}`);
      try {
        return await run(dir, pending, signal, emit);
      } catch (error) {
        // Only the staging folder or the launch can throw, before the program runs.
        return { kind: 'unstartable', error: (error as Error).message, left: pending.filter((p) => !told.has(p.index)) };
      } finally {
        results.close();
        await rm(dir, { recursive: true, force: true }).catch(() => {});
      }
    })();
    active.add(outcome);
    void outcome.finally(() => active.delete(outcome));
    return { results, outcome };
  }

  async function run(dir: string, pending: Pending[], signal: AbortSignal, emit: (r: ConvertResult) => void): Promise<RunOutcome> {
    const plan: RunPlan = { dir, inDir: join(dir, 'in'), outDir: join(dir, 'out'), entries: [] };
    await mkdir(plan.inDir, { recursive: true });
    await mkdir(plan.outDir, { recursive: true });
    for (const p of pending) {
      const name = `d${pad(plan.entries.length)}`;
      const source = join(plan.inDir, `${name}.docx`);
      try {
        await link(p.item.docxPath, source).catch(() => copyFile(p.item.docxPath, source));
      } catch (error) {
        emit(fail(p.index, failedProblem(program.name, p.item, `the filled document cannot be read (${(error as Error).message})`)));
        continue;
      }
      plan.entries.push({ index: p.index, item: p.item, source, output: join(plan.outDir, `${name}.pdf`) });
    }
    if (plan.entries.length === 0) return { kind: 'clean' };
    if (signal.aborted) return { kind: 'aborted' };

    const entries = plan.entries;
    const request = await program.launch(plan);
    let settled = 0; // entries before this position have a result
    let settling: Promise<void> = Promise.resolve();
    let progressed = false;
    let stopped: 'timeout' | 'abort' | undefined;
    let windowStart = Date.now();
    let stoppedAfterMs = 0;
    const extraPids = new Set<number>();
    const outputs = new Set<string>();
    let watchdog: NodeJS.Timeout | undefined;
    let proc: RunningProcess | undefined;

    const settle = (to: number, verdict?: (e: RunEntry) => MergeProblem) => {
      while (settled < Math.min(to, entries.length)) {
        const entry = entries[settled++]!;
        settling = settling.then(async () => emit(await finish(entry, verdict)));
      }
    };
    const finish = async (entry: RunEntry, verdict?: (e: RunEntry) => MergeProblem): Promise<ConvertResult> => {
      if (verdict) return fail(entry.index, verdict(entry));
      const out = await checkPdfOutput(entry.output);
      if (out.ok) {
        try {
          await moveOutput(entry.output, entry.item.pdfPath);
          return { index: entry.index, ok: true };
        } catch (error) {
          return fail(entry.index, failedProblem(program.name, entry.item, `its PDF could not be saved (${(error as Error).message})`));
        }
      }
      if (out.missing) return fail(entry.index, unreadableProblem(program.name, entry.item, proc?.stderrTail() ?? ''));
      return fail(entry.index, notPdfProblem(program.name, entry.item, out.why));
    };
    const stop = (why: 'timeout' | 'abort') => {
      if (stopped) return;
      stopped = why;
      stoppedAfterMs = Date.now() - windowStart;
      for (const pid of extraPids) void runner.killPid(pid);
      void proc?.kill();
    };
    const arm = (ms: number) => {
      clearTimeout(watchdog);
      windowStart = Date.now();
      watchdog = setTimeout(() => stop('timeout'), ms);
    };
    let exited = false;
    const progress = (to: number) => {
      if (exited || to <= settled) return;
      progressed = true;
      brokenStreak = 0;
      settle(to);
      arm(timeouts.perDocumentMs);
    };
    const onLine = (line: string, stream: OutputStream) => {
      if (stopped || exited) return;
      const event = program.readLine(line, stream, plan);
      if (!event) return;
      if (event.kind === 'pid') {
        extraPids.add(event.pid);
        return;
      }
      if (event.at < 0 || event.at >= entries.length) return;
      if (event.kind === 'started') {
        // Begun is progress even when nothing before it is left to settle.
        if (event.at >= settled) {
          progressed = true;
          brokenStreak = 0;
          arm(timeouts.perDocumentMs);
        }
        settle(event.at);
      } else if (event.kind === 'done') progress(event.at + 1);
      else if (event.at >= settled) {
        progress(event.at);
        settle(event.at + 1, (e) => failedProblem(program.name, e.item, event.detail));
        arm(timeouts.perDocumentMs);
      }
    };

    const began = Date.now();
    proc = runner.start(request, onLine);
    options.onProcess?.({ kind: 'start', pid: proc.pid, documents: entries.length });
    arm(timeouts.startMs + timeouts.perDocumentMs);
    const onAbort = () => stop('abort');
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) stop('abort');
    const poll = setInterval(() => {
      void readdir(plan.outDir).then(
        (names) => {
          for (const n of names) outputs.add(n);
          // The last entry whose output exists: everything before it is finished.
          for (let at = entries.length - 1; at > settled; at--) {
            if (outputs.has(`d${pad(at)}.pdf`)) return progress(at);
          }
        },
        () => {},
      );
    }, pollMs);

    const exit = await proc.exited;
    exited = true;
    clearInterval(poll);
    clearTimeout(watchdog);
    signal.removeEventListener('abort', onAbort);
    options.onProcess?.({ kind: 'exit', pid: proc.pid, exit, ms: Date.now() - began, stopped });
    if (stopped === 'abort') {
      await settling;
      return { kind: 'aborted' };
    }
    await settling;
    const left = (from: number): Pending[] => entries.slice(from).map((e) => ({ index: e.index, item: e.item }));
    if (exit.error && !progressed) return { kind: 'unstartable', error: exit.error, left: left(settled) };
    if (!stopped && exit.code === 0) {
      settle(entries.length);
      await settling;
      return { kind: 'clean' };
    }
    // Stopped or crashed: what it finished before it died is kept (the process is gone, so a
    // whole PDF is whole); the first without one is the document it was on, and it and the
    // others without one are tried again.
    const unfinished: Pending[] = [];
    for (const entry of entries.slice(settled)) {
      if ((await checkPdfOutput(entry.output)).ok) emit(await finish(entry));
      else unfinished.push({ index: entry.index, item: entry.item });
    }
    settled = entries.length;
    if (unfinished.length === 0) return { kind: 'clean' };
    const stderr = proc.stderrTail();
    const how = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
    const ms = stopped === 'timeout' ? stoppedAfterMs : 0;
    return {
      kind: 'broken',
      left: unfinished,
      progressed,
      stderr,
      problem: (p) => (stopped === 'timeout' ? timeoutProblem(program.name, p.item, ms) : crashProblem(program.name, p.item, how, stderr)),
    };
  }

  async function* convertAll(items: readonly ConvertItem[], outer: AbortSignal): AsyncGenerator<ConvertResult> {
    // A reader that stops early (break, an error) stops the program too.
    const local = new AbortController();
    const signal = AbortSignal.any([outer, local.signal]);
    let current: Promise<RunOutcome> | undefined;
    const work: { pending: Pending[]; alone: boolean }[] = [];
    const all = items.map((item, index) => ({ index, item }));
    if (all.length) work.push({ pending: all, alone: all.length === 1 });
    try {
      while (work.length > 0) {
        if (signal.aborted) return;
        const job = work.shift()!;
        const { results, outcome } = startRun(job.pending, signal);
        current = outcome;
        for await (const r of results) {
          if (signal.aborted) break;
          yield r;
        }
        const end = await outcome;
        if (signal.aborted || end.kind === 'aborted') return;
        if (end.kind === 'clean') continue;
        const rest = work.flatMap((w) => w.pending);
        if (end.kind === 'unstartable') {
          const problem = unavailableProblem(program.name, `it could not be started (${end.error}).`);
          for (const p of [...end.left, ...rest]) yield fail(p.index, problem);
          return;
        }
        if (!end.progressed) brokenStreak++;
        if (brokenStreak >= BROKEN_AFTER) {
          const problem = brokenProblem(program.name, brokenStreak, end.stderr);
          for (const p of [...end.left, ...rest]) yield fail(p.index, problem);
          return;
        }
        const [first, ...others] = end.left;
        if (!first) continue;
        const next = others.length ? [{ pending: others, alone: others.length === 1 }] : [];
        if (job.alone) {
          yield fail(first.index, end.problem(first));
          work.unshift(...next);
        } else work.unshift({ pending: [first], alone: true }, ...next);
      }
    } finally {
      local.abort();
      await current;
    }
  }

  return {
    async *convert(items, signal) {
      // One run at a time: a second soffice on the same profile would hand its documents to the first.
      const combined = AbortSignal.any([signal, stopping.signal]);
      let release!: () => void;
      const turn = queue;
      queue = new Promise<void>((resolve) => (release = resolve));
      await turn;
      try {
        if (combined.aborted) return;
        yield* convertAll(items, combined);
      } finally {
        release();
      }
    },
    async stop() {
      stopping.abort();
      await Promise.allSettled([...active]);
    },
  };
}
