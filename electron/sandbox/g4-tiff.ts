// A fax image as fax services keep it: one multi-page TIFF, every page CCITT Group 4 (T.6),
// 1 bit a pixel, white is zero, 1728 dots across the paper's width (about 203 an inch on Letter
// and Legal, 209 on A4, as shared/fax-page.ts lays the page out) and 98 or 196 lines down. libvips
// (through sharp) encodes each page; the pages are then put into one file here, so memory holds
// one page's pixels at a time rather than the whole document's as 8-bit grey, which is what
// sharp would need to write all pages at once (see docs/ARCHITECTURE.md, "The fax image").

import UTIF from 'utif2';
import type { PaperSize, Resolution } from '../../shared/domain.ts';
import { FAX_PAPER_POINTS } from '../../shared/fax-page.ts';
import { FAX_LINES_PER_INCH, FAX_WIDTH_PX, type FaxRaster } from '../../shared/fax-raster.ts';

/** One page's G4 data, in the strips its encoder wrote. */
export interface G4Page {
  width: number;
  height: number;
  rowsPerStrip: number;
  strips: Uint8Array[];
}

/** Encodes one raster as G4 (libvips), keeping only its strips. */
export async function encodeG4Page(raster: FaxRaster): Promise<G4Page> {
  const { width, height, rowBytes, bits } = raster;
  // sharp takes 8-bit grey: 0 black, 255 white, and its 1-bit output thresholds at the middle.
  const grey = Buffer.alloc(width * height, 255);
  for (let y = 0; y < height; y++) {
    const row = y * rowBytes;
    const out = y * width;
    for (let x = 0; x < width; x++) if (((bits[row + (x >> 3)] as number) & (0x80 >> (x & 7))) !== 0) grey[out + x] = 0;
  }
  // Loaded on first use: the app's start does not pay for libvips unless the sandbox draws.
  const { default: sharp } = await import('sharp');
  const tiff = await sharp(grey, { raw: { width, height, channels: 1 } })
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: true })
    .toBuffer();
  const buffer = tiff.buffer.slice(tiff.byteOffset, tiff.byteOffset + tiff.byteLength) as ArrayBuffer;
  const [ifd] = UTIF.decode(buffer);
  if (!ifd) throw new Error('libvips wrote a TIFF without a page');
  const offsets = ifd.t273 as number[];
  const counts = ifd.t279 as number[];
  const rowsPerStrip = (ifd.t278 as number[] | undefined)?.[0] ?? height;
  return { width, height, rowsPerStrip, strips: offsets.map((at, i) => new Uint8Array(tiff.subarray(at, at + (counts[i] as number)))) };
}

const SHORT = 3;
const LONG = 4;
const RATIONAL = 5;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Dots an inch across, as a TIFF RATIONAL: the 1728-dot line over the paper's width (points to the hundredth). */
function dotsPerInch(paper: PaperSize): [number, number] {
  const numerator = FAX_WIDTH_PX * 72 * 100;
  const denominator = Math.round(FAX_PAPER_POINTS[paper].width * 100);
  const d = gcd(numerator, denominator);
  return [numerator / d, denominator / d];
}

/** The pages as one little-endian TIFF: strips first, then each page's directory. */
export function assembleG4Tiff(pages: G4Page[], sheet: { paper: PaperSize; resolution: Resolution }): Uint8Array {
  const lines = FAX_LINES_PER_INCH[sheet.resolution];
  const across = dotsPerInch(sheet.paper);
  const chunks: Uint8Array[] = [];
  let size = 8;
  const place = (chunk: Uint8Array): number => {
    const at = size;
    chunks.push(chunk);
    size += chunk.byteLength;
    // Word alignment, as TIFF asks for every offset.
    if (size % 2) {
      chunks.push(new Uint8Array(1));
      size += 1;
    }
    return at;
  };
  const header = new Uint8Array(8);
  const headerView = new DataView(header.buffer);
  header.set([0x49, 0x49]);
  headerView.setUint16(2, 42, true);
  let patchNext: { view: DataView; at: number } = { view: headerView, at: 4 };

  const longs = (values: number[]) => {
    const b = new Uint8Array(values.length * 4);
    const v = new DataView(b.buffer);
    for (const [i, n] of values.entries()) v.setUint32(i * 4, n, true);
    return b;
  };
  pages.forEach((page, index) => {
    const stripOffsets = page.strips.map(place);
    const xres = place(longs(across));
    const yres = place(longs([lines, 1]));
    const many = page.strips.length > 1;
    const offsetsAt = many ? place(longs(stripOffsets)) : (stripOffsets[0] as number);
    const countsAt = many ? place(longs(page.strips.map((s) => s.byteLength))) : (page.strips[0]?.byteLength ?? 0);
    // Tag, type, count, value (or where the values are), in ascending tag order.
    const entries: Array<[number, number, number, number]> = [
      [254, LONG, 1, 2],
      [256, LONG, 1, page.width],
      [257, LONG, 1, page.height],
      [258, SHORT, 1, 1],
      [259, SHORT, 1, 4],
      [262, SHORT, 1, 0],
      [266, SHORT, 1, 1],
      [273, LONG, page.strips.length, offsetsAt],
      [277, SHORT, 1, 1],
      [278, LONG, 1, page.rowsPerStrip],
      [279, LONG, page.strips.length, countsAt],
      [282, RATIONAL, 1, xres],
      [283, RATIONAL, 1, yres],
      [293, LONG, 1, 0],
      [296, SHORT, 1, 2],
      [297, SHORT, 2, index | (pages.length << 16)],
    ];
    const ifd = new Uint8Array(2 + entries.length * 12 + 4);
    const view = new DataView(ifd.buffer);
    view.setUint16(0, entries.length, true);
    entries.forEach(([tag, type, count, value], i) => {
      const at = 2 + i * 12;
      view.setUint16(at, tag, true);
      view.setUint16(at + 2, type, true);
      view.setUint32(at + 4, count, true);
      // One SHORT sits in the value's first two bytes (little-endian, so the same as a LONG).
      view.setUint32(at + 8, value, true);
    });
    const ifdAt = place(ifd);
    patchNext.view.setUint32(patchNext.at, ifdAt, true);
    patchNext = { view, at: 2 + entries.length * 12 };
  });
  const out = new Uint8Array(size);
  out.set(header, 0);
  let at = 8;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
