// What the end-to-end specs read back from the page itself.

import type { Page } from '@playwright/test';
import { countInk, type FaxRaster } from '../../shared/fax-raster.ts';

/** Share of dark pixels on a canvas, read back from its pixels (ink, not an element present). */
export function canvasInk(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const c = document.querySelector<HTMLCanvasElement>(sel);
    if (!c || c.width === 0 || c.height === 0) return 0;
    const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    if (!d) return 0;
    let dark = 0;
    for (let i = 0; i < d.length; i += 4) if ((d[i] as number) + (d[i + 1] as number) + (d[i + 2] as number) < 384) dark++;
    return dark / (c.width * c.height);
  }, selector);
}

/** A canvas's pixels as a 1-bit raster (dark = black), to hold the fax view to a reference. */
export async function canvasRaster(page: Page, selector: string): Promise<FaxRaster> {
  const { width, height, b64 } = await page.evaluate((sel) => {
    const c = document.querySelector<HTMLCanvasElement>(sel);
    if (!c || c.width === 0) return { width: 0, height: 0, b64: '' };
    const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    const rowBytes = Math.ceil(c.width / 8);
    const bits = new Uint8Array(rowBytes * c.height);
    if (d) {
      for (let y = 0; y < c.height; y++) {
        for (let x = 0; x < c.width; x++) if ((d[(y * c.width + x) * 4] as number) < 128) bits[y * rowBytes + (x >> 3)] |= 0x80 >> (x & 7);
      }
    }
    let s = '';
    for (let i = 0; i < bits.length; i += 0x8000) s += String.fromCharCode(...bits.subarray(i, i + 0x8000));
    return { width: c.width, height: c.height, b64: btoa(s) };
  }, selector);
  const bits = new Uint8Array(Buffer.from(b64, 'base64'));
  return { width, height, rowBytes: Math.ceil(width / 8), bits, inkRatio: countInk({ width, height, bits }) };
}
