// The TIFF reader every TIFF goes through in main (Compose, the CLI, the hot folder, the image
// Openfax sent) does no more work than the file's size allows, whatever its directories claim:
// a field's count, fields that overlap, a directory that points back to itself, Deflate data
// that unpacks to far more than its page. Each was a hang, a crash of main or a stack overflow
// with utif2's own directory reader.

import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readFaxDocument } from '../../../electron/pdf/fax-document.ts';
import { PdfError } from '../../../electron/pdf/pdf-errors.ts';
import { openTiff } from '../../../electron/pdf/tiff-pages.ts';
import { bilevelFields, craftTiff } from '../../fixtures/images/crafted-tiff.ts';

function refusal(run: () => unknown): PdfError {
  try {
    run();
  } catch (error) {
    if (error instanceof PdfError) return error;
    throw error;
  }
  throw new Error('it was not refused');
}

describe("a TIFF's directories cannot make the reader work past the file", () => {
  it('a 26-byte TIFF that claims 4 billion values is refused at once, as damaged, by every reader', async () => {
    const tiff = craftTiff([{ fields: [{ tag: 273, type: 4, count: 0xffff_ffff, offset: 0 }] }]);
    expect(tiff.byteLength).toBe(26);
    const started = performance.now();
    const error = refusal(() => openTiff(tiff));
    expect(error.code).toBe('damaged');
    expect(error.message).toMatch(/page 1's directory gives one field 4,294,967,295 values, more than any image needs/);
    // Compose, the CLI and the hot folder read images through readFaxDocument.
    await expect(readFaxDocument(tiff, { imagePaper: 'letter' })).rejects.toThrow(/4,294,967,295 values/);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('fields that claim the same bytes over and over are refused once they add up past the limit', () => {
    const shared = new Uint8Array(800_000);
    const fields = Array.from({ length: 30 }, (_, i) => ({ tag: 40_000 + i, type: 4, count: 200_000, offset: 8 }));
    const tiff = craftTiff([{ fields: [...bilevelFields(8, 8, 1), ...fields], data: shared }]);
    const started = performance.now();
    expect(refusal(() => openTiff(tiff)).message).toMatch(/its page directories list more than 2,000,000 values/);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('a page whose EXIF directory is the page itself is read; the loop is never followed', () => {
    const row = new Uint8Array(2).fill(0xf0);
    const tiff = craftTiff([{ fields: [...bilevelFields(16, 1, 1), { tag: 34665, type: 4, values: [0] }], data: row }]);
    // Point the EXIF field at the page's own directory.
    const view = new DataView(tiff.buffer);
    const ifd = view.getUint32(4, true);
    for (let i = 0; i < view.getUint16(ifd, true); i++) {
      if (view.getUint16(ifd + 2 + i * 12, true) === 34665) view.setUint32(ifd + 2 + i * 12 + 8, ifd, true);
    }
    const { raster } = openTiff(tiff).page(0);
    expect(raster).toMatchObject({ width: 16, height: 1, format: 'bilevel' });
    expect([...raster.data]).toEqual([0xf0, 0xf0]);
  });

  it('a page that says it has 65,535 bits a pixel is refused before it is decoded', () => {
    const fields = bilevelFields(8, 8, 1).map((f) => (f.tag === 258 ? { tag: 258, type: 3, values: [65_535] } : f));
    expect(refusal(() => openTiff(craftTiff([{ fields, data: new Uint8Array(8) }]))).message).toMatch(/65,535 bits a pixel/);
  });

  it('Deflate data that unpacks past its page is refused before it is unpacked', () => {
    // 20 MB of zeros for a 100 × 100 grey page (10 KB).
    const bomb = deflateSync(Buffer.alloc(20 * 1024 * 1024));
    const fields = [
      { tag: 256, type: 4, values: [100] },
      { tag: 257, type: 4, values: [100] },
      { tag: 258, type: 3, values: [8] },
      { tag: 259, type: 3, values: [8] },
      { tag: 262, type: 3, values: [1] },
      { tag: 277, type: 3, values: [1] },
    ];
    const doc = openTiff(craftTiff([{ fields, data: bomb }]));
    expect(refusal(() => doc.page(0)).message).toMatch(/page 1 of 1 unpacks to more than its 100 × 100 pixels/);
  });

  it('an honest Deflate page is still read', () => {
    const pixels = new Uint8Array(100 * 100).map((_, i) => (i % 100 < 50 ? 0 : 255));
    const fields = [
      { tag: 256, type: 4, values: [100] },
      { tag: 257, type: 4, values: [100] },
      { tag: 258, type: 3, values: [8] },
      { tag: 259, type: 3, values: [8] },
      { tag: 262, type: 3, values: [1] },
      { tag: 277, type: 3, values: [1] },
    ];
    const { raster } = openTiff(craftTiff([{ fields, data: deflateSync(pixels) }])).page(0);
    expect(raster).toMatchObject({ width: 100, height: 100, format: 'bilevel' });
  });
});
