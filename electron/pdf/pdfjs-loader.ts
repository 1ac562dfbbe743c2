// Loads pdf.js once per process and opens documents with it. In the app that process is the PDF
// check's child (inspector-child.ts), never main: main's bundle does not contain this file
// (test/electron/pdf/built-pdf-check.test.ts). Node, and so Electron's utility process, needs
// the legacy build: the default one expects DOM and newer built-ins (see stack-facts.md).
// The worker module is imported into this thread up front, so pdf.js's "fake worker" starts
// without a second dynamic import per document and without a `workerSrc` path that a bundler
// could break; one PDFWorker is shared by every document. Both are bundled into the child's
// file (electron.vite.config.ts), so the package needs no pdfjs-dist folder.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocumentProxy, PDFWorker } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { canvasFactoryOf, FileDataFactory, installCanvasGlobals, NoFilterFactory } from './pdfjs-node-env.ts';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

interface Loaded {
  pdfjs: PdfJs;
  worker: PDFWorker;
  CanvasFactory: ReturnType<typeof canvasFactoryOf>;
}

let loading: Promise<Loaded> | undefined;

/** Loads pdf.js and its worker code once; later calls reuse them. */
export function loadPdfJs(): Promise<Loaded> {
  loading ??= (async () => {
    // Before pdf.js is evaluated: it makes a DOMMatrix at load (pdfjs-node-env.ts says why).
    const canvas = await import('@napi-rs/canvas');
    installCanvasGlobals(canvas);
    const [pdfjs, workerModule] = await Promise.all([
      import('pdfjs-dist/legacy/build/pdf.mjs'),
      import('pdfjs-dist/legacy/build/pdf.worker.mjs'),
    ]);
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = workerModule;
    const worker = new pdfjs.PDFWorker({ verbosity: pdfjs.VerbosityLevel.ERRORS });
    return { pdfjs, worker, CanvasFactory: canvasFactoryOf(canvas) };
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

// The 14 standard fonts a PDF may name without embedding (Helvetica, Times…), as pdf.js ships
// them: a fax drawn here must use the same outlines as the renderer's fax view. The build copies
// them beside the bundle (pdfjs/standard_fonts); run from source, they are the package's own.
let standardFonts: string | undefined;
function standardFontDataUrl(): string {
  const beside = join(import.meta.dirname, 'pdfjs', 'standard_fonts');
  standardFonts ??= `${existsSync(beside) ? beside : join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;
  return standardFonts;
}

/**
 * Opens a PDF from bytes this module may keep (pdf.js may take ownership of the buffer).
 * Font faces, eval, system fonts and image decoders are off: fonts are drawn as outlines, from
 * the document or pdf.js's standard fonts, never from the system.
 */
export async function openPdfDocument(data: Uint8Array, password?: string): Promise<PDFDocumentProxy> {
  const { pdfjs, worker, CanvasFactory } = await loadPdfJs();
  const task = pdfjs.getDocument({
    data,
    password,
    worker,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: standardFontDataUrl(),
    isEvalSupported: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    stopAtErrors: false,
    // The same in Node, in a utility process and in a worker thread (pdfjs-node-env.ts).
    CanvasFactory,
    FilterFactory: NoFilterFactory,
    BinaryDataFactory: FileDataFactory,
  });
  return task.promise;
}
