// What the end-to-end specs read back from the page itself.

import type { Page } from '@playwright/test';

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
