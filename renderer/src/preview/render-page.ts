// Draws pages onto canvases, one at a time through a small priority queue: the large page
// first, thumbnails after, and work for canvases that scrolled away is dropped before it
// starts (or cancelled mid-way). Each page is cleaned up after drawing, so pdf.js keeps no
// operator lists or decoded images for pages nobody is looking at.
//
// A fax-view page takes a few hundred ms to draw at fine resolution (3.7 million dots), so
// its 1-bit raster is kept (a few pages, half a MB each) and, once a page is shown, the next
// one is drawn ahead while the person reads: stepping through a fax shows each page at once.

import type { PaperSize, Resolution } from '../../../shared/domain.ts';
import { halftonePage } from '../../../shared/fax-halftone.ts';
import { FAX_PAPER_POINTS, faxPageLayout } from '../../../shared/fax-page.ts';
import { type FaxRaster, rasterToRgba } from '../../../shared/fax-raster.ts';
import { openPdf } from './pdf-registry.ts';
import type { PDFPageProxy, RenderTask } from './pdfjs.ts';

export interface RenderedPage {
  /** The page as displayed, in points; in fax view, the paper it is printed on. */
  widthPt: number;
  heightPt: number;
  /** Fax view only: the 1-bit raster's size, share of black pixels and header band. */
  fax?: { width: number; height: number; inkRatio: number; headerLines: number };
}

/** The fax view of a page: as printed at this resolution on this paper, with or without the header band. */
export interface FaxViewSpec {
  resolution: Resolution;
  paper: PaperSize;
  header: boolean;
}

export interface RenderRequest {
  key: string;
  /** 1-based. */
  page: number;
  canvas: HTMLCanvasElement;
  /** Width the canvas is shown at, in CSS pixels. */
  cssWidth: number;
  /** 0 draws before 1. */
  priority: 0 | 1;
  /** Draw the fax-view raster instead of the page. */
  fax?: FaxViewSpec;
}

export interface RenderHandle {
  done: Promise<RenderedPage | undefined>;
  cancel(): void;
}

interface Queued {
  req: RenderRequest;
  /** Drawn ahead into the fax cache only, behind everything a canvas waits for. */
  ahead?: boolean;
  canceled: boolean;
  task?: RenderTask;
  resolve(v: RenderedPage | undefined): void;
  reject(e: unknown): void;
}

const queue: Queued[] = [];
const CONCURRENCY = 1;

interface FaxDrawn {
  raster: FaxRaster;
  headerLines: number;
}

/** Fax rasters by document, page and spec, oldest first. */
const faxCache = new Map<string, FaxDrawn>();
const FAX_CACHE_PAGES = 8;
const running = new Set<Queued>();

function faxCacheKey(key: string, page: number, spec: FaxViewSpec): string {
  return `${key}\u0000${page}\u0000${spec.resolution}\u0000${spec.paper}\u0000${spec.header ? 1 : 0}`;
}

function remember(k: string, drawn: FaxDrawn): void {
  faxCache.delete(k);
  faxCache.set(k, drawn);
  while (faxCache.size > FAX_CACHE_PAGES) faxCache.delete(faxCache.keys().next().value as string);
}

export function renderPage(req: RenderRequest): RenderHandle {
  let item!: Queued;
  const done = new Promise<RenderedPage | undefined>((resolve, reject) => {
    item = { req, canceled: false, resolve, reject };
  });
  // Pages drawn ahead (running or waiting) that are not the one now wanted give way to it.
  if (req.priority === 0) {
    for (const r of [...running, ...queue]) {
      if (r.ahead && !(r.req.key === req.key && r.req.page === req.page)) {
        r.canceled = true;
        r.task?.cancel();
      }
    }
  }
  queue.push(item);
  // Requests made in one React commit (the strip's thumbnails, then the large page) are all
  // queued before the first starts, so the large page goes first.
  queueMicrotask(pump);
  return {
    done,
    cancel() {
      item.canceled = true;
      item.task?.cancel();
    },
  };
}

function pump(): void {
  while (running.size < CONCURRENCY && queue.length > 0) {
    queue.sort((a, b) => rank(a) - rank(b));
    const item = queue.shift() as Queued;
    if (item.canceled) {
      item.resolve(undefined);
      continue;
    }
    running.add(item);
    draw(item)
      .then(item.resolve, (err: unknown) => {
        if ((err as Error | undefined)?.name === 'RenderingCancelledException' || item.canceled) item.resolve(undefined);
        else item.reject(err);
      })
      .finally(() => {
        running.delete(item);
        pump();
      });
  }
}

function rank(item: Queued): number {
  return item.ahead ? 2 : item.req.priority;
}

/** Draws page `page` of a fax view into the cache behind everything else, unless it is there. */
function drawAhead(req: RenderRequest, page: number, spec: FaxViewSpec): void {
  if (faxCache.has(faxCacheKey(req.key, page, spec))) return;
  if (queue.some((q) => q.ahead && q.req.key === req.key && q.req.page === page)) return;
  const item: Queued = {
    req: { ...req, page, priority: 1, fax: spec },
    ahead: true,
    canceled: false,
    resolve: () => undefined,
    reject: () => undefined,
  };
  queue.push(item);
  queueMicrotask(pump);
}

async function draw(item: Queued): Promise<RenderedPage | undefined> {
  const { req } = item;
  const pdf = await openPdf(req.key);
  if (item.canceled) return undefined;
  const page = await pdf.getPage(req.page);
  try {
    if (item.canceled) return undefined;
    const base = page.getViewport({ scale: 1 });
    if (req.fax) {
      const paper = FAX_PAPER_POINTS[req.fax.paper];
      const fax = await drawFax(item, page, req.fax);
      if (!item.ahead && !item.canceled && req.page < pdf.numPages) drawAhead(req, req.page + 1, req.fax);
      return { widthPt: paper.width, heightPt: paper.height, fax };
    }
    const size = { widthPt: base.width, heightPt: base.height };
    const dpr = Math.min(globalThis.devicePixelRatio || 1, 3);
    const viewport = page.getViewport({ scale: (req.cssWidth * dpr) / base.width });
    // Drawn off screen and copied when complete: what is on screen stays until the new
    // rendering replaces it (no blank flash on zoom or resize).
    const scratch = document.createElement('canvas');
    try {
      scratch.width = Math.max(1, Math.floor(viewport.width));
      scratch.height = Math.max(1, Math.floor(viewport.height));
      item.task = page.render({ canvas: scratch, viewport, background: 'white' });
      await item.task.promise;
      if (item.canceled) return undefined;
      req.canvas.width = scratch.width;
      req.canvas.height = scratch.height;
      req.canvas.getContext('2d')?.drawImage(scratch, 0, 0);
      return size;
    } finally {
      releaseCanvas(scratch);
    }
  } finally {
    page.cleanup();
  }
}

async function drawFax(item: Queued, page: PDFPageProxy, spec: FaxViewSpec): Promise<RenderedPage['fax']> {
  const k = faxCacheKey(item.req.key, item.req.page, spec);
  let drawn = faxCache.get(k);
  if (drawn) remember(k, drawn);
  else {
    drawn = await rasterise(item, page, spec);
    // Kept even when the canvas went away meanwhile: the work is done, and the page may be asked again.
    remember(k, drawn);
    if (item.canceled) return undefined;
  }
  if (item.ahead) return undefined;
  const { raster } = drawn;
  const target = item.req.canvas;
  target.width = raster.width;
  target.height = raster.height;
  const out = target.getContext('2d');
  out?.putImageData(new ImageData(rasterToRgba(raster) as Uint8ClampedArray<ArrayBuffer>, raster.width, raster.height), 0, 0);
  return { width: raster.width, height: raster.height, inkRatio: raster.inkRatio, headerLines: drawn.headerLines };
}

async function rasterise(item: Queued, page: PDFPageProxy, spec: FaxViewSpec): Promise<FaxDrawn> {
  const base = page.getViewport({ scale: 1 });
  // Drawn straight onto the fax grid (1728 dots across the paper, 98 or 196 lines an inch,
  // fitted and turned as faxPageLayout says), then halftoned: the same steps as the sandbox's
  // TIFF and the transmission report (electron/pdf/fax-render.ts).
  const layout = faxPageLayout(base.width, base.height, spec);
  const viewport = page.getViewport({ scale: 1, rotation: (page.rotate + layout.rotation) % 360 });
  const scratch = document.createElement('canvas');
  scratch.width = layout.width;
  scratch.height = layout.height;
  try {
    item.task = page.render({
      canvas: scratch,
      viewport,
      transform: [layout.scaleX, 0, 0, layout.scaleY, layout.offsetX, layout.offsetY],
      background: 'white',
    });
    await item.task.promise;
    const ctx = scratch.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('No 2D canvas context');
    const raster = halftonePage(ctx.getImageData(0, 0, layout.width, layout.height), spec.resolution, spec.paper);
    return { raster, headerLines: layout.headerLines };
  } finally {
    // Frees the scratch canvas's backing store now rather than at the next GC.
    scratch.width = 0;
    scratch.height = 0;
  }
}

/** Frees a canvas's pixels (a thumbnail that scrolled away). */
export function releaseCanvas(canvas: HTMLCanvasElement | null): void {
  if (!canvas) return;
  canvas.width = 0;
  canvas.height = 0;
}
