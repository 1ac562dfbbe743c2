// A TIFF's pages, one at a time: what scanners and fax software write, often several pages and
// fax-encoded (CCITT G3/G4, 1 bit per pixel, 204 × 98 or 204 × 196 dpi). Before any pixel is
// decoded every page is checked from its directory: the chain of pages ends where it should
// (a file cut off loses pages, which utif2 would not notice), each page's size is within the
// limits and its data lies inside the file. Then pages are decoded (utif2) one by one, and each
// page's pixels are let go before the next, so memory holds one page whatever the page count.

import UTIF from 'utif2';
import type { ImageGeometry } from './image-page.ts';
import { checkImageSize, imageDamaged, MAX_IMAGE_PAGES, tooManyPages } from './image-limits.ts';
import { PdfError } from './pdf-errors.ts';
import { type Raster, rasterFromRgba } from './image-raster.ts';

type Ifd = UTIF.IFD;

export interface TiffDocument {
  pages: number;
  /** Page `index` (0-based) decoded; call in any order, one at a time. */
  page(index: number): { raster: Raster; geometry: ImageGeometry };
}

const ORIENTATION: Record<number, ImageGeometry['rotation']> = { 3: 180, 6: 90, 8: 270 };

/** Opens a TIFF and checks every page's directory. Throws PdfError naming the problem. */
export function openTiff(bytes: Uint8Array): TiffDocument {
  const count = countDirectories(bytes);
  if (count > MAX_IMAGE_PAGES) throw tooManyPages(count);
  // utif2 views the ArrayBuffer it is given; an exact one is not copied again for every page.
  const buffer =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
  let ifds: Ifd[];
  try {
    // Its options (not in its types): leave camera maker notes unread.
    ifds = (UTIF.decode as (b: ArrayBuffer, o: object) => Ifd[])(buffer, { parseMN: false, debug: false });
  } catch (error) {
    throw imageDamaged('its page directory cannot be read', error);
  }
  // Reduced-resolution copies (thumbnails) are not pages.
  const full = ifds.filter((ifd) => (num(ifd, 't254') ?? 0) % 2 === 0);
  const pages = full.length > 0 ? full : ifds;
  if (pages.length === 0) throw imageDamaged('it has no pages');
  for (const [i, ifd] of pages.entries()) checkPage(ifd, i, pages.length, bytes.byteLength);
  return {
    pages: pages.length,
    page(index) {
      const ifd = pages[index] as Ifd;
      try {
        // The third argument (all directories) is utif2's, missing from its types: JPEG tables live there.
        (UTIF.decodeImage as (b: ArrayBuffer, i: Ifd, all: Ifd[]) => void)(buffer, ifd, ifds);
      } catch (error) {
        throw imageDamaged(`page ${index + 1} of ${pages.length} cannot be decoded`, error);
      }
      if (!ifd.data) throw imageDamaged(`page ${index + 1} of ${pages.length} cannot be decoded`);
      try {
        return { raster: rasterOf(ifd), geometry: geometryOf(ifd) };
      } finally {
        // The page's pixels are no longer needed once they are in the PDF.
        (ifd as Partial<Ifd>).data = undefined;
      }
    },
  };
}

/** Walks the chain of page directories (classic TIFF) without trusting it: a cut, a loop. */
function countDirectories(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8) throw imageDamaged('the file ends before its first page');
  const le = bytes[0] === 0x49;
  if (view.getUint16(2, le) === 43) {
    throw new PdfError(
      'damaged',
      'This TIFF is a BigTIFF (a format for very large images), which Openfax cannot read.',
      'Save it as an ordinary TIFF or as PDF, then add that file.',
    );
  }
  const seen = new Set<number>();
  let at = view.getUint32(4, le);
  while (at !== 0) {
    const page = seen.size + 1;
    if (seen.has(at)) throw imageDamaged(`its list of pages loops back on itself after page ${page - 1}`);
    if (at + 2 > bytes.byteLength) throw imageDamaged(`the file ends before page ${page}; it may have been cut off`);
    const entries = view.getUint16(at, le);
    const next = at + 2 + entries * 12;
    if (next + 4 > bytes.byteLength) throw imageDamaged(`the file ends inside page ${page}; it may have been cut off`);
    seen.add(at);
    at = view.getUint32(next, le);
  }
  return seen.size;
}

function checkPage(ifd: Ifd, index: number, total: number, fileSize: number): void {
  const where = `Page ${index + 1} of ${total} of the TIFF`;
  const width = num(ifd, 't256') ?? 0;
  const height = num(ifd, 't257') ?? 0;
  checkImageSize(width, height, total === 1 ? 'The image' : where);
  const tiled = ifd.t322 !== undefined;
  const offsets = list(ifd, tiled ? 't324' : 't273');
  const counts = list(ifd, tiled ? 't325' : 't279');
  const compression = num(ifd, 't259') ?? 1;
  if (offsets.length === 0) throw imageDamaged(`${lowerFirst(where)} has no image data`);
  if (counts.length < offsets.length && compression !== 1) throw imageDamaged(`${lowerFirst(where)} does not say how long its data is`);
  offsets.forEach((offset, i) => {
    const length = counts[i] ?? 0;
    if (offset + length > fileSize) throw imageDamaged(`the file ends inside page ${index + 1} of ${total}; it may have been cut off`);
  });
}

/** Black and white stays 1 bit per pixel (fax pages); everything else goes through RGBA. */
function rasterOf(ifd: Ifd): Raster {
  const bps = num(ifd, 't258') ?? 1;
  const spp = num(ifd, 't277') ?? 1;
  const photometric = num(ifd, 't262') ?? 0;
  if (bps === 1 && spp === 1 && (photometric === 0 || photometric === 1)) {
    return { width: ifd.width, height: ifd.height, format: 'bilevel', data: ifd.data, blackIs1: photometric === 0 };
  }
  return rasterFromRgba(UTIF.toRGBA8(ifd), ifd.width, ifd.height);
}

function geometryOf(ifd: Ifd): ImageGeometry {
  const x = rational(ifd, 't282');
  const y = rational(ifd, 't283');
  // ResolutionUnit: 1 none (the pixels' aspect only), 2 inch (the default), 3 centimetre.
  const unit = num(ifd, 't296') ?? 2;
  const perInch = unit === 3 ? 2.54 : 1;
  const geometry: ImageGeometry = { width: ifd.width, height: ifd.height, rotation: ORIENTATION[num(ifd, 't274') ?? 1] };
  if (x && y) Object.assign(geometry, { xDpi: x * perInch, yDpi: y * perInch, physical: unit !== 1 });
  return geometry;
}

function list(ifd: Ifd, tag: string): number[] {
  const v = ifd[tag];
  return Array.isArray(v) ? (v as unknown[]).filter((x): x is number => typeof x === 'number') : [];
}

function num(ifd: Ifd, tag: string): number | undefined {
  return list(ifd, tag)[0];
}

/** utif2 gives a RATIONAL as [numerator, denominator]. */
function rational(ifd: Ifd, tag: string): number | undefined {
  const v = ifd[tag];
  const first = Array.isArray(v) ? (v as unknown[])[0] : undefined;
  const value = Array.isArray(first) ? (first[1] ? first[0] / first[1] : 0) : typeof first === 'number' ? first : 0;
  return value > 0 && Number.isFinite(value) ? value : undefined;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
