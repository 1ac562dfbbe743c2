// The PDF check every entry uses. pdf.js parses documents that people, printers and other
// programs hand us, so it does not run in main: it runs in a child (a worker thread in plain
// Node, thread-inspector.ts; a utility process in Electron, utility-inspector.ts), one document
// at a time, with a wall-clock cap and a memory cap. A document that goes over either is
// refused with words that name the fix, the child is killed, and the next document gets a new
// one. Main reads the file and checks its size and header itself (read-input.ts), so the bytes
// are never lost with the child, and it checks every answer (inspector-replies.ts).

import type { InspectRequest } from './inspector-messages.ts';
import { errorFromChild, parseChildMessage } from './inspector-replies.ts';
import { type InspectOptions, type PdfInfo, type PdfStructure, pdfInfoFrom } from './pdf-info.ts';
import { type PdfError, pdfError, tooComplexError } from './pdf-errors.ts';
import { type PdfInput, readPdfInput } from './read-input.ts';

export interface PdfInspector {
  /** Reads and checks a PDF as inspectPdf does, pdf.js in the child; throws PdfError ('too-complex' when a cap stopped it). */
  inspect(input: PdfInput, options?: InspectOptions): Promise<PdfInfo>;
  /** Stops the child; an inspection in progress and any later one fail. */
  dispose(): Promise<void>;
}

export interface InspectorLimits {
  /** Wall-clock time one document may take in the child (a cold start's loading of pdf.js is not counted). */
  timeoutMs: number;
  /** Memory the child may use: its heap cap, and the watchdog's cap on heap and buffers (or its working set). */
  memoryMb: number;
  /** The child is stopped after this long without a document, and started again for the next. */
  idleMs: number;
}

// A fax-sized PDF takes well under a second and tens of MB; these leave room for a 50 MB scan.
const DEFAULT_INSPECTOR_LIMITS: InspectorLimits = { timeoutMs: 30_000, memoryMb: 1024, idleMs: 60_000 };

/** One running child, as a host provides it. */
export interface InspectorChild {
  send(request: InspectRequest): void;
  /** Bytes the child uses now, when the host can tell; read while it parses (its own event loop may be stuck). */
  memoryBytes(): Promise<number | undefined>;
  /** Ends the child at once, even in the middle of a parse. */
  kill(): void;
  /** Busy: the child keeps this process alive; idle: it does not (a worker thread in the CLI). */
  setBusy?(busy: boolean): void;
}

export interface ChildEvents {
  message(message: unknown): void;
  /** The child ended; `outOfMemory` when its heap cap stopped it. */
  exit(outOfMemory: boolean, detail: string): void;
}

export type SpawnChild = (events: ChildEvents, limits: InspectorLimits) => InspectorChild;

type ChildEvent = { kind: 'message'; message: unknown } | { kind: 'exit'; outOfMemory: boolean; detail: string };

interface Running {
  child: InspectorChild;
  ready: Promise<void>;
  listener?: (event: ChildEvent) => void;
}

const MEMORY_POLL_MS = 100;
// Loading pdf.js in a new child takes a few hundred ms, more on a busy machine; a child that is
// not ready in this long will not be.
const START_TIMEOUT_MS = 30_000;

/** The child's file: beside this one in source (Node strips its types); once built, the entry electron.vite.config.ts emits beside the bundle. */
export function inspectorChildUrl(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./inspector-child.ts', import.meta.url)
    : new URL('./pdf-inspector-child.js', import.meta.url);
}

/** "30 s", "1 GB": the caps as the refusal names them. */
function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
function megabytes(mb: number): string {
  return mb >= 1024 ? `${Math.round((mb / 1024) * 10) / 10} GB` : `${mb} MB`;
}

/** A PdfInspector over children made by `spawn`, kept warm between documents. */
/** The child never became ready (it could not be started, or said nothing in time): nothing of the document was read. */
export class InspectorStartError extends Error {
  override name = 'InspectorStartError';
}

export function createPdfInspector(spawn: SpawnChild, given: Partial<InspectorLimits> = {}): PdfInspector {
  const limits: InspectorLimits = { ...DEFAULT_INSPECTOR_LIMITS, ...given };
  let current: Running | undefined;
  let turn: Promise<unknown> = Promise.resolve();
  let idleTimer: NodeJS.Timeout | undefined;
  let disposed = false;
  let nextId = 1;

  const closed = () => new Error('The PDF check was closed: the app is shutting down.');

  function start(): Running {
    let markReady!: () => void;
    let failStart!: (error: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    ready.catch(() => {});
    const run: Running = { child: undefined as unknown as InspectorChild, ready };
    run.child = spawn(
      {
        message(raw) {
          if ((raw as { kind?: unknown } | null)?.kind === 'ready') return markReady();
          run.listener?.({ kind: 'message', message: raw });
        },
        exit(outOfMemory, detail) {
          if (current === run) current = undefined;
          failStart(new InspectorStartError(`The PDF check could not start (${detail}).`));
          run.listener?.({ kind: 'exit', outOfMemory, detail });
        },
      },
      limits,
    );
    return run;
  }

  function kill(run: Running): void {
    if (current === run) current = undefined;
    run.child.kill();
  }

  function scheduleIdle(): void {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (current) kill(current);
    }, limits.idleMs);
    idleTimer.unref();
  }

  function ask(run: Running, request: InspectRequest): Promise<PdfStructure> {
    return new Promise<PdfStructure>((resolve, reject) => {
      let settled = false;
      const finish = (error: Error | undefined, structure?: PdfStructure) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(watch);
        run.listener = undefined;
        if (error) reject(error);
        else resolve(structure as PdfStructure);
      };
      const stop = (error: PdfError) => {
        kill(run);
        finish(error);
      };
      const timer = setTimeout(() => stop(tooComplexError('time', seconds(limits.timeoutMs))), limits.timeoutMs);
      const watch = setInterval(() => {
        run.child.memoryBytes().then(
          (used) => {
            if (used !== undefined && used > limits.memoryMb * 1024 * 1024) stop(tooComplexError('memory', megabytes(limits.memoryMb)));
          },
          () => {},
        );
      }, MEMORY_POLL_MS);
      run.listener = (event) => {
        if (event.kind === 'exit') {
          if (disposed) return finish(closed());
          if (event.outOfMemory) return finish(tooComplexError('memory', megabytes(limits.memoryMb)));
          return finish(pdfError('damaged', `the PDF check stopped while reading it: ${event.detail}`));
        }
        const m = parseChildMessage(event.message);
        if (m?.kind === 'done' && m.id === request.id) return finish(undefined, m.structure);
        if (m?.kind === 'failed' && m.id === request.id) return finish(errorFromChild(m.error));
        // An answer that is not one: the child cannot be trusted with another document.
        stop(pdfError('damaged', 'the PDF check gave an answer that does not fit'));
      };
      run.child.send(request);
    });
  }

  async function inspectBytes(bytes: Uint8Array, textMaxPages: number | undefined): Promise<PdfStructure> {
    if (disposed) throw closed();
    clearTimeout(idleTimer);
    current ??= start();
    const run = current;
    run.child.setBusy?.(true);
    try {
      let startTimer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        startTimer = setTimeout(() => {
          kill(run);
          reject(new InspectorStartError(`The PDF check did not start within ${seconds(START_TIMEOUT_MS)}.`));
        }, START_TIMEOUT_MS);
      });
      try {
        await Promise.race([run.ready, late]);
      } finally {
        clearTimeout(startTimer);
      }
      return await ask(run, { id: nextId++, bytes, ...(textMaxPages ? { textMaxPages } : {}) });
    } finally {
      if (current === run) {
        run.child.setBusy?.(false);
        scheduleIdle();
      }
    }
  }

  return {
    async inspect(input, options = {}) {
      // Main reads and checks the size and header (a 2 GB file is refused unread), and keeps the bytes.
      const read = await readPdfInput(input, options.maxBytes);
      const next = turn.then(() => inspectBytes(read.bytes, options.textMaxPages));
      turn = next.catch(() => {});
      return pdfInfoFrom(read, await next);
    },
    async dispose() {
      disposed = true;
      clearTimeout(idleTimer);
      if (current) kill(current);
      await turn;
    },
  };
}
