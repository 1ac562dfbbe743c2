// Renders PDF pages as the recipient's fax machine prints them, outside any window: pdf.js
// draws each page at fax size (faxPageLayout) on an @napi-rs/canvas canvas (the canvas
// pdf.js itself uses in Node), and the shared halftone turns it into the 1-bit raster. The
// same code as the renderer's fax view, so the sandbox's TIFF, the transmission report and
// the preview agree. Callers run it where pdf.js may run: the PDF check's child, or a test.

import { createCanvas } from '@napi-rs/canvas';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PaperSize, Resolution } from '../../shared/domain.ts';
import { halftonePage } from '../../shared/fax-halftone.ts';
import { faxPageLayout } from '../../shared/fax-page.ts';
import type { FaxRaster } from '../../shared/fax-raster.ts';

export interface FaxRenderOptions {
  paper: PaperSize;
  resolution: Resolution;
  /** Leave the header band at the top. */
  header?: boolean;
}

/** Page `pageNumber` (1-based) of an open document, as a fax raster. */
export async function renderFaxPage(doc: PDFDocumentProxy, pageNumber: number, options: FaxRenderOptions): Promise<FaxRaster> {
  return halftonePage(await drawFaxGrid(doc, pageNumber, options), options.resolution, options.paper);
}

/** The page drawn in colour onto the fax grid, before the halftone (the benchmarks time the two apart). */
export async function drawFaxGrid(doc: PDFDocumentProxy, pageNumber: number, options: FaxRenderOptions): Promise<ImageData> {
  const page = await doc.getPage(pageNumber);
  try {
    const base = page.getViewport({ scale: 1 });
    const layout = faxPageLayout(base.width, base.height, options);
    const viewport = page.getViewport({ scale: 1, rotation: (page.rotate + layout.rotation) % 360 });
    const canvas = createCanvas(layout.width, layout.height);
    const context = canvas.getContext('2d');
    context.fillStyle = 'white';
    context.fillRect(0, 0, layout.width, layout.height);
    await page.render({
      canvas: canvas as unknown as HTMLCanvasElement,
      canvasContext: context as unknown as CanvasRenderingContext2D,
      viewport,
      transform: [layout.scaleX, 0, 0, layout.scaleY, layout.offsetX, layout.offsetY],
      background: 'white',
    }).promise;
    return context.getImageData(0, 0, layout.width, layout.height) as unknown as ImageData;
  } finally {
    page.cleanup();
  }
}
