// The PDF check every entry uses. pdf.js parses documents that people, printers and other
// programs hand us, so it does not run in main: it runs in a child (a worker thread in plain
// Node, thread-inspector.ts; a utility process in Electron, utility-inspector.ts), one document
// at a time, with a wall-clock cap and a memory cap. A document that goes over either is
// refused with words that name the fix, the child is killed, and the next document gets a new
// one. Main reads the file and checks its size and header itself (read-input.ts), so the bytes
// are never lost with the child, and it checks every answer (inspector-replies.ts).

import type { PaperSize, Resolution } from '../../shared/domain.ts';
import { faxPageLayout } from '../../shared/fax-page.ts';
import type { FaxRaster } from '../../shared/fax-raster.ts';
import type { ChildMessage, ChildRequest } from './inspector-messages.ts';
import { errorFromChild, parseChildMessage, rastersFromChild } from './inspector-replies.ts';
import { type InspectOptions, type PdfInfo, pdfInfoFrom } from './pdf-info.ts';
import { PdfError, pdfError, tooComplexError } from './pdf-errors.ts';
import { type PdfInput, readPdfInput } from './read-input.ts';

export interface RenderFaxOptions {
  paper: PaperSize;
  resolution: Resolution;
  /** 1-based page numbers; all pages when absent. */
  pages?: readonly number[];
  /** Leave the header band at the top (fax-page.ts). */
  header?: boolean;
}

export interface PdfInspector {
  /** Reads and checks a PDF as inspectPdf does, pdf.js in the child; throws PdfError ('too-complex' when a cap stopped it). */
  inspect(input: PdfInput, options?: InspectOptions): Promise<PdfInfo>;
  /**
   * Pages as the recipient's fax machine prints them (fax-render.ts), pdf.js in the child under
   * the same caps, each batch of pages counted as one document. Throws PdfError as inspect does,
   * and RangeError for a page the document does not have.
   */
  renderFax(input: PdfInput, options: RenderFaxOptions): Promise<FaxRaster[]>;
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
  send(request: ChildRequest): void;
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
// Pages drawn per request: each request is held to the time cap, so a long document is not
// refused for its length, and the child hands back a few MB at a time.
const RENDER_BATCH_PAGES = 8;
// Every page of a document is drawn only for a fax of sane length: 600 KB a page stays in main.
const MAX_RENDERED_PAGES = 500;
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

  /** Sends `request` and waits for its answer; `accept` turns the answer into the result, undefined when it does not fit. */
  function ask<T>(run: Running, request: ChildRequest, accept: (m: ChildMessage) => T | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const finish = (error: Error | undefined, result?: T) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(watch);
        run.listener = undefined;
        if (error) reject(error);
        else resolve(result as T);
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
        if (m?.kind === 'failed' && m.id === request.id) return finish(errorFromChild(m.error));
        const result = m && m.kind !== 'ready' && m.id === request.id ? accept(m) : undefined;
        if (result !== undefined) return finish(undefined, result);
        // An answer that is not one: the child cannot be trusted with another document.
        stop(pdfError('damaged', 'the PDF check gave an answer that does not fit'));
      };
      run.child.send(request);
    });
  }

  /** Runs one request in the warm child (started if need be), its caps and idle timer around it. */
  async function request<T>(make: (id: number) => ChildRequest, accept: (m: ChildMessage) => T | undefined): Promise<T> {
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
      return await ask(run, make(nextId++), accept);
    } finally {
      if (current === run) {
        run.child.setBusy?.(false);
        scheduleIdle();
      }
    }
  }

  /** One document at a time: requests wait for those before them, whatever became of those. */
  function inTurn<T>(run: () => Promise<T>): Promise<T> {
    const next = turn.then(run);
    turn = next.catch(() => {});
    return next;
  }

  return {
    async inspect(input, options = {}) {
      // Main reads and checks the size and header (a 2 GB file is refused unread), and keeps the bytes.
      const read = await readPdfInput(input, options.maxBytes);
      const { textMaxPages, inkFacts } = options;
      const structure = await inTurn(() =>
        request(
          (id) => ({ id, bytes: read.bytes, ...(textMaxPages ? { textMaxPages } : {}), ...(inkFacts ? { inkFacts } : {}) }),
          (m) => (m.kind === 'done' ? m.structure : undefined),
        ),
      );
      return pdfInfoFrom(read, structure);
    },
    async renderFax(input, options) {
      const read = await readPdfInput(input);
      const asked = options.pages ? checkedPages(options.pages) : undefined;
      // The raster's height depends only on the paper and the line rate.
      const height = faxPageLayout(1, 1, options).height;
      const out: FaxRaster[] = [];
      let pageCount = asked ? undefined : RENDER_BATCH_PAGES;
      for (let from = 0; from < (asked?.length ?? (pageCount as number)); from += RENDER_BATCH_PAGES) {
        const pages = asked
          ? asked.slice(from, from + RENDER_BATCH_PAGES)
          : Array.from({ length: Math.min(RENDER_BATCH_PAGES, (pageCount as number) - from) }, (_, i) => from + i + 1);
        const batch = await inTurn(() =>
          request(
            // A copy each time: a worker thread takes the bytes it is sent.
            (id) => ({
              id,
              kind: 'render',
              bytes: read.bytes.slice(),
              paper: options.paper,
              resolution: options.resolution,
              pages,
              header: options.header,
            }),
            (m) => {
              if (m.kind !== 'rendered') return undefined;
              const wanted = pages.filter((n) => n <= m.pageCount).length;
              const rasters = m.pages.length === wanted ? rastersFromChild(m.pages, height) : undefined;
              return rasters && { pageCount: m.pageCount, rasters };
            },
          ),
        );
        const missing = asked && pages.find((n) => n > batch.pageCount);
        if (missing) throw new RangeError(`Page ${missing} was asked for, but the PDF has ${batch.pageCount} pages.`);
        if (!asked && batch.pageCount > MAX_RENDERED_PAGES) throw tooManyPages(batch.pageCount);
        if (!asked) pageCount = batch.pageCount;
        out.push(...batch.rasters);
      }
      return out;
    },
    async dispose() {
      disposed = true;
      clearTimeout(idleTimer);
      if (current) kill(current);
      await turn;
    },
  };
}

function checkedPages(pages: readonly number[]): readonly number[] {
  if (pages.length === 0) throw new RangeError('No page was asked for.');
  if (pages.length > MAX_RENDERED_PAGES)
    throw new RangeError(`${pages.length} pages were asked for; at most ${MAX_RENDERED_PAGES} are drawn at once.`);
  const bad = pages.find((n) => !Number.isInteger(n) || n < 1);
  if (bad !== undefined) throw new RangeError(`Page ${bad} is not a page number: pages count from 1.`);
  return pages;
}

function tooManyPages(count: number): PdfError {
  return new PdfError(
    'too-many-pages',
    `The PDF has ${count} pages; a fax image is drawn for at most ${MAX_RENDERED_PAGES}.`,
    'Split it into smaller faxes.',
  );
}
