// A PNG as one fax page. Its chunks are walked first (IHDR for the size, pHYs for the
// resolution, IEND to prove it is whole): a picture too large is refused from its header,
// before its pixels are decoded (pngjs).

import { inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import type { ImageGeometry } from './image-page.ts';
import { checkImageSize, imageDamaged } from './image-limits.ts';
import { PdfError } from './pdf-errors.ts';
import { type Raster, rasterFromRgba } from './image-raster.ts';

export interface PngHeader extends ImageGeometry {
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
  /** The compressed pixel data (the IDAT chunks, joined). */
  data: Uint8Array[];
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The header facts, from the chunks alone. Throws PdfError for a cut-off or malformed file. */
export function readPngHeader(bytes: Uint8Array): PngHeader {
  if (!SIGNATURE.every((b, i) => bytes[i] === b)) throw imageDamaged('it does not start like a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  let header: PngHeader | undefined;
  for (let at = 8; ; ) {
    if (at + 8 > bytes.length)
      throw imageDamaged('the file ends before the image does; it may have been cut off while it was copied or saved');
    const length = view.getUint32(at);
    const name = type(at + 4);
    if (at + 12 + length > bytes.length) throw imageDamaged(`the file ends inside its ${name} data; it may have been cut off`);
    const data = at + 8;
    if (!header) {
      if (name !== 'IHDR' || length < 13) throw imageDamaged('its header (IHDR) is missing');
      header = {
        width: view.getUint32(data),
        height: view.getUint32(data + 4),
        bitDepth: bytes[data + 8] as number,
        colorType: bytes[data + 9] as number,
        interlaced: bytes[data + 12] === 1,
        data: [],
      };
    } else if (name === 'IDAT') {
      header.data.push(bytes.subarray(data, data + length));
    } else if (name === 'pHYs' && length >= 9) {
      const x = view.getUint32(data);
      const y = view.getUint32(data + 4);
      // Unit 1 is the metre; 0 gives the pixels' aspect only.
      const perInch = bytes[data + 8] === 1 ? 0.0254 : 1;
      if (x > 0 && y > 0) Object.assign(header, { xDpi: x * perInch, yDpi: y * perInch, physical: bytes[data + 8] === 1 });
    } else if (name === 'IEND') {
      return header;
    }
    at += 12 + length;
  }
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
// Adam7: each pass's first column and row, and its steps.
const PASSES = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/**
 * The pixel data must be all there: pngjs quietly fills a short stream with black, which would
 * fax a page that is partly lost. Inflated once, capped at the size it must have.
 */
function checkPixelData(header: PngHeader): void {
  const bits = (CHANNELS[header.colorType] ?? 0) * header.bitDepth;
  if (bits === 0) throw imageDamaged(`its colour type ${header.colorType} is not one PNG has`);
  const rowBytes = (w: number) => 1 + Math.ceil((w * bits) / 8);
  let expected = header.height * rowBytes(header.width);
  if (header.interlaced) {
    expected = 0;
    for (const [x0, y0, dx, dy] of PASSES) {
      const w = Math.ceil((header.width - x0) / dx);
      const h = Math.ceil((header.height - y0) / dy);
      if (w > 0 && h > 0) expected += h * rowBytes(w);
    }
  }
  let inflated: number;
  try {
    inflated = inflateSync(Buffer.concat(header.data), { maxOutputLength: expected + 1 }).byteLength;
  } catch (error) {
    throw imageDamaged('its pixel data is broken or cut off', error);
  }
  if (inflated < expected) throw imageDamaged('its pixel data stops short of the image it announces; it may have been cut off');
}

/** Decodes the PNG (after its size is checked) into the smallest raster that shows it. */
export function decodePng(bytes: Uint8Array): { raster: Raster; geometry: ImageGeometry } {
  const header = readPngHeader(bytes);
  checkImageSize(header.width, header.height);
  checkPixelData(header);
  let png: { width: number; height: number; data: Buffer };
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    if (error instanceof PdfError) throw error;
    throw imageDamaged((error as Error).message || 'its pixels cannot be read', error);
  }
  let rgba: Uint8Array = png.data;
  // 16-bit files come back with two bytes a channel: the high byte is the 8-bit value.
  if (rgba.length === png.width * png.height * 8) {
    const narrow = new Uint8Array(png.width * png.height * 4);
    for (let i = 0; i < narrow.length; i++) narrow[i] = rgba[i * 2] as number;
    rgba = narrow;
  }
  return { raster: rasterFromRgba(rgba, png.width, png.height), geometry: header };
}
