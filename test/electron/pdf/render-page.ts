// Renders a PDF page with Poppler (pdftoppm, a reader we did not write) and measures it: the box
// the dark pixels take, in points. A stretched image shows as a box of the wrong shape.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface InkBox {
  /** Points from the page's left and top edges. */
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The bounding box of dark pixels on page `page` (1-based), rendered at `dpi`. */
export async function inkBox(pdf: Uint8Array, page = 1, dpi = 72): Promise<InkBox | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'openfax-render-'));
  try {
    await writeFile(join(dir, 'in.pdf'), pdf);
    await run('pdftoppm', [
      '-r',
      String(dpi),
      '-gray',
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      join(dir, 'in.pdf'),
      join(dir, 'out'),
    ]);
    const pgm = await readFile(join(dir, 'out.pgm'));
    // P5 <width> <height> <max>\n then one byte a pixel.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
    if (!header) throw new Error('pdftoppm wrote no PGM');
    const [, w, h] = header.map(Number) as [number, number, number];
    const pixels = pgm.subarray(header[0].length);
    let minX = w;
    let minY = h;
    let maxX = -1;
    let maxY = -1;
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        if ((pixels[y * w + x] as number) >= 128) continue;
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    if (maxX < 0) return undefined;
    const pt = 72 / dpi;
    return { left: minX * pt, top: minY * pt, width: (maxX - minX + 1) * pt, height: (maxY - minY + 1) * pt };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
