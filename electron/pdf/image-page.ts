// One image as one fax page: a page of the paper size, the image fitted inside it, aspect kept
// (never stretched), centred. The aspect is the image's true one: a fax TIFF at 204 × 196 dpi
// has pixels nearly twice as tall as wide in standard mode, so its pixel count alone would
// squash the page. An image that is a whole page already (a scan, a fax page: its size in
// inches is about the paper's) is shown at its size, since it carries its own margins;
// anything else is fitted inside the margins the cover page has.

import { concatTransformationMatrix, drawObject, type PDFDocument, type PDFRef, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import type { PaperSize } from '../../shared/domain.ts';
import { PAPER_DIMENSIONS } from './paper-size.ts';

/** The cover page's margin (cover-page.ts), in points: 0.75 in. */
const MARGIN_PT = 54;

export interface ImageGeometry {
  /** Pixels as stored. */
  width: number;
  height: number;
  /** Pixels per inch across and down, when the file says; a ratio alone still gives the aspect. */
  xDpi?: number;
  yDpi?: number;
  /** True when xDpi/yDpi are real inches (not only an aspect ratio). */
  physical?: boolean;
  /** Clockwise turn the file asks for when shown (EXIF/TIFF orientation). */
  rotation?: 0 | 90 | 180 | 270;
}

/** Where the image lands on the page, in points (for tests and the note). */
export interface Placed {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Adds a page of `paper` showing the image object `ref`. */
export function addImagePage(doc: PDFDocument, ref: PDFRef, geometry: ImageGeometry, paper: PaperSize): Placed {
  const { width: pageW, height: pageH } = PAPER_DIMENSIONS[paper];
  const page = doc.addPage([pageW, pageH]);
  const placed = placeImage(geometry, paper);
  const name = page.node.newXObject('Image', ref);
  const { x, y, width: w, height: h } = placed;
  // The unit square of image space mapped onto the placed box, turned as the file asks.
  const m: Record<0 | 90 | 180 | 270, [number, number, number, number, number, number]> = {
    0: [w, 0, 0, h, x, y],
    90: [0, -h, w, 0, x, y + h],
    180: [-w, 0, 0, -h, x + w, y + h],
    270: [0, h, -w, 0, x + w, y],
  };
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...m[geometry.rotation ?? 0]), drawObject(name), popGraphicsState());
  return placed;
}

/** The box the image takes on a page of `paper`: fitted, aspect kept, centred. */
export function placeImage(geometry: ImageGeometry, paper: PaperSize): Placed {
  const { width: pageW, height: pageH } = PAPER_DIMENSIONS[paper];
  const xDpi = geometry.xDpi && geometry.xDpi > 0 ? geometry.xDpi : 72;
  const yDpi = geometry.yDpi && geometry.yDpi > 0 ? geometry.yDpi : xDpi;
  let w = (geometry.width / xDpi) * 72;
  let h = (geometry.height / yDpi) * 72;
  if (geometry.rotation === 90 || geometry.rotation === 270) [w, h] = [h, w];
  // A page already: about as wide or as tall as the paper (a fax page is 215 mm wide on every paper).
  const cover = Math.max(w / pageW, h / pageH);
  const wholePage = geometry.physical === true && cover >= 0.9 && cover <= 1.1;
  const margin = wholePage ? 0 : MARGIN_PT;
  const scale = Math.min((pageW - 2 * margin) / w, (pageH - 2 * margin) / h);
  const width = w * scale;
  const height = h * scale;
  return { x: (pageW - width) / 2, y: (pageH - height) / 2, width, height };
}
