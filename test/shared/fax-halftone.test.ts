import { describe, expect, it } from 'vitest';
import type { PaperSize, Resolution } from '../../shared/domain.ts';
import { halftonePage, printedBlackShare } from '../../shared/fax-halftone.ts';
import { countInk, type ImageDataLike, rasterPixel, rasterToRgba } from '../../shared/fax-raster.ts';

/** A page at fax size filled with one grey (0 black … 255 white), optionally painted further. */
function page(width: number, height: number, grey: number, paint?: (x: number, y: number) => number | undefined): ImageDataLike {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = paint?.(x, y) ?? grey;
      const i = (y * width + x) * 4;
      data[i] = v;
      data[i + 1] = v;
      data[i + 2] = v;
      data[i + 3] = 255;
    }
  }
  return { width, height, data };
}

describe('the fax halftone', () => {
  it('keeps solid black and white as they are', () => {
    for (const resolution of ['standard', 'fine'] as Resolution[]) {
      expect(halftonePage(page(1728, 64, 0), resolution).inkRatio).toBe(1);
      expect(halftonePage(page(1728, 64, 255), resolution).inkRatio).toBe(0);
    }
  });

  it('prints a grey as its share of ink at standard resolution (no lightening)', () => {
    for (const grey of [32, 96, 128, 200, 240]) {
      const r = halftonePage(page(1728, 160, grey), 'standard');
      expect(r.inkRatio).toBeCloseTo(1 - grey / 255, 1);
    }
  });

  it('lightens greys at fine resolution (0.8 power) in 18 steps', () => {
    const r = halftonePage(page(1728, 120, 128), 'fine');
    // floor(19 · (128/255)^0.8) = 10 of 18 dots white.
    expect(r.inkRatio).toBeCloseTo(8 / 18, 3);
  });

  it('never lets a light grey vanish, as a 50% cut would', () => {
    for (const resolution of ['standard', 'fine'] as Resolution[]) {
      const r = halftonePage(page(1728, 96, 215), resolution);
      expect(r.inkRatio).toBeGreaterThan(0.05);
      expect(r.inkRatio).toBeLessThan(0.25);
    }
  });

  it('gets darker as the grey does, at every level', () => {
    for (const resolution of ['standard', 'fine'] as Resolution[]) {
      let last = 2;
      for (let grey = 0; grey <= 255; grey += 5) {
        const ink = halftonePage(page(198, 96, grey), resolution).inkRatio;
        expect(ink).toBeLessThanOrEqual(last);
        last = ink;
      }
    }
  });

  it('follows the paper: an A4 line is 1728 dots over 210 mm, a wider dither cell', () => {
    const grey = page(1728, 64, 128);
    const letter = halftonePage(grey, 'standard', 'letter' as PaperSize);
    const a4 = halftonePage(grey, 'standard', 'a4' as PaperSize);
    // The ordered dither repeats every 33 dots on Letter and every 34 on A4.
    const row = (r: typeof letter, y: number) => Array.from({ length: 136 }, (_, x) => rasterPixel(r, x, y));
    const period = (bits: boolean[]) => [33, 34].find((p) => bits.every((b, x) => x + p >= bits.length || b === bits[x + p]));
    expect(period(row(letter, 3))).toBe(33);
    expect(period(row(a4, 3))).toBe(34);
  });

  it('keeps the edge of black text crisp: a mostly covered pixel beside solid ink prints black', () => {
    // A black bar with one column of 55% ink along its edge (an anti-aliased glyph edge).
    const img = page(64, 32, 255, (x) => (x < 20 ? 0 : x === 20 ? 115 : undefined));
    const r = halftonePage(img, 'fine');
    for (let y = 0; y < 32; y++) expect(rasterPixel(r, 20, y)).toBe(true);
    for (let y = 0; y < 32; y++) expect(rasterPixel(r, 22, y)).toBe(false);
  });

  it('composites transparent pixels over white, and counts ink the same as the bits', () => {
    const transparent: ImageDataLike = { width: 40, height: 10, data: new Uint8ClampedArray(1600) };
    expect(halftonePage(transparent, 'standard').inkRatio).toBe(0);
    const r = halftonePage(page(1728, 50, 100), 'fine');
    expect(countInk(r)).toBeCloseTo(r.inkRatio, 10);
    const rgba = rasterToRgba(r);
    expect(rgba[0] === 0).toBe(rasterPixel(r, 0, 0));
  });

  it('says how black each grey prints, the same as the raster it makes', () => {
    for (const resolution of ['standard', 'fine'] as Resolution[]) {
      const share = printedBlackShare(resolution);
      expect(share[0]).toBe(1);
      expect(share[255]).toBe(0);
      for (const grey of [40, 128, 200]) {
        expect(share[grey]).toBeCloseTo(halftonePage(page(1728, 96, grey), resolution).inkRatio, 2);
      }
    }
    // The fine screen lightens: a mid grey prints 8 of 18 dots black there, half at standard.
    expect(printedBlackShare('fine')[128]).toBeCloseTo(8 / 18, 3);
    expect(printedBlackShare('standard')[128]).toBeCloseTo(0.5, 1);
  });
});
