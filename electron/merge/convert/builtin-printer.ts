// The built-in converter's printer, whatever renders the page: a document is offered under a
// one-time URL, a hidden page (an Electron window, a headless Chromium tab) loads
// renderer/docx-print.html naming it, waits for the page's title to say it is laid out
// (shared/docx-print.ts), prints it to PDF and is closed. One page at a time; each print has a
// deadline, and aborting or disposing stops it and closes its page.

import { readDocxPrintSignal } from '../../../shared/docx-print.ts';
import { AppError } from '../../core/app-error.ts';
import type { DocxPrintPort, MergeProblem } from '../types.ts';
import type { OneTimeDocuments } from './builtin-documents.ts';

/** One hidden page, loading the print page. */
export interface PrintTab {
  /**
   * Resolves with the page's title once it is a final signal (ready or error); rejects when
   * the page could not load or its renderer died. Never resolves for a page that hangs.
   */
  signalled(): Promise<string>;
  /** The laid-out page as PDF bytes, at the CSS page size, with backgrounds. */
  print(): Promise<Uint8Array>;
  /** Closes the page; stops a print in progress. */
  close(): Promise<void>;
}

export interface PrintSurfaces {
  /** Opens a hidden page that loads `url`. */
  open(url: string): Promise<PrintTab>;
}

export interface DocxPrinterOptions {
  surfaces: PrintSurfaces;
  documents: OneTimeDocuments;
  /** The print page's URL naming a document path; undefined while the host serves nothing yet. */
  pageUrl(docPath: string): string | undefined;
  /** Per document, from its turn to its PDF (the first includes starting the browser). */
  timeoutMs?: number;
}

export interface DocxPrinter extends DocxPrintPort {
  /** Stops the print in progress, refuses new ones, and waits for its page to close. */
  dispose(): Promise<void>;
}

const DEFAULT_PRINT_TIMEOUT_MS = 60_000;

/** A refusal from the built-in converter, with its problem as the merge shows it. */
export class DocxPrintError extends AppError {
  override name = 'DocxPrintError';
  readonly problem: MergeProblem;
  constructor(problem: MergeProblem, cause?: unknown) {
    super(`${problem.message} ${problem.action}`, { code: problem.code, cause });
    this.problem = problem;
  }
}

const OTHER_CONVERTER = 'or pick another converter (LibreOffice or Word) for this merge.';

/** The page could not lay the document out (not a Word document, a damaged one). */
function unreadableProblem(reason: string): MergeProblem {
  return {
    code: 'builtin-unreadable',
    message: `The built-in converter could not read this document (${reason}).`,
    action: `Open the template in Word or LibreOffice and save it again as .docx, ${OTHER_CONVERTER}`,
  };
}

function timeoutProblem(timeoutMs: number): MergeProblem {
  return {
    code: 'builtin-timeout',
    message: `The built-in converter took more than ${Math.round(timeoutMs / 1000)} s on this document and was stopped.`,
    action: `Try again, ${OTHER_CONVERTER}`,
  };
}

function failedProblem(reason: string): MergeProblem {
  return {
    code: 'builtin-failed',
    message: `The built-in converter stopped before the document was printed (${reason}).`,
    action: `Try again, ${OTHER_CONVERTER}`,
  };
}

export function unavailableProblem(reason: string, action = `Restart Openfax Desktop, ${OTHER_CONVERTER}`): MergeProblem {
  return { code: 'builtin-unavailable', message: `The built-in converter is not available (${reason}).`, action };
}

/** Settles as `promise` does, or rejects with the signal's reason once it aborts, whichever is first. */
function unlessAborted<T>(signal: AbortSignal, promise: Promise<T>): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

function isPdf(bytes: Uint8Array): boolean {
  return bytes.length > 8 && new TextDecoder().decode(bytes.subarray(0, 5)) === '%PDF-';
}

function reasonOf(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] || 'no reason given';
}

export function createDocxPrinter(opts: DocxPrinterOptions): DocxPrinter {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_PRINT_TIMEOUT_MS;
  const closing = new AbortController();
  // The tail of the one-at-a-time queue; it never rejects.
  let queue: Promise<void> = Promise.resolve();

  async function printOne(docx: Uint8Array, signal: AbortSignal): Promise<Uint8Array> {
    signal.throwIfAborted();
    if (closing.signal.aborted) throw new DocxPrintError(unavailableProblem('it was closed'));
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    const stop = AbortSignal.any([signal, deadline.signal, closing.signal]);
    const offered = opts.documents.offer(docx);
    let tab: PrintTab | undefined;
    try {
      const url = opts.pageUrl(offered.path);
      if (!url) throw new DocxPrintError(unavailableProblem('its page is not served yet'));
      const opening = opts.surfaces.open(url);
      tab = await unlessAborted(stop, opening).catch((err: unknown) => {
        // A page that opens after the print was given up is closed as soon as it exists.
        void opening.then(
          (late) => late.close(),
          () => {},
        );
        throw err;
      });
      const signalled = readDocxPrintSignal(await unlessAborted(stop, tab.signalled()));
      if (!signalled) throw new DocxPrintError(failedProblem('the page gave no answer'));
      if (!signalled.ok) throw new DocxPrintError(unreadableProblem(signalled.reason));
      const pdf = await unlessAborted(stop, tab.print());
      if (!isPdf(pdf)) throw new DocxPrintError(failedProblem('the page printed something that is not a PDF'));
      return pdf;
    } catch (err) {
      if (signal.aborted) throw signal.reason;
      if (deadline.signal.aborted) throw new DocxPrintError(timeoutProblem(timeoutMs), err);
      if (closing.signal.aborted) throw new DocxPrintError(unavailableProblem('it was closed'), err);
      if (err instanceof DocxPrintError) throw err;
      throw new DocxPrintError(failedProblem(reasonOf(err)), err);
    } finally {
      clearTimeout(timer);
      offered.withdraw();
      await tab?.close().catch(() => {});
    }
  }

  return {
    printDocx(docx, signal) {
      const turn = queue.then(() => printOne(docx, signal));
      queue = turn.then(
        () => {},
        () => {},
      );
      // A print still waiting for its turn is given up at once; printOne then skips it.
      return unlessAborted(signal, turn);
    },
    async dispose() {
      closing.abort();
      await queue;
    },
  };
}
