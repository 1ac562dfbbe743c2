// The built-in converter: the host's DocxPrintPort (a hidden Electron window, or headless
// Chromium under the browser host) renders each document with docx-preview and prints it. One
// document at a time, each with a deadline; the PDF is proved whole before it is kept. Its
// layout is approximate, and says so.

import { readFile, rm } from 'node:fs/promises';
import { writeFileAtomic } from '../../pdf/write-atomic.ts';
import type { ConverterInfo, ConvertItem, ConvertResult, DocxConverter, DocxPrintPort, MergeProblem } from '../types.ts';
import { DEFAULT_TIMEOUTS } from './batch-runner.ts';
import { builtinInfo } from './converter-infos.ts';
import { checkPdfOutput } from './pdf-output.ts';
import { failedProblem, notPdfProblem, timeoutProblem, unavailableProblem } from './problems.ts';

export interface PrintPortOptions {
  /** undefined: the host has none (the CLI); every document then fails, saying so. */
  port?: DocxPrintPort;
  /** Each document's allowance (default 30 s). */
  timeoutMs?: number;
  /** On top of the first document's (a browser to start; default 60 s). */
  startTimeoutMs?: number;
}

const PROGRAM = 'The built-in converter';

/** A port's refusal may carry the problem as the person should see it (builtin-printer.ts's DocxPrintError). */
function problemOf(error: unknown): MergeProblem | undefined {
  const p = (error as { problem?: Partial<MergeProblem> } | undefined)?.problem;
  return p && typeof p.code === 'string' && typeof p.message === 'string' && typeof p.action === 'string'
    ? { code: p.code, message: p.message, action: p.action }
    : undefined;
}

export function createPrintPortConverter(options: PrintPortOptions): DocxConverter {
  const info: ConverterInfo = builtinInfo(options.port !== undefined);
  const perDocumentMs = options.timeoutMs ?? DEFAULT_TIMEOUTS.perDocumentMs;
  const stopping = new AbortController();
  let first = true;

  async function convertOne(port: DocxPrintPort, item: ConvertItem, signal: AbortSignal): Promise<MergeProblem | undefined> {
    let docx: Uint8Array;
    try {
      docx = new Uint8Array(await readFile(item.docxPath));
    } catch (error) {
      return failedProblem(PROGRAM, item, `the filled document cannot be read (${(error as Error).message})`);
    }
    const allowance = perDocumentMs + (first ? (options.startTimeoutMs ?? DEFAULT_TIMEOUTS.startMs) : 0);
    first = false;
    const deadline = new AbortController();
    const started = Date.now();
    const timer = setTimeout(() => deadline.abort(), allowance);
    const stop = AbortSignal.any([signal, deadline.signal]);
    try {
      // A port that ignores its signal is not waited for past the deadline.
      const pdf = await Promise.race([
        port.printDocx(docx, stop),
        new Promise<never>((_, reject) => stop.addEventListener('abort', () => reject(stop.reason), { once: true })),
      ]);
      await writeFileAtomic(item.pdfPath, pdf);
      const whole = await checkPdfOutput(item.pdfPath);
      if (whole.ok) return undefined;
      await rm(item.pdfPath, { force: true });
      return notPdfProblem(PROGRAM, item, whole.missing ? 'it printed nothing' : whole.why);
    } catch (error) {
      if (signal.aborted) return undefined;
      if (deadline.signal.aborted) return timeoutProblem(PROGRAM, item, Date.now() - started);
      return problemOf(error) ?? failedProblem(PROGRAM, item, (error as Error)?.message ?? String(error));
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    info,
    async *convert(items, outer): AsyncGenerator<ConvertResult> {
      const signal = AbortSignal.any([outer, stopping.signal]);
      const port = options.port;
      for (let index = 0; index < items.length; index++) {
        if (signal.aborted) return;
        if (!port) {
          yield { index, ok: false, problem: unavailableProblem(PROGRAM, info.detail) };
          continue;
        }
        const problem = await convertOne(port, items[index]!, signal);
        if (signal.aborted) return;
        yield problem ? { index, ok: false, problem } : { index, ok: true };
      }
    },
    async dispose() {
      stopping.abort();
    },
  };
}
