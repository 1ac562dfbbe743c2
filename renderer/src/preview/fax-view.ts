// "Fax view": a page as the recipient's machine prints it. A fax line is 1728 pixels across
// (the ITU T.4 width for 215 mm, about 204 dpi on Letter), with 98 lines per inch (standard)
// or 196 (fine), one bit per pixel. So a Letter page is 1728 × 1078 at standard and
// 1728 × 2156 at fine: 11 in × 98 or 196 lines.
//
// The threshold: each fax pixel takes the mean luminance (Rec. 601 luma, composited over
// white) of the rendered area it covers, and prints black when that is darker than 50% grey.
// There is no dithering, as with the text-mode conversion fax services apply to documents,
// so light grey text and hairlines thinner than about half a fax line vanish: the point of
// the preview is to show that before the fax is sent.

import type { Resolution } from '../../../shared/domain.ts';

export const FAX_WIDTH_PX = 1728;
export const FAX_LINES_PER_INCH: Record<Resolution, number> = { standard: 98, fine: 196 };
/** Mean luminance (0 black … 1 white) below which a fax pixel prints black. */
export const FAX_THRESHOLD = 0.5;

export interface ImageDataLike {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, row-major (canvas ImageData). */
  data: Uint8ClampedArray | Uint8Array;
}

export interface FaxRaster {
  width: number;
  height: number;
  /** Bytes per row: rows are padded to whole bytes. */
  rowBytes: number;
  /** One bit a pixel, most significant bit first; 1 = black. */
  bits: Uint8Array;
  /** Share of black pixels, 0 … 1. */
  inkRatio: number;
}

/** Size of the fax raster for a page of `heightPt` points (1/72 in). */
export function faxRasterSize(heightPt: number, resolution: Resolution): { width: number; height: number } {
  return { width: FAX_WIDTH_PX, height: Math.max(1, Math.round((heightPt / 72) * FAX_LINES_PER_INCH[resolution])) };
}

/**
 * Converts a rendering of a page (any pixel size, the page's aspect) to the 1-bit fax raster.
 * `pageHeightPt` is the page's height as displayed, in points.
 */
export function toFaxRaster(image: ImageDataLike, pageHeightPt: number, resolution: Resolution): FaxRaster {
  const { width, height } = faxRasterSize(pageHeightPt, resolution);
  const rowBytes = Math.ceil(width / 8);
  const bits = new Uint8Array(rowBytes * height);
  const columns = areaWeights(image.width, width);
  const rows = areaWeights(image.height, height);
  const luma = new Float32Array(image.width);
  const acc = new Float32Array(width);
  const cut = FAX_THRESHOLD * 255;
  let black = 0;
  for (let y = 0; y < height; y++) {
    acc.fill(0);
    const r = rows[y] as Weights;
    for (let k = 0; k < r.index.length; k++) {
      sourceRowLuma(image, r.index[k] as number, luma);
      const wy = r.weight[k] as number;
      for (let x = 0; x < width; x++) {
        const c = columns[x] as Weights;
        let sum = 0;
        for (let j = 0; j < c.index.length; j++) sum += (luma[c.index[j] as number] as number) * (c.weight[j] as number);
        acc[x] = (acc[x] as number) + sum * wy;
      }
    }
    const rowStart = y * rowBytes;
    for (let x = 0; x < width; x++) {
      if ((acc[x] as number) < cut) {
        bits[rowStart + (x >> 3)] = (bits[rowStart + (x >> 3)] as number) | (0x80 >> (x & 7));
        black += 1;
      }
    }
  }
  return { width, height, rowBytes, bits, inkRatio: black / (width * height) };
}

/** The raster as black-on-white RGBA, to put on a canvas. */
export function rasterToRgba(raster: FaxRaster, out = new Uint8ClampedArray(raster.width * raster.height * 4)): Uint8ClampedArray {
  let o = 0;
  for (let y = 0; y < raster.height; y++) {
    const rowStart = y * raster.rowBytes;
    for (let x = 0; x < raster.width; x++) {
      const on = ((raster.bits[rowStart + (x >> 3)] as number) & (0x80 >> (x & 7))) !== 0;
      const v = on ? 0 : 255;
      out[o] = v;
      out[o + 1] = v;
      out[o + 2] = v;
      out[o + 3] = 255;
      o += 4;
    }
  }
  return out;
}

/** Whether pixel (x, y) of the raster is black. */
export function rasterPixel(raster: FaxRaster, x: number, y: number): boolean {
  return ((raster.bits[y * raster.rowBytes + (x >> 3)] as number) & (0x80 >> (x & 7))) !== 0;
}

interface Weights {
  index: number[];
  weight: number[];
}

/** Box-filter weights: which source pixels each target pixel covers, and by how much (summing to 1). */
function areaWeights(source: number, target: number): Weights[] {
  const scale = source / target;
  const out: Weights[] = [];
  for (let t = 0; t < target; t++) {
    const start = t * scale;
    const end = start + scale;
    const index: number[] = [];
    const weight: number[] = [];
    for (let s = Math.floor(start); s < Math.min(source, Math.ceil(end)); s++) {
      const overlap = Math.min(end, s + 1) - Math.max(start, s);
      if (overlap <= 1e-9) continue;
      index.push(s);
      weight.push(overlap / scale);
    }
    out.push({ index, weight });
  }
  return out;
}

function sourceRowLuma(image: ImageDataLike, y: number, into: Float32Array): void {
  const d = image.data;
  let i = y * image.width * 4;
  for (let x = 0; x < image.width; x++, i += 4) {
    const a = (d[i + 3] as number) / 255;
    const l = 0.299 * (d[i] as number) + 0.587 * (d[i + 1] as number) + 0.114 * (d[i + 2] as number);
    into[x] = l * a + 255 * (1 - a);
  }
}
