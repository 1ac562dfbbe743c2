// Draws pages onto canvases, one at a time through a small priority queue: the large page
// first, thumbnails after, and work for canvases that scrolled away is dropped before it
// starts (or cancelled mid-way). Each page is cleaned up after drawing, so pdf.js keeps no
// operator lists or decoded images for pages nobody is looking at.

import type { Resolution } from '../../../shared/domain.ts';
import { rasterToRgba, toFaxRaster } from './fax-view.ts';
import { openPdf } from './pdf-registry.ts';
import type { PDFPageProxy, RenderTask } from './pdfjs.ts';

export interface RenderedPage {
  /** The page as displayed, in points. */
  widthPt: number;
  heightPt: number;
  /** Fax view only: the 1-bit raster's size and share of black pixels. */
  fax?: { width: number; height: number; inkRatio: number };
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
  /** Draw the fax-view raster at this resolution instead of the page. */
  fax?: Resolution;
}

export interface RenderHandle {
  done: Promise<RenderedPage | undefined>;
  cancel(): void;
}

interface Queued {
  req: RenderRequest;
  canceled: boolean;
  task?: RenderTask;
  resolve(v: RenderedPage | undefined): void;
  reject(e: unknown): void;
}

const queue: Queued[] = [];
let running = 0;
const CONCURRENCY = 1;

export function renderPage(req: RenderRequest): RenderHandle {
  let item!: Queued;
  const done = new Promise<RenderedPage | undefined>((resolve, reject) => {
    item = { req, canceled: false, resolve, reject };
  });
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
  while (running < CONCURRENCY && queue.length > 0) {
    queue.sort((a, b) => a.req.priority - b.req.priority);
    const item = queue.shift() as Queued;
    if (item.canceled) {
      item.resolve(undefined);
      continue;
    }
    running += 1;
    draw(item)
      .then(item.resolve, (err: unknown) => {
        if ((err as Error | undefined)?.name === 'RenderingCancelledException' || item.canceled) item.resolve(undefined);
        else item.reject(err);
      })
      .finally(() => {
        running -= 1;
        pump();
      });
  }
}

async function draw(item: Queued): Promise<RenderedPage | undefined> {
  const { req } = item;
  const pdf = await openPdf(req.key);
  if (item.canceled) return undefined;
  const page = await pdf.getPage(req.page);
  try {
    if (item.canceled) return undefined;
    const base = page.getViewport({ scale: 1 });
    const size = { widthPt: base.width, heightPt: base.height };
    if (req.fax) return { ...size, fax: await drawFax(item, page, req.fax) };
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

async function drawFax(item: Queued, page: PDFPageProxy, resolution: Resolution): Promise<RenderedPage['fax']> {
  const base = page.getViewport({ scale: 1 });
  // Rendered 1728 px across (the fax line) and the page's own aspect; the conversion then
  // resamples the height to 98 or 196 lines per inch.
  const viewport = page.getViewport({ scale: 1728 / base.width });
  const scratch = document.createElement('canvas');
  scratch.width = Math.round(viewport.width);
  scratch.height = Math.max(1, Math.round(viewport.height));
  try {
    item.task = page.render({ canvas: scratch, viewport, background: 'white' });
    await item.task.promise;
    const ctx = scratch.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('No 2D canvas context');
    const raster = toFaxRaster(ctx.getImageData(0, 0, scratch.width, scratch.height), base.height, resolution);
    const target = item.req.canvas;
    target.width = raster.width;
    target.height = raster.height;
    const out = target.getContext('2d');
    out?.putImageData(new ImageData(rasterToRgba(raster) as Uint8ClampedArray<ArrayBuffer>, raster.width, raster.height), 0, 0);
    return { width: raster.width, height: raster.height, inkRatio: raster.inkRatio };
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
