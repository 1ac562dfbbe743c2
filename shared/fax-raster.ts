// A fax page as the recipient's machine prints it: one bit a pixel, 1728 pixels across (the
// ITU T.4 line), 98 or 196 lines per inch. Every side that makes or reads one uses this type:
// the renderer's fax view, the sandbox's TIFF, the transmission report, the "as sent" image.
// Pure and browser-safe.

import type { Resolution } from './domain.ts';

export const FAX_WIDTH_PX = 1728;
export const FAX_LINES_PER_INCH: Record<Resolution, number> = { standard: 98, fine: 196 };

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

/** An all-white raster of this size. */
export function blankRaster(width: number, height: number): FaxRaster {
  const rowBytes = Math.ceil(width / 8);
  return { width, height, rowBytes, bits: new Uint8Array(rowBytes * height), inkRatio: 0 };
}

/** Whether pixel (x, y) of the raster is black. */
export function rasterPixel(raster: FaxRaster, x: number, y: number): boolean {
  return ((raster.bits[y * raster.rowBytes + (x >> 3)] as number) & (0x80 >> (x & 7))) !== 0;
}

const BITS_IN_BYTE = (() => {
  const t = new Uint8Array(256);
  for (let i = 0; i < 256; i++) {
    let n = 0;
    for (let b = i; b; b >>= 1) n += b & 1;
    t[i] = n;
  }
  return t;
})();

/** Share of black pixels (padding bits are never set). */
export function countInk(raster: Pick<FaxRaster, 'width' | 'height' | 'bits'>): number {
  let black = 0;
  for (const byte of raster.bits) black += BITS_IN_BYTE[byte] as number;
  return black / Math.max(1, raster.width * raster.height);
}

/** Share of black pixels in rows [from, to). */
export function countInkInRows(raster: FaxRaster, from: number, to: number): number {
  let black = 0;
  const end = Math.min(raster.height, to) * raster.rowBytes;
  for (let i = Math.max(0, from) * raster.rowBytes; i < end; i++) black += BITS_IN_BYTE[raster.bits[i] as number] as number;
  return black / Math.max(1, raster.width * Math.max(0, Math.min(raster.height, to) - Math.max(0, from)));
}

/** The raster as black-on-white RGBA, to put on a canvas. */
export function rasterToRgba(raster: FaxRaster, out = new Uint8ClampedArray(raster.width * raster.height * 4)): Uint8ClampedArray {
  // One 32-bit write a pixel: opaque black and opaque white read the same in either byte order.
  const words = new Uint32Array(out.buffer, out.byteOffset, raster.width * raster.height);
  words.fill(0xffffffff);
  let o = 0;
  for (let y = 0; y < raster.height; y++) {
    const rowStart = y * raster.rowBytes;
    for (let x0 = 0; x0 < raster.width; x0 += 8, o += 8) {
      const byte = raster.bits[rowStart + (x0 >> 3)] as number;
      if (byte === 0) continue;
      const end = Math.min(8, raster.width - x0);
      for (let b = 0; b < end; b++) if (byte & (0x80 >> b)) words[o + b] = BLACK;
    }
    o -= (8 - (raster.width % 8)) % 8;
  }
  return out;
}

// Opaque black as one RGBA word (alpha is the high byte in little-endian order, the low in big).
const BLACK = new Uint8Array(new Uint32Array([0x01020304]).buffer)[0] === 0x04 ? 0xff000000 : 0x000000ff;
