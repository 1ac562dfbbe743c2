// What an image may be before it is made into fax pages, checked from its header before any
// pixel is decoded (a 20,000 × 20,000 PNG would need 1.6 GB to decode), and the wording of
// every image problem. The limits cover a Legal page scanned at 600 dpi (5,100 × 8,400 pixels,
// 43 megapixels), far finer than a fax prints (about 200 dpi).

import { PdfError } from './pdf-errors.ts';

const MAX_IMAGE_PIXELS = 50_000_000;
const MAX_IMAGE_SIDE = 12_000;
// The vendor's page limits a fax to a 50 MB PDF and reports PageCount in four digits; nothing
// else. A long TIFF is therefore taken page by page (memory stays one page), up to that.
export const MAX_IMAGE_PAGES = 9999;

const n = (x: number) => x.toLocaleString('en-US');

/** `where` names the image for the message: "The image", "Page 3 of the TIFF". */
export function checkImageSize(width: number, height: number, where = 'The image'): void {
  if (!(width > 0 && height > 0)) {
    throw new PdfError(
      'damaged',
      `${where} has no pixels (its header says ${n(width)} × ${n(height)}), so there is nothing to fax.`,
      'Save or scan the picture again, then add the new file.',
    );
  }
  if (width * height > MAX_IMAGE_PIXELS || width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    const mp = Math.round((width * height) / 1e6);
    throw new PdfError(
      'image-too-large',
      `${where} is ${n(width)} × ${n(height)} pixels (${n(mp)} megapixels), larger than Openfax takes: at most ` +
        `${MAX_IMAGE_PIXELS / 1e6} megapixels and ${n(MAX_IMAGE_SIDE)} pixels on a side (a Legal page scanned at 600 dpi is 5,100 × 8,400).`,
      'Scan it again at 300 dpi (finer than a fax prints) or make the picture smaller, then add it again.',
    );
  }
}

export function imageDamaged(detail: string, cause?: unknown): PdfError {
  return new PdfError(
    'damaged',
    `The image is damaged or incomplete and cannot be read (${detail}).`,
    'Open it in an image viewer to check it, then save or scan it again and add the new file.',
    cause,
  );
}

export function tooManyPages(pages: number): PdfError {
  return new PdfError(
    'too-many-pages',
    `The TIFF has ${n(pages)} pages, more than one fax can carry (Openfax counts at most ${n(MAX_IMAGE_PAGES)} pages).`,
    'Split it into several files and send them as separate faxes.',
  );
}
