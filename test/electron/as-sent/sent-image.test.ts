// The image Openfax sent is judged from its directories before a pixel is decoded: a crafted
// count, a colour page that would unpack to hundreds of megabytes, a page wider or longer than a
// fax, a page not fax-coded, more pages than the fax (counted before any directory is read).

import { describe, expect, it } from 'vitest';
import { AsSentError } from '../../../electron/as-sent/fetch-image.ts';
import { readSentImage, resolutionOfLines } from '../../../electron/as-sent/sent-image.ts';
import { assembleG4Tiff, encodeG4Page } from '../../../electron/sandbox/g4-tiff.ts';
import { blankRaster } from '../../../shared/fax-raster.ts';
import { bilevelFields, craftTiff, type Field } from '../../fixtures/images/crafted-tiff.ts';

function refusal(bytes: Uint8Array, faxPages = 1): string {
  const started = performance.now();
  try {
    readSentImage(bytes, faxPages);
  } catch (error) {
    expect(error).toBeInstanceOf(AsSentError);
    // Nothing was decoded: a refusal from the directories alone takes no time.
    expect(performance.now() - started).toBeLessThan(250);
    return (error as Error).message;
  }
  throw new Error('it was not refused');
}

const withField = (fields: Field[], tag: number, values: number[]): Field[] =>
  fields.map((f) => (f.tag === tag ? { tag, type: f.type, values } : f));

describe('the image Openfax sent, from its directories', () => {
  it('a 26-byte TIFF claiming 4 billion values is refused as unreadable', () => {
    const tiff = craftTiff([{ fields: [{ tag: 273, type: 4, count: 0xffff_ffff, offset: 0 }] }]);
    expect(refusal(tiff)).toMatch(/^the TIFF cannot be read: .*4,294,967,295 values/);
  });

  it('a colour page of 12,000 × 4,166 (a few bytes of LZW, 350 MB decoded) is refused undecoded', () => {
    const fields: Field[] = [
      { tag: 256, type: 4, values: [12_000] },
      { tag: 257, type: 4, values: [4_166] },
      { tag: 258, type: 3, values: [8, 8, 8] },
      { tag: 259, type: 3, values: [5] },
      { tag: 262, type: 3, values: [2] },
      { tag: 277, type: 3, values: [3] },
    ];
    expect(refusal(craftTiff([{ fields, data: new Uint8Array([0x80, 0, 0x40]) }]))).toBe('it is not black and white, as fax pages are');
  });

  it('a page wider than a fax line, or longer than the longest sheet, is refused undecoded', () => {
    const data = new Uint8Array(16);
    expect(refusal(craftTiff([{ fields: withField(bilevelFields(1728, 10), 256, [2048]), data }]))).toBe(
      "it is 2048 dots wide, more than a fax line's 1728",
    );
    // Legal at fine is 2744 lines; an inch more is allowed for a service's header band.
    expect(refusal(craftTiff([{ fields: withField(bilevelFields(1728, 10), 257, [2941]), data }]))).toMatch(
      /2941 lines long, more than a fax page's 2940/,
    );
  });

  it('a black-and-white page that is not fax-coded is not the image of a fax', () => {
    expect(refusal(craftTiff([{ fields: bilevelFields(1728, 10, 1), data: new Uint8Array(2160) }]))).toMatch(
      /not coded as fax pages are \(CCITT Group 3 or 4; its compression is 1\)/,
    );
  });

  it('more pages than the fax could have is refused from the chain of pages, before a directory is read', () => {
    const good = { fields: bilevelFields(1728, 10), data: new Uint8Array(4) };
    const bad = { fields: [{ tag: 273, type: 4, count: 0xffff_ffff, offset: 0 }] };
    const pages = [good, good, good, good, bad, good, good, good, good, good];
    expect(refusal(craftTiff(pages), 1)).toBe('it has 10 pages, and the fax has 1');
  });

  it('a fax image of the sandbox is read, page by page, its line rate its resolution', async () => {
    const page = blankRaster(1728, 2200);
    page.bits.fill(0xff, 0, 216 * 30);
    const tiff = assembleG4Tiff([await encodeG4Page(page), await encodeG4Page(page)], { paper: 'letter', resolution: 'fine' });
    const image = readSentImage(tiff, 2);
    expect(image.pages).toBe(2);
    expect(resolutionOfLines(image.linesPerInch)).toBe('fine');
    expect(image.page(1)).toMatchObject({ width: 1728, height: 2200 });
    expect(image.page(1).inkRatio).toBeCloseTo(30 / 2200, 5);
  });

  it('names the resolution of a line rate from the shared line rates', () => {
    expect([98, 97.9, 195.6, 196, 204, 150, undefined].map(resolutionOfLines)).toEqual([
      'standard',
      'standard',
      'fine',
      'fine',
      'fine',
      undefined,
      undefined,
    ]);
  });
});
