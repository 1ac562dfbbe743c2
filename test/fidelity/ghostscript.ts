// Ghostscript's fax rendering of a PDF, the reference the fidelity test holds our fax view
// to: the same 1728 dots across the paper's width and 98 or 196 lines an inch, the page fitted
// to the sheet (-dPDFFitPage on fixed media), as HylaFAX and fax services call it. pbmraw is
// tiffg4's raster before compression. Ghostscript is a test tool here, never shipped.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { PaperSize, Resolution } from '../../shared/domain.ts';
import { FAX_PAPER_POINTS } from '../../shared/fax-page.ts';
import { countInk, FAX_LINES_PER_INCH, FAX_WIDTH_PX, type FaxRaster } from '../../shared/fax-raster.ts';

const run = promisify(execFile);

export async function ghostscriptFax(pdfPath: string, paper: PaperSize, resolution: Resolution): Promise<FaxRaster[]> {
  const lpi = FAX_LINES_PER_INCH[resolution];
  const { width, height } = FAX_PAPER_POINTS[paper];
  const lines = Math.round((height / 72) * lpi);
  const xdpi = (FAX_WIDTH_PX / width) * 72;
  const { stdout } = await run(
    'gs',
    [
      '-q',
      '-dNOPAUSE',
      '-dBATCH',
      '-dSAFER',
      '-sDEVICE=pbmraw',
      `-r${xdpi.toFixed(4)}x${lpi}`,
      `-g${FAX_WIDTH_PX}x${lines}`,
      '-dFIXEDMEDIA',
      '-dPDFFitPage',
      '-sOutputFile=-',
      pdfPath,
    ],
    { encoding: 'buffer', maxBuffer: 512 * 1024 * 1024 },
  );
  return parsePbms(stdout);
}

/** Concatenated binary PBM (P4) images. */
function parsePbms(buf: Buffer): FaxRaster[] {
  const pages: FaxRaster[] = [];
  let pos = 0;
  const token = (): string => {
    for (;;) {
      while (pos < buf.length && /\s/.test(String.fromCharCode(buf[pos] as number))) pos++;
      if (buf[pos] !== 0x23) break;
      while (pos < buf.length && buf[pos] !== 0x0a) pos++;
    }
    let s = '';
    while (pos < buf.length && !/\s/.test(String.fromCharCode(buf[pos] as number))) s += String.fromCharCode(buf[pos++] as number);
    return s;
  };
  while (pos < buf.length) {
    const magic = token();
    if (magic === '') break;
    if (magic !== 'P4') throw new Error(`Ghostscript wrote ${magic}, not a binary PBM`);
    const width = Number(token());
    const height = Number(token());
    pos++;
    const rowBytes = Math.ceil(width / 8);
    const bits = new Uint8Array(buf.subarray(pos, pos + rowBytes * height));
    pos += rowBytes * height;
    // Padding bits past the last column are not ink.
    if (width % 8)
      for (let y = 0; y < height; y++)
        bits[y * rowBytes + rowBytes - 1] = (bits[y * rowBytes + rowBytes - 1] as number) & (0xff << (8 - (width % 8)));
    pages.push({ width, height, rowBytes, bits, inkRatio: countInk({ width, height, bits }) });
  }
  return pages;
}
