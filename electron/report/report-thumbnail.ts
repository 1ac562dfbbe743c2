// A fax page made small for the report: the 1-bit raster (1728 dots across the paper's width,
// 98 or 196 lines an inch down, so its pixels are not square) averaged into grey pixels of equal
// width and height, the page's own shape kept. Averaging, not sampling: a sampled 1-bit page at
// a fifth of its size loses whole lines of text.

import type { PaperSize, Resolution } from '../../shared/domain.ts';
import { FAX_PAPER_POINTS } from '../../shared/fax-page.ts';
import { FAX_LINES_PER_INCH, type FaxRaster } from '../../shared/fax-raster.ts';
import type { Raster } from '../pdf/image-raster.ts';

/** `raster` as a grey image `width` pixels wide and as tall as the page it shows (white 255, black 0). */
export function faxThumbnail(raster: FaxRaster, paper: PaperSize, resolution: Resolution, width: number): Raster {
  const widthInches = FAX_PAPER_POINTS[paper].width / 72;
  const heightInches = raster.height / FAX_LINES_PER_INCH[resolution];
  const height = Math.max(1, Math.round((width * heightInches) / widthInches));
  const black = new Uint32Array(width * height);
  const area = new Uint32Array(width * height);
  // Which output column each input column falls in, worked out once for all rows.
  const column = new Uint32Array(raster.width);
  for (let x = 0; x < raster.width; x++) column[x] = Math.min(width - 1, Math.floor((x * width) / raster.width));
  for (let y = 0; y < raster.height; y++) {
    const row = Math.min(height - 1, Math.floor((y * height) / raster.height)) * width;
    const rowStart = y * raster.rowBytes;
    for (let x = 0; x < raster.width; x++) {
      const i = row + (column[x] as number);
      area[i] = (area[i] as number) + 1;
      if (((raster.bits[rowStart + (x >> 3)] as number) & (0x80 >> (x & 7))) !== 0) black[i] = (black[i] as number) + 1;
    }
  }
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) {
    const n = area[i] as number;
    data[i] = n ? Math.round(255 * (1 - (black[i] as number) / n)) : 255;
  }
  return { width, height, format: 'gray', data };
}
