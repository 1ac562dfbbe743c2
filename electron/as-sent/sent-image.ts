// Reads the image Openfax sent: a TIFF of fax pages, through the TIFF reader the app's documents
// use (pdf/tiff-pages.ts, bounded by the file's size whatever its directories claim). Every
// page is checked from its directory before a pixel is decoded: fax-coded (CCITT runs, Group 3
// or 4), 1 bit a pixel, at most a fax line wide and the longest sheet long, and no more pages
// than the fax could have (counted before any directory is read). Anything else is refused in
// words: it is not the image of this fax. Pages are decoded one at a time, when shown.

import { RESOLUTIONS, type Resolution } from '../../shared/domain.ts';
import { FAX_LINES_PER_INCH, FAX_WIDTH_PX, type FaxRaster, countInk } from '../../shared/fax-raster.ts';
import { AS_SENT_MAX_LINES as MAX_LINES } from '../../shared/ipc/contract/sent.ts';
import { PdfError } from '../pdf/pdf-errors.ts';
import { openTiff, type TiffDocument } from '../pdf/tiff-pages.ts';
import { AsSentError } from './fetch-image.ts';

// A fax may gain a page on its way (a service's cover or confirmation page).
const EXTRA_PAGES = 3;
const FAX_CODINGS = new Set([2, 3, 4]);

export interface SentImage {
  pages: number;
  /** Its lines an inch, when the file says (98 standard, 196 fine). */
  linesPerInch: number | undefined;
  /** Page `index` (0-based) decoded, as a fax raster. */
  page(index: number): FaxRaster;
}

/** The resolution a line rate stands for, within 5% (T.4's fine is 7.7 lines a millimetre: 195.6 an inch). */
export function resolutionOfLines(linesPerInch: number | undefined): Resolution | undefined {
  if (linesPerInch === undefined) return undefined;
  return RESOLUTIONS.find((r) => Math.abs(linesPerInch - FAX_LINES_PER_INCH[r]) <= FAX_LINES_PER_INCH[r] * 0.05);
}

function isTiff(bytes: Uint8Array): boolean {
  const [a, b, c, d] = bytes;
  return (a === 0x49 && b === 0x49 && c === 0x2a && d === 0) || (a === 0x4d && b === 0x4d && c === 0 && d === 0x2a);
}

/** Opens a fax image and checks every page from its directory; `faxPages` is how many pages the fax has. */
export function readSentImage(bytes: Uint8Array, faxPages: number): SentImage {
  if (!isTiff(bytes)) throw new AsSentError('what Openfax sent is not a TIFF image');
  const maxPages = Math.max(1, faxPages) + EXTRA_PAGES;
  let doc: TiffDocument;
  try {
    doc = openTiff(bytes, {
      checkPageCount: (pages) => {
        if (pages > maxPages) throw new AsSentError(`it has ${pages} pages, and the fax has ${faxPages}`);
      },
    });
  } catch (err) {
    if (err instanceof AsSentError) throw err;
    throw new AsSentError(err instanceof PdfError ? `the TIFF cannot be read: ${err.message}` : 'the TIFF cannot be read');
  }
  for (let i = 0; i < doc.pages; i++) checkFaxPage(doc, i);
  const page = (index: number): FaxRaster => {
    let decoded: ReturnType<TiffDocument['page']>;
    try {
      decoded = doc.page(index);
    } catch (err) {
      throw new AsSentError(err instanceof PdfError ? err.message : `page ${index + 1} cannot be decoded`);
    }
    const { raster } = decoded;
    if (raster.format !== 'bilevel') throw new AsSentError(`page ${index + 1} is not black and white, as fax pages are`);
    return toFaxRaster(raster.width, raster.height, raster.data, raster.blackIs1 === true);
  };
  return { pages: doc.pages, linesPerInch: doc.facts(0).geometry.yDpi, page };
}

/** A page is what a fax machine prints, by its directory alone. */
function checkFaxPage(doc: TiffDocument, index: number): void {
  const facts = doc.facts(index);
  const subject = doc.pages > 1 ? `its page ${index + 1}` : 'it';
  if (facts.bitsPerSample !== 1 || facts.samplesPerPixel !== 1 || (facts.photometric !== 0 && facts.photometric !== 1)) {
    throw new AsSentError(`${subject} is not black and white, as fax pages are`);
  }
  if (!FAX_CODINGS.has(facts.compression)) {
    throw new AsSentError(`${subject} is not coded as fax pages are (CCITT Group 3 or 4; its compression is ${facts.compression})`);
  }
  if (facts.width > FAX_WIDTH_PX) throw new AsSentError(`${subject} is ${facts.width} dots wide, more than a fax line's ${FAX_WIDTH_PX}`);
  if (facts.height > MAX_LINES) throw new AsSentError(`${subject} is ${facts.height} lines long, more than a fax page's ${MAX_LINES}`);
}

/** 1-bit rows (padded to bytes) as a FaxRaster: 1 = black, padding bits clear. */
function toFaxRaster(width: number, height: number, data: Uint8Array, blackIs1: boolean): FaxRaster {
  const rowBytes = Math.ceil(width / 8);
  const bits = new Uint8Array(rowBytes * height);
  const tail = width % 8 === 0 ? 0xff : (0xff << (8 - (width % 8))) & 0xff;
  for (let y = 0; y < height; y++) {
    const row = y * rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const v = (data[row + i] ?? 0) as number;
      bits[row + i] = (blackIs1 ? v : ~v) & (i === rowBytes - 1 ? tail : 0xff);
    }
  }
  return { width, height, rowBytes, bits, inkRatio: countInk({ width, height, bits }) };
}
