// The PDF check's child answering a render request: the listed pages of one document drawn as
// fax rasters (fax-render.ts), packed for the trip back to main. Runs where pdf.js may run
// (inspector-child.ts), never in main.

import { openOrExplain } from './inspect.ts';
import type { RasterWire, RenderRequest } from './inspector-messages.ts';
import { renderFaxPage } from './fax-render.ts';

/** The pages the document has, of those asked for, in the order asked, and how many it has. */
export async function renderRequestedPages(request: RenderRequest): Promise<{ pageCount: number; pages: RasterWire[] }> {
  const doc = await openOrExplain(request.bytes);
  try {
    const pages: RasterWire[] = [];
    for (const n of request.pages) {
      if (n < 1 || n > doc.numPages) continue;
      const raster = await renderFaxPage(doc, n, { paper: request.paper, resolution: request.resolution, header: request.header });
      pages.push({ width: raster.width, height: raster.height, bits: raster.bits });
    }
    return { pageCount: doc.numPages, pages };
  } finally {
    await doc.destroy();
  }
}
