// PNG, JPEG and TIFF through the one reader every entry uses (readFaxDocument): each image a
// page of the paper size, fitted and never stretched, fax TIFFs kept 1 bit per pixel; and every
// bad input refused with words that name the problem and the fix. The pages are judged by
// Poppler's rendering of the PDF made, not by our own numbers.

import { PNG } from 'pngjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PdfError } from '../../../electron/pdf/pdf-errors.ts';
import { readFaxDocument } from '../../../electron/pdf/fax-document.ts';
import { MAX_IMAGE_PAGES } from '../../../electron/pdf/image-limits.ts';
import { placeImage } from '../../../electron/pdf/image-page.ts';
import { bilevelTiff, imageFixture, pngClaiming } from '../../fixtures/images/make-images.ts';
import { inkBox } from './render-page.ts';

afterEach(() => vi.restoreAllMocks());

async function refusal(bytes: Uint8Array): Promise<PdfError> {
  const error = await readFaxDocument(bytes, { imagePaper: 'letter' }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof PdfError)) throw new Error(`expected a PdfError, got ${String(error)}`);
  return error;
}

describe('images become fax pages', () => {
  it('a fax G4 TIFF of 3 pages becomes 3 Letter pages, 1 bit per pixel, about the size of the TIFF', async () => {
    const tiff = imageFixture('fax-g4-fine-3pages.tif');
    const doc = await readFaxDocument(tiff, { imagePaper: 'letter' });
    expect(doc.converted).toEqual({ from: 'tiff', paperSize: 'letter' });
    expect(doc.info.pages).toBe(3);
    expect(doc.info.pageSizes).toEqual(Array(3).fill({ width: 612, height: 792 }));
    expect(doc.pagePaper).toEqual(['letter', 'letter', 'letter']);
    // Widened to 8-bit RGB (pdf-lib's embedPng) each page would be 11 MB raw; 1 bit stays small.
    expect(Buffer.from(doc.bytes).toString('latin1')).toContain('/BitsPerComponent 1');
    expect(doc.bytes.byteLength).toBeLessThan(tiff.byteLength * 4);
    // The page drawn is the fax page at its own size (8.47 × 11 in), not shrunk inside margins.
    const ink = await inkBox(doc.bytes, 2);
    expect(ink?.width).toBeGreaterThan(460);
    expect(ink?.height).toBeGreaterThan(640);
  });

  it('a standard-resolution fax (204 × 98 dpi, pixels twice as tall as wide) keeps its true aspect', async () => {
    // A square on paper: 432 pixels across, 207 rows down.
    const tiff = bilevelTiff(1, { width: 1728, height: 1078, xDpi: 204, yDpi: 98 });
    const doc = await readFaxDocument(tiff, { imagePaper: 'letter' });
    const ink = await inkBox(doc.bytes);
    expect(ink).toBeDefined();
    expect((ink?.width ?? 0) / (ink?.height ?? 1)).toBeCloseTo(1, 1);
    // Square pixels would have made it twice as wide as tall.
    const naive = placeImage({ width: 1728, height: 1078 }, 'letter');
    expect(naive.width / naive.height).toBeGreaterThan(1.5);
  });

  it('a G3 TIFF made by Ghostscript at 204 × 98 dpi is read, its page frame at its true shape', async () => {
    const doc = await readFaxDocument(imageFixture('fax-g3-standard-3pages.tif'), { imagePaper: 'letter' });
    expect(doc.info.pages).toBe(3);
    const ink = await inkBox(doc.bytes);
    // The page's frame (a 468 × 648 pt box, the text above it) at its size: neither squashed nor stretched.
    expect(ink?.width).toBeGreaterThan(466);
    expect(ink?.width).toBeLessThan(480);
    expect(ink?.height).toBeGreaterThan(646);
    expect(ink?.height).toBeLessThan(668);
  });

  it('a PNG becomes one page of the chosen paper, fitted and centred', async () => {
    const doc = await readFaxDocument(imageFixture('scan.png'), { imagePaper: 'a4' });
    expect(doc.converted).toEqual({ from: 'png', paperSize: 'a4' });
    expect(doc.info.pages).toBe(1);
    expect(doc.info.paperSize).toBe('a4');
  });

  it('a photo with no resolution is fitted inside the margins, its aspect kept, centred', async () => {
    const png = new PNG({ width: 400, height: 100 });
    png.data.fill(0);
    for (let i = 3; i < png.data.length; i += 4) png.data[i] = 255;
    const doc = await readFaxDocument(new Uint8Array(PNG.sync.write(png)), { imagePaper: 'letter' });
    const ink = await inkBox(doc.bytes);
    // 612 − 2 × 54 = 504 pt across, so 126 pt down, centred on the page.
    expect(ink?.width).toBeCloseTo(504, -1);
    expect(ink?.height).toBeCloseTo(126, -1);
    expect(ink?.left).toBeCloseTo(54, -1);
    expect((ink?.top ?? 0) + (ink?.height ?? 0) / 2).toBeCloseTo(396, -1);
  });

  it('a JPEG becomes one page, its compressed data carried as is', async () => {
    const jpeg = imageFixture('photo.jpg');
    const doc = await readFaxDocument(jpeg, { imagePaper: 'legal' });
    expect(doc.converted).toEqual({ from: 'jpeg', paperSize: 'legal' });
    expect(doc.info.pageSizes).toEqual([{ width: 612, height: 1008 }]);
    expect(Buffer.from(doc.bytes).toString('latin1')).toContain('/DCTDecode');
  });

  it('goes by content: a JPEG named .png is a JPEG, a PNG named .pdf is a PNG', async () => {
    const { writeFile, mkdtemp } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'openfax-lying-'));
    await writeFile(join(dir, 'scan.png'), imageFixture('photo.jpg'));
    await writeFile(join(dir, 'scan.pdf'), imageFixture('scan.png'));
    expect((await readFaxDocument(join(dir, 'scan.png'))).converted?.from).toBe('jpeg');
    expect((await readFaxDocument(join(dir, 'scan.pdf'))).converted?.from).toBe('png');
  });

  it('the same image always makes the same PDF (the hot folder ledger knows it again)', async () => {
    const a = await readFaxDocument(imageFixture('fax-g4-fine-3pages.tif'), { imagePaper: 'a4' });
    const b = await readFaxDocument(imageFixture('fax-g4-fine-3pages.tif'), { imagePaper: 'a4' });
    expect(a.info.sha256).toBe(b.info.sha256);
  });

  it('a TIFF of 500 pages is made page by page, with progress, into 500 pages', async () => {
    const tiff = bilevelTiff(500, { width: 216, height: 280, xDpi: 25, yDpi: 25 });
    const progress: Array<[number, number]> = [];
    const doc = await readFaxDocument(tiff, { imagePaper: 'letter', onImagePage: (done, total) => progress.push([done, total]) });
    expect(doc.info.pages).toBe(500);
    expect(progress).toHaveLength(500);
    expect(progress[0]).toEqual([1, 500]);
    expect(progress.at(-1)).toEqual([500, 500]);
    expect(progress.every(([done], i) => done === i + 1)).toBe(true);
  });
});

describe('bad input: a clear message, nothing decoded that need not be', () => {
  it('a TIFF cut off in its last page is refused as cut off, not sent with a page missing', async () => {
    const tiff = imageFixture('fax-g4-fine-3pages.tif');
    const error = await refusal(tiff.subarray(0, tiff.byteLength - 500));
    expect(error.code).toBe('damaged');
    expect(error.message).toMatch(/^The image is damaged or incomplete.*page 3 of 3.*cut off/);
    expect(error.action).toMatch(/save or scan it again/);
  });

  it('a TIFF cut off before a page directory is refused too', async () => {
    const tiff = bilevelTiff(3, { width: 64, height: 64, xDpi: 204, yDpi: 196 });
    const error = await refusal(tiff.subarray(0, tiff.byteLength - 600));
    expect(error.message).toMatch(/ends (before|inside) page 3/);
  });

  it('a 0 × 0 PNG says it has no pixels', async () => {
    const error = await refusal(pngClaiming(0, 0));
    expect(error.code).toBe('damaged');
    expect(error.message).toMatch(/has no pixels.*0 × 0/);
  });

  it('a 20,000 × 20,000 PNG is refused from its header, before its pixels are decoded, with the limit', async () => {
    const decode = vi.spyOn(PNG.sync, 'read');
    const error = await refusal(pngClaiming(20_000, 20_000));
    expect(error.code).toBe('image-too-large');
    expect(error.message).toContain('20,000 × 20,000 pixels');
    expect(error.message).toContain('at most 50 megapixels and 12,000 pixels on a side');
    expect(error.action).toMatch(/300 dpi/);
    expect(decode).not.toHaveBeenCalled();
  });

  it('a Legal page scanned at 600 dpi passes the size limit (this one is then refused for its missing pixels)', async () => {
    const error = await refusal(pngClaiming(5100, 8400));
    expect(error.code).toBe('damaged');
    expect(error.message).toMatch(/pixel data stops short.*cut off/);
  });

  it(`a TIFF of more than ${MAX_IMAGE_PAGES} pages is refused with the limit, before any page is decoded`, async () => {
    const tiff = bilevelTiff(MAX_IMAGE_PAGES + 1, { width: 8, height: 8, xDpi: 204, yDpi: 196 });
    const error = await refusal(tiff);
    expect(error.code).toBe('too-many-pages');
    expect(error.message).toBe('The TIFF has 10,000 pages, more than one fax can carry (Openfax counts at most 9,999 pages).');
  });

  it('a PNG cut off is refused as cut off', async () => {
    const png = imageFixture('scan.png');
    const error = await refusal(png.subarray(0, png.byteLength - 100));
    expect(error.message).toMatch(/cut off/);
  });

  it('a JPEG cut off is refused as cut off', async () => {
    const jpeg = imageFixture('photo.jpg');
    const error = await refusal(jpeg.subarray(0, jpeg.byteLength - 2000));
    expect(error.message).toMatch(/cut off/);
  });

  it('a Word document is named, with what to do: print it to Openfax, or wait for the converter', async () => {
    const error = await refusal(imageFixture('letter.docx'));
    expect(error.code).toBe('office-document');
    expect(error.message).toBe(
      'This is a Word document (.docx). Openfax faxes PDFs and images (PNG, JPEG, TIFF), and cannot turn Word documents into fax pages yet.',
    );
    expect(error.action).toMatch(
      /^Open it in Word or LibreOffice and print it to the Openfax printer.*document converter that comes with mail merge/,
    );
    expect(error.message).not.toMatch(/not a PDF/);
  });

  it('a LibreOffice document is named too', async () => {
    const error = await refusal(imageFixture('letter.odt'));
    expect(error.code).toBe('office-document');
    expect(error.message).toMatch(/^This is a LibreOffice document \(OpenDocument text, \.odt\)/);
  });

  it('a GIF is not a kind we take: said so, with the kinds we do take', async () => {
    const error = await refusal(new TextEncoder().encode('GIF89a\x01\x00\x01\x00'));
    expect(error.code).toBe('not-pdf');
    expect(error.message).toMatch(/not a PDF or an image Openfax can fax \(PNG, JPEG, TIFF\) \(it looks like a GIF image\)/);
  });
});
