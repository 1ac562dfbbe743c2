// Where a PDF page lands on the recipient's paper. A fax line is 1728 dots across whatever the
// paper, so Letter, Legal and A4 each map their own width to 1728 dots and their own height to
// 98 or 196 lines an inch; the page is scaled to fit (up or down, keeping its shape) and
// centred, as fax rasterisers fit a page to the sheet. A landscape page is turned a quarter
// turn anticlockwise onto the portrait sheet (its top along the left edge), as Ghostscript
// and so HylaFAX and most fax services turn it, and as the recipient's machine prints it. The header line that
// fax services stamp at the top takes its band out of the page's height: the page fits below it.
// Pure and browser-safe.

import type { PaperSize, Resolution } from './domain.ts';
import { FAX_LINES_PER_INCH, FAX_WIDTH_PX } from './fax-raster.ts';

/** Portrait width × height in points (1/72 in). */
export const FAX_PAPER_POINTS: Record<PaperSize, { width: number; height: number }> = {
  letter: { width: 612, height: 792 },
  legal: { width: 612, height: 1008 },
  a4: { width: 595.28, height: 841.89 },
};

/** The header band's height in inches: one line of about 8 pt text and its margin. */
const HEADER_BAND_INCHES = 0.16;

export interface FaxPageLayout {
  /** The raster's size: 1728 × the paper's height in lines. */
  width: number;
  height: number;
  /** Lines at the top that belong to the header band (0 without a header). */
  headerLines: number;
  /** Extra clockwise turn of the page, on top of its own /Rotate: 270 (a quarter turn anticlockwise) for a landscape page. */
  rotation: 0 | 270;
  /**
   * Maps the page's viewport at scale 1 (points, y down, after `rotation`) to raster pixels:
   * x' = scaleX·x + offsetX, y' = scaleY·y + offsetY.
   */
  scaleX: number;
  scaleY: number;
  offsetX: number;
  offsetY: number;
}

export interface FaxPageOptions {
  paper: PaperSize;
  resolution: Resolution;
  /** Leave the header band at the top (the fax view with the header line shown). */
  header?: boolean;
}

/** The layout of a page shown `widthPt` × `heightPt` (after its own /Rotate). */
export function faxPageLayout(widthPt: number, heightPt: number, options: FaxPageOptions): FaxPageLayout {
  const paper = FAX_PAPER_POINTS[options.paper];
  const lpi = FAX_LINES_PER_INCH[options.resolution];
  const width = FAX_WIDTH_PX;
  const height = Math.round((paper.height / 72) * lpi);
  const headerLines = options.header ? Math.round(HEADER_BAND_INCHES * lpi) : 0;
  const rotation: 0 | 270 = widthPt > heightPt * 1.01 ? 270 : 0;
  const w = Math.max(1e-3, rotation ? heightPt : widthPt);
  const h = Math.max(1e-3, rotation ? widthPt : heightPt);
  // Pixels per point on this sheet: across, 1728 dots over the paper's width; down, the line rate.
  const dotsPerPt = width / paper.width;
  const linesPerPt = lpi / 72;
  const roomPt = paper.height - (headerLines / lpi) * 72;
  const fit = Math.min(paper.width / w, roomPt / h);
  const scaleX = fit * dotsPerPt;
  const scaleY = fit * linesPerPt;
  return {
    width,
    height,
    headerLines,
    rotation,
    scaleX,
    scaleY,
    offsetX: (width - w * scaleX) / 2,
    offsetY: headerLines + (height - headerLines - h * scaleY) / 2,
  };
}
