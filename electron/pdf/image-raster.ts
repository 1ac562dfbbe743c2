// Decoded pixels as a PDF image. pdf-lib's own embedPng widens every PNG to 8-bit RGB, which
// would make a black-and-white fax page 24 times its size; so the image object is written
// here, as small as the pixels allow: 1 bit per pixel for black and white (fax TIFFs, most
// scans), 8 for grey, 24 only for colour. Grey and colour are PNG-encoded (pngjs, with PNG's
// row filters) and the PNG data is carried as is, which PDF readers decode natively.

import { deflateSync } from 'node:zlib';
import type { PDFDocument, PDFRef } from 'pdf-lib';
import { PNG } from 'pngjs';

export interface Raster {
  width: number;
  height: number;
  /** 'bilevel': 1 bit per pixel, each row padded to a whole byte; 'gray': 1 byte; 'rgb': 3 bytes. */
  format: 'bilevel' | 'gray' | 'rgb';
  data: Uint8Array;
  /** Bilevel only: a 1 bit is black (fax TIFFs are "white is zero"); else a 1 bit is white. */
  blackIs1?: boolean;
}

/** Writes `raster` into `doc` as an image object; returns its reference. */
export function embedRaster(doc: PDFDocument, raster: Raster): { ref: PDFRef; bytes: number } {
  const { width, height } = raster;
  if (raster.format === 'bilevel') {
    const data = deflateSync(raster.data);
    const stream = doc.context.stream(data, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: width,
      Height: height,
      BitsPerComponent: 1,
      ColorSpace: 'DeviceGray',
      Filter: 'FlateDecode',
      ...(raster.blackIs1 ? { Decode: [1, 0] } : {}),
    });
    return { ref: doc.context.register(stream), bytes: data.byteLength };
  }
  const colors = raster.format === 'gray' ? 1 : 3;
  const png = new PNG({ width, height });
  png.data = Buffer.from(raster.data.buffer, raster.data.byteOffset, raster.data.byteLength);
  const colorType = colors === 1 ? 0 : 2;
  const idat = pngImageData(PNG.sync.write(png, { colorType, inputColorType: colorType, inputHasAlpha: false, bitDepth: 8 }));
  const stream = doc.context.stream(idat, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    BitsPerComponent: 8,
    ColorSpace: colors === 1 ? 'DeviceGray' : 'DeviceRGB',
    Filter: 'FlateDecode',
    DecodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: 8, Columns: width },
  });
  return { ref: doc.context.register(stream), bytes: idat.byteLength };
}

/** The zlib stream of a PNG (its IDAT chunks joined): PDF's Flate with PNG predictors reads it as is. */
function pngImageData(png: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 8; at + 8 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') parts.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return Buffer.concat(parts);
}

/**
 * RGBA pixels (8 bits each) as the smallest raster that shows them: transparency laid on white
 * paper, then black and white, grey, or colour, whichever holds every pixel unchanged.
 */
export function rasterFromRgba(rgba: Uint8Array, width: number, height: number): Raster {
  const count = width * height;
  let gray = true;
  let bilevel = true;
  const over = (c: number, a: number) => (a === 255 ? c : Math.round((c * a + 255 * (255 - a)) / 255));
  for (let i = 0; i < count && gray; i++) {
    const a = rgba[i * 4 + 3] as number;
    const r = over(rgba[i * 4] as number, a);
    if (r !== over(rgba[i * 4 + 1] as number, a) || r !== over(rgba[i * 4 + 2] as number, a)) gray = false;
    else if (r !== 0 && r !== 255) bilevel = false;
  }
  if (!gray) {
    const data = new Uint8Array(count * 3);
    for (let i = 0; i < count; i++) {
      const a = rgba[i * 4 + 3] as number;
      for (let c = 0; c < 3; c++) data[i * 3 + c] = over(rgba[i * 4 + c] as number, a);
    }
    return { width, height, format: 'rgb', data };
  }
  if (!bilevel) {
    const data = new Uint8Array(count);
    for (let i = 0; i < count; i++) data[i] = over(rgba[i * 4] as number, rgba[i * 4 + 3] as number);
    return { width, height, format: 'gray', data };
  }
  const rowBytes = Math.ceil(width / 8);
  const data = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (over(rgba[i] as number, rgba[i + 3] as number) === 255) data[y * rowBytes + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return { width, height, format: 'bilevel', data };
}
