// Per-page facts for the ink warnings (shared/ink-warnings.ts), measured where pdf.js already
// reads the document: the PDF check's child (inspect.ts). Two looks at each page, both cheap:
// - its runs of text (text-runs.ts), for the smallest and the palest text;
// - a grey rendering at a quarter of the fax line (432 px across), whose mean ink is what a
//   halftone keeps, for how black the page prints, and which shows what each light run of text
//   is drawn on: white text in a dark cell prints, pale text on paper does not.
// Staging a document waits for this, so it stops at a page and time budget: the pages after are
// not looked at (Compose says so), and a failure here only leaves facts out, never refuses a PDF.

import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { printedBlackShare } from '../../shared/fax-halftone.ts';
import { FAX_WIDTH_PX } from '../../shared/fax-raster.ts';
import { LIGHT_TEXT_INK, type PageInk, printsPale, RUN_CHARS } from '../../shared/ink-warnings.ts';
import type { PageSize } from './paper-size.ts';
import type { InkLimits } from './pdf-info.ts';
import { loadPdfJs } from './pdfjs-loader.ts';
import { type Matrix, multiply, readTextRuns, type TextRun } from './text-runs.ts';

// A fax of a few dozen pages is measured whole in well under this; a 300-page statement is
// not held up by it (the hot folder's and Compose's benchmarks count it).
const INK_LIMITS: InkLimits = { maxPages: 60, budgetMs: 1500, surePages: 5 };
const GREY_WIDTH_PX = FAX_WIDTH_PX / 4;
// A strip of a page (a till roll, a banner) is drawn smaller rather than as a canvas of gigabytes.
const GREY_MAX_HEIGHT_PX = 1200;
/** Pixels read under one run of text at most: a page-wide heading costs no more than a word. */
const BACKDROP_SAMPLES = 400;
/**
 * Under a run whose darkest and lightest pixels differ by less than this, nothing shows on the
 * original either (white text on white, pale text covered by what was drawn after it).
 */
const UNSEEN_SPREAD = 0.05;

type Ops = Awaited<ReturnType<typeof loadPdfJs>>['pdfjs']['OPS'];
type CreateCanvas = typeof import('@napi-rs/canvas').createCanvas;

/** The page drawn in grey: each pixel's ink (0 white … 255 black), and how user space maps onto it. */
interface GreyPage {
  width: number;
  height: number;
  ink: Uint8Array;
  toPixels: Matrix;
}

interface Backdrop {
  /** Ink a third of the run's pixels reach: the fill behind it, whatever its letters cover. */
  ink: number;
  /** Nothing shows there: the run cannot be seen on the original either. */
  unseen: boolean;
}

/** The smallest `value` that at least RUN_CHARS characters reach (sorted ascending). */
function runValue(runs: Array<{ value: number; chars: number }>): number | undefined {
  runs.sort((a, b) => a.value - b.value);
  let chars = 0;
  for (const run of runs) {
    chars += run.chars;
    if (chars >= RUN_CHARS) return run.value;
  }
  return undefined;
}

/** What the grey page shows under a run's box, read on a grid of at most BACKDROP_SAMPLES pixels. */
function backdropOf(run: TextRun, grey: GreyPage, histogram: Uint32Array): Backdrop | undefined {
  const [a, b, c, d, e, f] = grey.toPixels;
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < run.box.length; i += 2) {
    const u = run.box[i] as number;
    const v = run.box[i + 1] as number;
    const x = a * u + c * v + e;
    const y = b * u + d * v + f;
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  const left = Math.max(0, Math.floor(x0));
  const top = Math.max(0, Math.floor(y0));
  const right = Math.min(grey.width, Math.ceil(x1));
  const bottom = Math.min(grey.height, Math.ceil(y1));
  if (!(right > left && bottom > top)) return undefined;
  const step = Math.max(1, Math.ceil(Math.sqrt(((right - left) * (bottom - top)) / BACKDROP_SAMPLES)));
  histogram.fill(0);
  let total = 0;
  for (let y = top; y < bottom; y += step) {
    for (let x = left; x < right; x += step) {
      histogram[grey.ink[y * grey.width + x] as number] += 1;
      total += 1;
    }
  }
  // From the dark end: the level a third of the pixels reach, and the darkest one.
  let seen = 0;
  let darkest = -1;
  let third = 0;
  for (let level = 255; level >= 0; level--) {
    const n = histogram[level] as number;
    if (n === 0) continue;
    if (darkest < 0) darkest = level;
    seen += n;
    if (seen * 3 >= total) {
      third = level;
      break;
    }
  }
  let lightest = 0;
  while ((histogram[lightest] as number) === 0) lightest++;
  return { ink: third / 255, unseen: (darkest - lightest) / 255 < UNSEEN_SPREAD };
}

/** The smallest and the palest text of a page's runs, the light ones judged against what they are drawn on. */
function textFacts(runs: readonly TextRun[], grey: GreyPage | undefined): Pick<PageInk, 'smallTextPt' | 'lightTextInk'> {
  const sizes: Array<{ value: number; chars: number }> = [];
  const inks: Array<{ value: number; chars: number }> = [];
  const histogram = new Uint32Array(256);
  for (const run of runs) {
    if (run.sizePt !== undefined) sizes.push({ value: run.sizePt, chars: run.chars });
    if (run.ink === undefined) continue;
    const onPaper = run.ink * run.alpha;
    // Dark enough on paper is dark enough on anything: only light runs need their backdrop.
    if (onPaper >= LIGHT_TEXT_INK) {
      inks.push({ value: onPaper, chars: run.chars });
      continue;
    }
    // Without a grey page (no canvas), every run is judged as if on paper.
    const backdrop = grey ? backdropOf(run, grey, histogram) : { ink: 0, unseen: false };
    if (!backdrop || backdrop.unseen) continue;
    // Translucent text over a darker fill shows some of the fill through it (over paper, or
    // where the reading is the text's own pixels, it shows as on paper).
    const shown = backdrop.ink > onPaper ? onPaper + (1 - run.alpha) * backdrop.ink : onPaper;
    if (printsPale(shown, backdrop.ink)) inks.push({ value: shown, chars: run.chars });
  }
  const facts: Pick<PageInk, 'smallTextPt' | 'lightTextInk'> = {};
  const small = runValue(sizes);
  if (small !== undefined) facts.smallTextPt = Math.round(small * 100) / 100;
  const light = runValue(inks);
  if (light !== undefined) facts.lightTextInk = Math.round(Math.min(1, light) * 1000) / 1000;
  return facts;
}

/** The page drawn in grey at a quarter of the fax line, with the task to cancel it. */
function drawGrey(page: PDFPageProxy, createCanvas: CreateCanvas): { done: Promise<GreyPage>; cancel(): void } {
  // A share of area survives any stretch, so the page fills the canvas whatever its shape.
  const viewport = page.getViewport({ scale: 1 });
  const width = GREY_WIDTH_PX;
  const height = Math.min(GREY_MAX_HEIGHT_PX, Math.max(1, Math.round((width * viewport.height) / Math.max(1e-3, viewport.width))));
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = 'white';
  context.fillRect(0, 0, width, height);
  const stretch: Matrix = [width / viewport.width, 0, 0, height / viewport.height, 0, 0];
  const task = page.render({
    canvas: canvas as unknown as HTMLCanvasElement,
    canvasContext: context as unknown as CanvasRenderingContext2D,
    viewport,
    transform: stretch,
    background: 'white',
  });
  const done = task.promise.then(() => {
    const { data } = context.getImageData(0, 0, width, height);
    const ink = new Uint8Array(width * height);
    for (let i = 0, p = 0; p < ink.length; i += 4, p++) {
      ink[p] = 255 - Math.round(0.299 * (data[i] as number) + 0.587 * (data[i + 1] as number) + 0.114 * (data[i + 2] as number));
    }
    return { width, height, ink, toPixels: multiply(viewport.transform as Matrix, stretch) };
  });
  return { done, cancel: () => task.cancel() };
}

/** How black the page prints at each resolution: the halftone's own share of black dots for each grey. */
function printedBlack(grey: GreyPage): { black: number; blackFine: number } {
  const standard = printedBlackShare('standard');
  const fine = printedBlackShare('fine');
  let a = 0;
  let b = 0;
  for (const v of grey.ink) {
    a += standard[255 - v] as number;
    b += fine[255 - v] as number;
  }
  const round = (x: number) => Math.round((x / grey.ink.length) * 1000) / 1000;
  return { black: round(a), blackFine: round(b) };
}

async function measurePage(
  page: PDFPageProxy,
  size: PageSize,
  ops: Ops,
  createCanvas: CreateCanvas | undefined,
  signal: Promise<'late'>,
): Promise<PageInk | undefined> {
  const reading = readTextRuns(page, ops);
  // Left behind when the budget runs out: its later failure (the document closed) is nobody's.
  reading.catch(() => undefined);
  const runs = await Promise.race([reading, signal]);
  if (runs === 'late') return undefined;
  const base = { widthPt: size.width, heightPt: size.height };
  if (!createCanvas) return { ...base, ...textFacts(runs, undefined) };
  const drawing = drawGrey(page, createCanvas);
  drawing.done.catch(() => undefined);
  const grey = await Promise.race([drawing.done, signal]);
  if (grey === 'late') {
    drawing.cancel();
    return undefined;
  }
  return { ...base, ...textFacts(runs, grey), ...printedBlack(grey) };
}

/**
 * Facts of the first pages of an open document, as many as the limits allow (the budget counts
 * from the first page). `sizes` are the pages' displayed sizes (inspect.ts measured them).
 */
export async function readInkFacts(doc: PDFDocumentProxy, sizes: readonly PageSize[], limits: InkLimits = INK_LIMITS): Promise<PageInk[]> {
  const { OPS } = (await loadPdfJs()).pdfjs;
  // Loaded here, not with the module: a canvas that cannot load costs the grey page, not the check.
  const createCanvas = await import('@napi-rs/canvas').then(
    (m) => m.createCanvas,
    () => undefined,
  );
  const facts: PageInk[] = [];
  const deadline = performance.now() + limits.budgetMs;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), limits.budgetMs);
  });
  try {
    const last = Math.min(doc.numPages, limits.maxPages, sizes.length);
    const sure = limits.surePages ?? 0;
    const never = new Promise<'late'>(() => undefined);
    for (let n = 1; n <= last && (n <= sure || performance.now() < deadline); n++) {
      const size = sizes[n - 1] as PageSize;
      if (!(size.width > 0 && size.height > 0)) break;
      const page = await doc.getPage(n);
      try {
        const fact = await measurePage(page, size, OPS, createCanvas, n <= sure ? never : late);
        if (!fact) break;
        facts.push(fact);
      } finally {
        page.cleanup();
      }
    }
  } catch {
    // A page pdf.js cannot draw or walk: the facts so far stand, the document is still checked as before.
  } finally {
    clearTimeout(timer);
  }
  return facts;
}
