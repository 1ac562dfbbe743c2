// The measures of how closely two fax rasters of one page agree (ours against
// Ghostscript's, ours against the image the sandbox sent):
// - ink density in 16 × 16 blocks: mean and worst absolute difference over the blocks where
//   either raster has ink;
// - ink agreement with one-pixel tolerance: the share of one raster's black pixels that have
//   black in the other within one pixel (the 3 × 3 neighbourhood), measured both ways; the
//   figure is the lower of the two. Two rasterisers never place glyph edges identically.

import type { FaxRaster } from '../../shared/fax-raster.ts';

export interface FidelityFigures {
  /** Mean |density difference| over inked 16 × 16 blocks. */
  blockMean: number;
  /** Worst |density difference| of any block. */
  blockMax: number;
  /** min(agreement a→b, agreement b→a). */
  agreement: number;
  inkedBlocks: number;
}

const BLOCK = 16;

function on(r: FaxRaster, x: number, y: number): boolean {
  return ((r.bits[y * r.rowBytes + (x >> 3)] as number) & (0x80 >> (x & 7))) !== 0;
}

export function compareRasters(a: FaxRaster, b: FaxRaster): FidelityFigures {
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`The rasters differ in size: ${a.width}×${a.height} against ${b.width}×${b.height}`);
  }
  let sum = 0;
  let max = 0;
  let inked = 0;
  for (let by = 0; by < a.height; by += BLOCK) {
    for (let bx = 0; bx < a.width; bx += BLOCK) {
      let na = 0;
      let nb = 0;
      let n = 0;
      for (let y = by; y < Math.min(a.height, by + BLOCK); y++) {
        for (let x = bx; x < Math.min(a.width, bx + BLOCK); x++) {
          n++;
          if (on(a, x, y)) na++;
          if (on(b, x, y)) nb++;
        }
      }
      if (na === 0 && nb === 0) continue;
      const d = Math.abs(na - nb) / n;
      inked++;
      sum += d;
      if (d > max) max = d;
    }
  }
  return {
    blockMean: inked ? sum / inked : 0,
    blockMax: max,
    agreement: Math.min(agreementOneWay(a, b), agreementOneWay(b, a)),
    inkedBlocks: inked,
  };
}

function agreementOneWay(from: FaxRaster, to: FaxRaster): number {
  let black = 0;
  let matched = 0;
  for (let y = 0; y < from.height; y++) {
    for (let x = 0; x < from.width; x++) {
      if (!on(from, x, y)) continue;
      black++;
      if (hasInkNear(to, x, y)) matched++;
    }
  }
  return black === 0 ? 1 : matched / black;
}

function hasInkNear(r: FaxRaster, x: number, y: number): boolean {
  for (let dy = -1; dy <= 1; dy++) {
    const yy = y + dy;
    if (yy < 0 || yy >= r.height) continue;
    for (let dx = -1; dx <= 1; dx++) {
      const xx = x + dx;
      if (xx >= 0 && xx < r.width && on(r, xx, yy)) return true;
    }
  }
  return false;
}
