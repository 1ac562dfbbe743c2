// The fax decoder (electron/pdf/ccitt-fax.ts) against the encoders fax services use: Ghostscript's
// tiffcrle (CCITT runs), tiffg3 (T.4 1-D, EOLs), tiffg32d (T.4 2-D) and tiffg4 (T.6), each with
// bits in both orders, read back pixel for pixel equal to Ghostscript's own raster of the same
// page (pbmraw); libvips' G4 (the sandbox's encoder) equal to utif2's reading of it. And the
// data that made utif2 hang or ask for gigabytes decodes in a bounded time, into a page's size.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import UTIF from 'utif2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCcitt } from '../../../electron/pdf/ccitt-fax.ts';
import { openTiff } from '../../../electron/pdf/tiff-pages.ts';
import { assembleG4Tiff, encodeG4Page } from '../../../electron/sandbox/g4-tiff.ts';
import { blankRaster, type FaxRaster } from '../../../shared/fax-raster.ts';

const run = promisify(execFile);
const CORPUS = join(import.meta.dirname, '../../fidelity/corpus');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-ccitt-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Ghostscript renders page 1 of `pdf` at 204 × 196 dpi with `device` into a file; returns its bytes. */
async function gs(pdf: string, device: string, extra: string[] = []): Promise<Buffer> {
  const out = join(dir, `${device}-${extra.join('')}.out`);
  await run('gs', [
    '-q',
    '-dNOPAUSE',
    '-dBATCH',
    '-dSAFER',
    `-sDEVICE=${device}`,
    '-r204x196',
    '-dLastPage=1',
    ...extra,
    `-sOutputFile=${out}`,
    pdf,
  ]);
  return readFileSync(out);
}

/** A binary PBM's rows (1 = black), padding bits cleared. */
function pbmRows(pbm: Buffer): { width: number; height: number; bits: Uint8Array } {
  const header = /^P4\s+(?:#.*\s+)*(\d+)\s+(\d+)\s/.exec(pbm.toString('latin1', 0, 256));
  if (!header) throw new Error('not a PBM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, bits: masked(pbm.subarray(header[0].length), width, height) };
}

function masked(bits: Uint8Array, width: number, height: number): Uint8Array {
  const rowBytes = Math.ceil(width / 8);
  const out = new Uint8Array(bits.subarray(0, rowBytes * height));
  const tail = width % 8 === 0 ? 0xff : (0xff << (8 - (width % 8))) & 0xff;
  for (let y = 0; y < height; y++) out[y * rowBytes + rowBytes - 1] &= tail;
  return out;
}

function differingRows(a: Uint8Array, b: Uint8Array, rowBytes: number): number[] {
  const rows: number[] = [];
  for (let y = 0; y * rowBytes < Math.max(a.length, b.length); y++) {
    for (let i = 0; i < rowBytes; i++) {
      if (a[y * rowBytes + i] !== b[y * rowBytes + i]) {
        rows.push(y);
        break;
      }
    }
  }
  return rows;
}

describe('the fax decoder reads what fax encoders write', () => {
  for (const name of ['letter-office.pdf', 'a4-photo.pdf']) {
    it.each([
      ['tiffcrle', []],
      ['tiffg3', []],
      ['tiffg32d', []],
      ['tiffg4', []],
      ['tiffg3', ['-dFillOrder=2']],
      ['tiffg4', ['-dFillOrder=2']],
    ])(
      `${name}: Ghostscript's %s %j decodes to Ghostscript's own raster`,
      async (device, extra) => {
        const pdf = join(CORPUS, name);
        const expected = pbmRows(await gs(pdf, 'pbmraw'));
        // Ghostscript's fax devices widen a page to 1728 unless told not to: other widths test the padding.
        const tiff = openTiff(new Uint8Array(await gs(pdf, device, ['-dAdjustWidth=0', ...(extra as string[])])));
        const { raster } = tiff.page(0);
        expect([raster.width, raster.height]).toEqual([expected.width, expected.height]);
        const got = masked(raster.data, raster.width, raster.height);
        expect(differingRows(got, expected.bits, Math.ceil(expected.width / 8))).toEqual([]);
      },
      30_000,
    );
  }

  it("libvips' G4 (the sandbox's encoder) decodes as utif2 decodes it, dense halftone included", async () => {
    const page = blankRaster(1728, 400);
    for (let y = 0; y < 400; y++) {
      for (let i = 0; i < 216; i++) {
        // Text-like blocks above, a fine checkerboard (the worst case for G4) below.
        page.bits[y * 216 + i] = y < 300 ? (((y >> 3) * 7 + i * 13) % 5 === 0 ? 0xff : 0) : y % 2 ? 0xaa : 0x55;
      }
    }
    const tiff = assembleG4Tiff([await encodeG4Page(page)], { paper: 'letter', resolution: 'fine' });
    const buffer = tiff.slice().buffer;
    const [ifd] = UTIF.decode(buffer);
    UTIF.decodeImage(buffer, ifd as UTIF.IFD);
    const ours = openTiff(tiff).page(0).raster;
    expect(differingRows(masked(ours.data, 1728, 400), masked((ifd as UTIF.IFD).data, 1728, 400), 216)).toEqual([]);
    expect(differingRows(masked(ours.data, 1728, 400), page.bits, 216)).toEqual([]);
  }, 60_000);

  it('a dense fine page decodes in well under a second (utif2 took 28 s)', async () => {
    const page = blankRaster(1728, 2200);
    for (let y = 0; y < 2200; y++) page.bits.fill(y % 2 ? 0xaa : 0x55, y * 216, y * 216 + 216);
    const tiff = assembleG4Tiff([await encodeG4Page(page)], { paper: 'letter', resolution: 'fine' });
    const started = performance.now();
    const got = openTiff(tiff).page(0).raster;
    expect(performance.now() - started).toBeLessThan(1000);
    expect(differingRows(masked(got.data, 1728, 2200), page.bits, 216)).toEqual([]);
  }, 60_000);
});

describe('damaged and crafted fax data stays within the page', () => {
  /** Bits written most significant first, from a string of 0s and 1s. */
  function bits(code: string): Uint8Array {
    const out = new Uint8Array(Math.ceil(code.length / 8));
    for (let i = 0; i < code.length; i++) if (code[i] === '1') out[i >> 3] |= 0x80 >> (i & 7);
    return out;
  }

  it('a million makeup codes (utif2 adds them up without end) make one white line, then stop', () => {
    // Horizontal mode, then the white makeup code for 2560 repeated: utif2 would add 2.6 billion pixels to a line.
    const makeup = '000000011111';
    const data = bits(`001${makeup.repeat(100_000)}`);
    const started = performance.now();
    const out = decodeCcitt(data, { width: 1728, height: 3, compression: 4 });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(out.byteLength).toBe(216 * 3);
  });

  it('garbage of every kind decodes to a page of the stated size, without throwing', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed & 0xff;
    };
    for (const compression of [2, 3, 4] as const) {
      for (let trial = 0; trial < 30; trial++) {
        const data = Uint8Array.from({ length: 2000 }, random);
        const out = decodeCcitt(data, { width: 1728, height: 50, compression, t4Options: trial % 2 });
        expect(out.byteLength).toBe(216 * 50);
      }
    }
  });

  it('reads a page of all-black lines and a line that is all one run', () => {
    // T.6: V0 under an all-white reference gives b1 = the line end: a white line; then H with
    // white 0 + black 1728 (makeup 1728 + terminating 0) gives an all-black line.
    const white0 = '00110101';
    const black1728 = '0000001100101';
    const black0 = '0000110111';
    const out = decodeCcitt(bits(`1001${white0}${black1728}${black0}`), { width: 1728, height: 2, compression: 4 });
    const raster: FaxRaster = { width: 1728, height: 2, rowBytes: 216, bits: out, inkRatio: 0 };
    expect([...raster.bits.subarray(0, 216)].every((b) => b === 0)).toBe(true);
    expect([...raster.bits.subarray(216)].every((b) => b === 0xff)).toBe(true);
  });
});
