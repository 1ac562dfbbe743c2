import { describe, expect, it } from 'vitest';
import {
  FAX_WIDTH_PX,
  faxRasterSize,
  type ImageDataLike,
  rasterPixel,
  rasterToRgba,
  toFaxRaster,
} from '../../../renderer/src/preview/fax-view.ts';

const LETTER_H = 792;
const A4_H = 841.89;

/** A white page rendered at `w` × `h` pixels; `paint` fills rows with a grey level (0 black … 255 white). */
function page(w: number, h: number, paint: (y: number) => number | undefined = () => undefined): ImageDataLike {
  const data = new Uint8ClampedArray(w * h * 4).fill(255);
  for (let y = 0; y < h; y++) {
    const v = paint(y);
    if (v === undefined) continue;
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      data[i] = v;
      data[i + 1] = v;
      data[i + 2] = v;
    }
  }
  return { width: w, height: h, data };
}

describe('fax view raster size', () => {
  it('is 1728 across and 98 or 196 lines per inch down', () => {
    expect(faxRasterSize(LETTER_H, 'standard')).toEqual({ width: 1728, height: 1078 });
    expect(faxRasterSize(LETTER_H, 'fine')).toEqual({ width: 1728, height: 2156 });
    expect(faxRasterSize(1008, 'standard')).toEqual({ width: 1728, height: 1372 });
    expect(faxRasterSize(A4_H, 'fine')).toEqual({ width: 1728, height: 2292 });
  });
});

describe('fax view conversion', () => {
  it('turns a Letter page whose top half is black into a 1728 × 1078 raster with 50% ink', () => {
    const r = toFaxRaster(
      page(850, 1100, (y) => (y < 550 ? 0 : undefined)),
      LETTER_H,
      'standard',
    );
    expect([r.width, r.height, r.rowBytes, r.bits.length]).toEqual([1728, 1078, 216, 216 * 1078]);
    expect(r.inkRatio).toBe(0.5);
    expect(rasterPixel(r, 0, 0)).toBe(true);
    expect(rasterPixel(r, 1727, 538)).toBe(true);
    expect(rasterPixel(r, 0, 539)).toBe(false);
  });

  it('drops grey lighter than 50% and keeps grey darker than 50%', () => {
    const light = toFaxRaster(
      page(425, 550, () => 160),
      LETTER_H,
      'fine',
    );
    expect(light.inkRatio).toBe(0);
    const dark = toFaxRaster(
      page(425, 550, () => 100),
      LETTER_H,
      'fine',
    );
    expect(dark.inkRatio).toBe(1);
    expect([dark.width, dark.height]).toEqual([FAX_WIDTH_PX, 2156]);
  });

  it('loses a hairline at standard resolution that fine resolution keeps', () => {
    // Rendered at 1728 × 2236 (the page's aspect): one black pixel row is 1/2236 of 11 in,
    // under half a standard line (1/1078) but most of a fine line (1/2156).
    const hairline = page(1728, 2236, (y) => (y === 1000 ? 0 : undefined));
    expect(toFaxRaster(hairline, LETTER_H, 'standard').inkRatio).toBe(0);
    const fine = toFaxRaster(hairline, LETTER_H, 'fine');
    expect(fine.inkRatio).toBeCloseTo(1 / 2156, 8);
  });

  it('composites transparent pixels over white', () => {
    const transparent: ImageDataLike = { width: 10, height: 10, data: new Uint8ClampedArray(400) };
    expect(toFaxRaster(transparent, LETTER_H, 'standard').inkRatio).toBe(0);
  });

  it('draws the raster back as black-on-white pixels', () => {
    const r = toFaxRaster(
      page(100, 130, (y) => (y < 13 ? 0 : undefined)),
      LETTER_H,
      'standard',
    );
    const rgba = rasterToRgba(r);
    expect(rgba.length).toBe(r.width * r.height * 4);
    expect([...rgba.subarray(0, 4)]).toEqual([0, 0, 0, 255]);
    const last = (r.width * r.height - 1) * 4;
    expect([...rgba.subarray(last, last + 4)]).toEqual([255, 255, 255, 255]);
  });
});
