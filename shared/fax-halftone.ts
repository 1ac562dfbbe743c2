// Turns a page rendered at fax size (one RGBA pixel per fax pixel, faxPageLayout) into the
// 1-bit raster the recipient's machine prints, the way fax servers make it. HylaFAX, YajHFC
// and most fax services rasterise with Ghostscript's fax devices, which screen greys with a
// threshold tile rather than cutting at 50%: we follow the same published recipe (the
// PostScript screen: a spot function sampled at each pixel of a halftone cell, pixels
// whitened in order of the spot value) in our own code, so greys, photos and shaded cells
// keep their tone and a light grey prints as a light dot pattern, not as nothing.
//
// - Standard (204 × 98 dpi, below 150 dpi): the 16 × 16 recursive ordered dither (Bayer),
//   one cell 6.125 lines per inch tall, so 33 dots by 16 lines on the fax grid.
// - Fine (204 × 196 dpi): a 45° line screen (Berthold Horn's spot function) on the 3-dot
//   diagonal lattice (18 dots a cell), with the 0.8-power lightening of greys that
//   rasterisers apply at this resolution to make up for dot spread.
//
// Text and line art stay crisp: a pixel on a dark shape's edge (a neighbour is solid ink) is
// cut at half, as glyph rasterisers draw text, instead of being screened into a ragged edge. The test in test/fidelity/ holds this to Ghostscript's own
// tiffg4 output. Pure and browser-safe.

import type { PaperSize, Resolution } from './domain.ts';
import { FAX_PAPER_POINTS } from './fax-page.ts';
import { FAX_LINES_PER_INCH, FAX_WIDTH_PX, type FaxRaster, type ImageDataLike } from './fax-raster.ts';

interface Screen {
  width: number;
  height: number;
  /** Per tile pixel: the luminance byte (0 black … 255 white) from which it prints white. */
  whiteFrom: Uint8Array;
  /** Tile row that raster row 0 falls on: the screen is anchored at the top of the sheet. */
  rowPhase: number;
}

const screens = new Map<string, Screen>();

function screenFor(resolution: Resolution, paper: PaperSize): Screen {
  // The ordered dither's cell is a fixed size in inches, so its width in dots follows the
  // paper's dot pitch (1728 dots over 8.5 in or over 210 mm); the fine lattice does not.
  const key = resolution === 'standard' ? `standard-${paper}` : 'fine';
  let s = screens.get(key);
  if (!s) {
    s = resolution === 'standard' ? orderedDitherScreen(paper) : lineScreen();
    screens.set(key, s);
  }
  return s;
}

/**
 * The recursive ordered dither: the rank of cell (ix, iy) of 16 × 16 is its bits interleaved
 * (column XOR row, then column) from the least significant up, the classic Bayer construction,
 * with the top level in reflected order so the 4 × 4 quadrants alternate.
 */
function orderedDitherValue(ix: number, iy: number): number {
  const x = ix ^ iy;
  const bit = (v: number, b: number) => (v >> b) & 1;
  return (
    (bit(x, 0) << 7) |
    (bit(ix, 0) << 6) |
    (bit(x, 1) << 5) |
    (bit(ix, 1) << 4) |
    ((bit(x, 2) ^ 1) << 3) |
    ((bit(ix, 2) ^ 1) << 2) |
    ((bit(x, 3) ^ bit(ix, 2) ^ 1) << 1) |
    (bit(ix, 3) ^ bit(ix, 2))
  );
}

function orderedDitherScreen(paper: PaperSize): Screen {
  // One cell is 16 lines tall (6.125 cells an inch at 98 lines) and as wide as that is across.
  const dotsPerInch = (FAX_WIDTH_PX / FAX_PAPER_POINTS[paper].width) * 72;
  const width = Math.round((16.001 * dotsPerInch) / FAX_LINES_PER_INCH.standard);
  const height = 16;
  const spot: number[] = [];
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      // Cell coordinates in [-1, 1], x mirrored (the cell's x runs right to left on the grid).
      // Samples sit a hair off each dot's centre, and half a dot over when the cell is an even
      // number of dots wide, so the cell's centre falls on a dot and no two samples tie.
      const u = -(((i + 0.501 - (width % 2 === 0 ? 0.5 : 0)) / width) * 2 - 1);
      const v = ((j + 0.5) / height) * 2 - 1;
      spot.push(orderedDitherValue(Math.floor((u + 1) * 7.9999), Math.floor((v + 1) * 7.9999)));
    }
  }
  return {
    width,
    height,
    whiteFrom: thresholds(spot, (g) => g),
    rowPhase: 7,
  };
}

function lineScreen(): Screen {
  // The 18 dots of one cell (6 across, 3 down; the next 3 rows repeat it 3 dots over, the
  // (3, 3) lattice of a 45° screen at about 46 lines an inch), in the order they whiten as a
  // grey lightens: the dot grows from its centre along the 45° line, so a mid grey prints as
  // diagonal lines. Measured from the fine fax output of Ghostscript and HylaFAX.
  const cell = [
    [5, 0, 2, 16, 14, 6],
    [9, 1, 7, 15, 17, 10],
    [12, 4, 3, 8, 11, 13],
  ];
  const width = 6;
  const height = 6;
  const order: number[] = [];
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) order.push((cell[j % 3] as number[])[(i + (j >= 3 ? 3 : 0)) % 6] as number);
  }
  return {
    width,
    height,
    // Spot values as a descending rank, so the first to whiten has the highest value.
    whiteFrom: thresholds(
      order.map((r) => -r),
      (g) => g ** 0.8,
    ),
    rowPhase: 0,
  };
}

/**
 * Threshold per tile pixel from spot values: the pixels of a tile are whitened in order of
 * decreasing spot value (ties in reading order); a grey g (after `transfer`) whitens
 * floor((n + 1)·g) of every n pixels, n + 1 levels from solid to white.
 */
function thresholds(spot: number[], transfer: (g: number) => number): Uint8Array {
  const n = spot.length;
  const order = spot.map((_, k) => k).sort((a, b) => (spot[b] as number) - (spot[a] as number) || a - b);
  const rank = new Uint16Array(n);
  order.forEach((k, r) => {
    rank[k] = r;
  });
  // Pixels per cell: the tile may hold several cells with the same order.
  const cells = n === 36 ? 2 : 1;
  const perCell = n / cells;
  const whiteFrom = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const r = Math.floor((rank[k] as number) / cells);
    // The smallest byte whose level whitens this pixel: min(perCell, floor((perCell + 1)·T(b/255))) > r.
    let b = 0;
    while (b < 256 && Math.min(perCell, Math.floor((perCell + 1) * transfer(b / 255))) <= r) b++;
    whiteFrom[k] = Math.min(255, b);
  }
  return whiteFrom;
}

const shares = new Map<Resolution, Float32Array>();

/**
 * For each luminance byte (0 black … 255 white), the share of dots the halftone prints black
 * where a page is that grey: how black a page prints at this resolution, the same rule as the
 * fax view (the fine screen lightens greys, the standard one does not).
 */
export function printedBlackShare(resolution: Resolution): Float32Array {
  let table = shares.get(resolution);
  if (!table) {
    const { whiteFrom } = screenFor(resolution, 'letter');
    table = new Float32Array(256);
    for (let b = 0; b < 256; b++) {
      let black = 0;
      for (const t of whiteFrom) if (b < t) black++;
      table[b] = black / whiteFrom.length;
    }
    shares.set(resolution, table);
  }
  return table;
}

/** Luminance bytes (Rec. 601 in 8-bit fixed point, composited over white) of an RGBA image. */
function luminance(image: ImageDataLike): Uint8Array {
  const { data } = image;
  const n = image.width * image.height;
  const out = new Uint8Array(n);
  // Most of a page is white paper: one 32-bit compare a pixel finds it (either byte order).
  const words = data.byteOffset % 4 === 0 ? new Uint32Array(data.buffer, data.byteOffset, n) : undefined;
  for (let p = 0, i = 0; p < n; p++, i += 4) {
    if (words && words[p] === 0xffffffff) {
      out[p] = 255;
      continue;
    }
    const l = (77 * (data[i] as number) + 150 * (data[i + 1] as number) + 29 * (data[i + 2] as number) + 128) >> 8;
    const a = data[i + 3] as number;
    out[p] = a === 255 ? l : (l * a + 255 * (255 - a) + 127) / 255;
  }
  return out;
}

/** Darker than this is solid ink: the inside of text, rules and filled black shapes. */
const SOLID = 24;
/**
 * A pixel beside solid ink prints black when darker than this: more than half of it is inked,
 * the pixel-centre rule glyph rasterisers use, rather than screened into a ragged edge.
 */
const EDGE = 128;

/** `paper` sets the dot pitch across (Letter and Legal: 8.5 in, A4: 210 mm for 1728 dots). */
export function halftonePage(image: ImageDataLike, resolution: Resolution, paper: PaperSize = 'letter'): FaxRaster {
  const { width, height } = image;
  const lum = luminance(image);
  const screen = screenFor(resolution, paper);
  const rowBytes = Math.ceil(width / 8);
  const bits = new Uint8Array(rowBytes * height);
  const column = new Uint16Array(width);
  for (let x = 0; x < width; x++) column[x] = x % screen.width;
  const thresholds = screen.whiteFrom;
  // Eight pixels at a time are white paper far more often than not: two 32-bit compares skip them.
  const words = width % 8 === 0 ? new Uint32Array(lum.buffer, 0, lum.length >> 2) : undefined;
  let black = 0;
  for (let y = 0; y < height; y++) {
    const tileRow = ((y + screen.rowPhase) % screen.height) * screen.width;
    const row = y * width;
    const out = y * rowBytes;
    for (let x0 = 0; x0 < width; x0 += 8) {
      if (words) {
        const w = (row + x0) >> 2;
        if (words[w] === 0xffffffff && words[w + 1] === 0xffffffff) continue;
      }
      let byte = 0;
      const end = Math.min(width, x0 + 8);
      for (let x = x0; x < end; x++) {
        const l = lum[row + x] as number;
        if (l === 255) continue;
        if (l < (thresholds[tileRow + (column[x] as number)] as number) || (l < EDGE && nextToSolid(lum, width, height, x, y))) {
          byte |= 0x80 >> (x - x0);
          black++;
        }
      }
      bits[out + (x0 >> 3)] = byte;
    }
  }
  return { width, height, rowBytes, bits, inkRatio: black / Math.max(1, width * height) };
}

function nextToSolid(lum: Uint8Array, width: number, height: number, x: number, y: number): boolean {
  const i = y * width + x;
  return (
    (x > 0 && (lum[i - 1] as number) < SOLID) ||
    (x < width - 1 && (lum[i + 1] as number) < SOLID) ||
    (y > 0 && (lum[i - width] as number) < SOLID) ||
    (y < height - 1 && (lum[i + width] as number) < SOLID)
  );
}
