// A TIFF's pages, one at a time: what scanners and fax software write, often several pages and
// fax-encoded (CCITT G3/G4, 1 bit per pixel, 204 × 98 or 204 × 196 dpi). Every TIFF the app
// takes (Compose, the hot folder, the image Openfax sent) goes through this one reader, in main,
// so nothing in a file may make it work longer than the file's size allows:
// - the directories are read here, not by utif2, whose reader trusts each field's count (a
//   26-byte file claiming 4 billion values holds main for minutes, then runs it out of memory):
//   the chain of pages must end inside the file without looping, a field has at most
//   MAX_FIELD_VALUES values and lie inside the file, all fields together at most
//   MAX_DIRECTORY_VALUES, and directories that pages point to (EXIF, sub-images) are not read;
// - each page is checked from its directory before any pixel is decoded: its size, its bits per
//   pixel, and that its data lies inside the file (a file cut off loses pages, which utif2
//   would not notice);
// - fax-coded pages are decoded by ccitt-fax.ts (bounded by the page's size), the rest by utif2,
//   with Deflate data checked not to inflate past the page first.
// Pages are decoded one by one and each page's pixels let go before the next, so memory holds
// one page whatever the page count.

import { constants, inflateRawSync } from 'node:zlib';
import UTIF from 'utif2';
import { type CcittBlock, decodeCcitt } from './ccitt-fax.ts';
import type { ImageGeometry } from './image-page.ts';
import { checkImageSize, imageDamaged, MAX_IMAGE_PAGES, tooManyPages } from './image-limits.ts';
import { PdfError } from './pdf-errors.ts';
import { type Raster, rasterFromRgba } from './image-raster.ts';

type Ifd = UTIF.IFD;

/** What a page's directory says, before any pixel is decoded. */
export interface TiffPageFacts {
  width: number;
  height: number;
  bitsPerSample: number;
  samplesPerPixel: number;
  /** TIFF compression: 1 none, 2 CCITT runs, 3 Group 3, 4 Group 4, 5 LZW, 7 JPEG, 8 Deflate… */
  compression: number;
  /** 0 white is zero (fax pages), 1 black is zero, 2 RGB, 3 palette… */
  photometric: number;
  geometry: ImageGeometry;
}

export interface TiffDocument {
  pages: number;
  /** Page `index` (0-based) as its directory describes it; nothing is decoded. */
  facts(index: number): TiffPageFacts;
  /** Page `index` (0-based) decoded; call in any order, one at a time. */
  page(index: number): { raster: Raster; geometry: ImageGeometry };
}

export interface OpenTiffOptions {
  /** Sees the page count once the chain of pages is walked, before any directory is read; throws to refuse. */
  checkPageCount?: (pages: number) => void;
}

const ORIENTATION: Record<number, ImageGeometry['rotation']> = { 3: 180, 6: 90, 8: 270 };
// Bytes per value of each field type (TIFF 6.0 §2; 13 is an IFD offset). Type 6 (SBYTE) is
// not read, as utif2 does not read it.
const TYPE_BYTES = [0, 1, 1, 2, 4, 8, 0, 1, 2, 4, 8, 4, 8, 4];
// The most values a field of a page Openfax takes can need: a 16-bit colour map or transfer
// function (3 × 65,536), the strips or tiles of the largest page (image-limits.ts).
const MAX_FIELD_VALUES = 262_144;
// All fields of all pages together: a fax of 1,000 pages in 500 strips each needs a million.
const MAX_DIRECTORY_VALUES = 2_000_000;
// Text fields (a scanner's name, a date) are read this far.
const MAX_TEXT = 4096;
const FAX_CODINGS = new Set([2, 3, 4]);
const DEFLATE = new Set([8, 32946]);

const count = (n: number) => n.toLocaleString('en-US');

/** Opens a TIFF and checks every page's directory. Throws PdfError naming the problem. */
export function openTiff(bytes: Uint8Array, options: OpenTiffOptions = {}): TiffDocument {
  const chain = walkChain(bytes);
  if (chain.length > MAX_IMAGE_PAGES) throw tooManyPages(chain.length);
  options.checkPageCount?.(chain.length);
  // utif2 views the ArrayBuffer it is given; an exact one is not copied again for every page.
  const buffer =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
  const file = new Uint8Array(buffer);
  const budget = { values: MAX_DIRECTORY_VALUES };
  const ifds = chain.map((at, i) => readDirectory(file, at, i + 1, budget));
  // Reduced-resolution copies (thumbnails) are not pages.
  const full = ifds.filter((ifd) => (num(ifd, 't254') ?? 0) % 2 === 0);
  const pages = full.length > 0 ? full : ifds;
  if (pages.length === 0) throw imageDamaged('it has no pages');
  for (const [i, ifd] of pages.entries()) checkPage(ifd, i, pages.length, file.byteLength);
  return {
    pages: pages.length,
    facts(index) {
      const ifd = pages[index] as Ifd;
      return {
        width: num(ifd, 't256') ?? 0,
        height: num(ifd, 't257') ?? 0,
        bitsPerSample: num(ifd, 't258') ?? 1,
        samplesPerPixel: num(ifd, 't277') ?? 1,
        compression: num(ifd, 't259') ?? 1,
        photometric: num(ifd, 't262') ?? 0,
        geometry: geometryOf(ifd),
      };
    },
    page(index) {
      const ifd = pages[index] as Ifd;
      const where = `page ${index + 1} of ${pages.length}`;
      try {
        if (FAX_CODINGS.has(num(ifd, 't259') ?? 1)) ifd.data = decodeFaxPage(file, ifd);
        else {
          checkInflatedSize(file, ifd, where);
          // The third argument (all directories) is utif2's, missing from its types: JPEG tables live there.
          (UTIF.decodeImage as (b: ArrayBuffer, i: Ifd, all: Ifd[]) => void)(buffer, ifd, ifds);
        }
      } catch (error) {
        if (error instanceof PdfError) throw error;
        throw imageDamaged(`${where} cannot be decoded`, error);
      }
      if (!ifd.data) throw imageDamaged(`${where} cannot be decoded`);
      try {
        return { raster: rasterOf(ifd), geometry: geometryOf(ifd) };
      } finally {
        // The page's pixels are no longer needed once they are in the PDF.
        (ifd as Partial<Ifd>).data = undefined;
      }
    },
  };
}

/** Little- or big-endian reads that give 0 past the end, as utif2's do. */
interface Reader {
  u8: Uint8Array;
  view: DataView;
  le: boolean;
}

function reader(bytes: Uint8Array): Reader {
  return { u8: bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), le: bytes[0] === 0x49 };
}

/** Walks the chain of page directories (classic TIFF) without trusting it: a cut, a loop. */
function walkChain(bytes: Uint8Array): number[] {
  if (bytes.byteLength < 8) throw imageDamaged('the file ends before its first page');
  const { view, le } = reader(bytes);
  if (view.getUint16(2, le) === 43) {
    throw new PdfError(
      'damaged',
      'This TIFF is a BigTIFF (a format for very large images), which Openfax cannot read.',
      'Save it as an ordinary TIFF or as PDF, then add that file.',
    );
  }
  const seen = new Set<number>();
  const chain: number[] = [];
  let at = view.getUint32(4, le);
  while (at !== 0) {
    const page = chain.length + 1;
    if (seen.has(at)) throw imageDamaged(`its list of pages loops back on itself after page ${page - 1}`);
    if (at + 2 > bytes.byteLength) throw imageDamaged(`the file ends before page ${page}; it may have been cut off`);
    const entries = view.getUint16(at, le);
    const next = at + 2 + entries * 12;
    if (next + 4 > bytes.byteLength) throw imageDamaged(`the file ends inside page ${page}; it may have been cut off`);
    seen.add(at);
    chain.push(at);
    at = view.getUint32(next, le);
  }
  return chain;
}

/** One page's directory, as utif2 represents it ("t256": [1728], rationals as [n, d]). */
function readDirectory(file: Uint8Array, at: number, page: number, budget: { values: number }): Ifd {
  const { view, le } = reader(file);
  const size = file.byteLength;
  const ifd: Record<string, unknown> = {};
  const entries = view.getUint16(at, le);
  for (let i = 0; i < entries; i++) {
    const e = at + 2 + i * 12;
    const tag = view.getUint16(e, le);
    const type = view.getUint16(e + 2, le);
    const n = view.getUint32(e + 4, le);
    const bytesPer = TYPE_BYTES[type] ?? 0;
    if (bytesPer === 0 || n === 0) continue;
    const inline = n * bytesPer <= 4;
    const from = inline ? e + 8 : view.getUint32(e + 8, le);
    if (from >= size) continue;
    if (type === 1 || type === 7) {
      // Bytes (a JPEG's tables, an ICC profile) are a view of the file, cut where the file ends.
      ifd[`t${tag}`] = new Uint8Array(file.buffer, file.byteOffset + from, Math.min(n, size - from));
      continue;
    }
    if (type === 2) {
      const length = Math.max(0, Math.min(n - 1, size - from, MAX_TEXT));
      ifd[`t${tag}`] = [String.fromCharCode(...file.subarray(from, from + length))];
      continue;
    }
    if (n > MAX_FIELD_VALUES) {
      throw imageDamaged(`page ${page}'s directory gives one field ${count(n)} values, more than any image needs`);
    }
    // A field whose values run past the end of the file is left out, as a cut-off file's would be.
    if (from + n * bytesPer > size) continue;
    budget.values -= n;
    if (budget.values < 0) {
      throw imageDamaged(`its page directories list more than ${count(MAX_DIRECTORY_VALUES)} values, more than any fax needs`);
    }
    ifd[`t${tag}`] = readValues(view, le, type, from, n);
  }
  return ifd as Ifd;
}

function readValues(view: DataView, le: boolean, type: number, from: number, n: number): unknown[] {
  const out: unknown[] = new Array(n);
  for (let j = 0; j < n; j++) {
    if (type === 3) out[j] = view.getUint16(from + 2 * j, le);
    else if (type === 4 || type === 13) out[j] = view.getUint32(from + 4 * j, le);
    else if (type === 8) out[j] = view.getInt16(from + 2 * j, le);
    else if (type === 9) out[j] = view.getInt32(from + 4 * j, le);
    else if (type === 5) out[j] = [view.getUint32(from + 8 * j, le), view.getUint32(from + 8 * j + 4, le)];
    else if (type === 10) out[j] = [view.getInt32(from + 8 * j, le), view.getInt32(from + 8 * j + 4, le)];
    else if (type === 11) out[j] = view.getFloat32(from + 4 * j, le);
    else out[j] = view.getFloat64(from + 8 * j, le);
  }
  return out;
}

function checkPage(ifd: Ifd, index: number, total: number, fileSize: number): void {
  const where = `Page ${index + 1} of ${total} of the TIFF`;
  const page = lowerFirst(where);
  const width = num(ifd, 't256') ?? 0;
  const height = num(ifd, 't257') ?? 0;
  checkImageSize(width, height, total === 1 ? 'The image' : where);
  const bits = (num(ifd, 't258') ?? 1) * (num(ifd, 't277') ?? 1);
  // 16 bits a sample, four samples and their transparency at most (CMYK, RGBA): what utif2 decodes.
  if (!(bits >= 1 && bits <= 80)) throw imageDamaged(`${page} says it has ${count(bits)} bits a pixel`);
  const tiled = ifd.t322 !== undefined;
  const offsets = list(ifd, tiled ? 't324' : 't273');
  const counts = list(ifd, tiled ? 't325' : 't279');
  const compression = num(ifd, 't259') ?? 1;
  if (offsets.length === 0) throw imageDamaged(`${page} has no image data`);
  if (counts.length < offsets.length && compression !== 1) throw imageDamaged(`${page} does not say how long its data is`);
  if (tiled) {
    const tw = num(ifd, 't322') ?? 0;
    const th = num(ifd, 't323') ?? 0;
    // TIFF tiles are a multiple of 16 pixels across and down.
    if (!(tw > 0 && th > 0 && tw % 16 === 0 && th % 16 === 0) || tw * th > width * height + 256 * 256) {
      throw imageDamaged(`${page} says its tiles are ${count(tw)} × ${count(th)} pixels`);
    }
    if (offsets.length < Math.ceil(width / tw) * Math.ceil(height / th)) throw imageDamaged(`${page} does not say where all its tiles are`);
  }
  offsets.forEach((offset, i) => {
    const length = counts[i] ?? 0;
    if (offset + length > fileSize) throw imageDamaged(`the file ends inside page ${index + 1} of ${total}; it may have been cut off`);
  });
}

/** A fax-coded page (CCITT runs, Group 3, Group 4): 1-bit rows, a 1 bit where the code says black. */
function decodeFaxPage(file: Uint8Array, ifd: Ifd): Uint8Array {
  const width = num(ifd, 't256') as number;
  const height = num(ifd, 't257') as number;
  if ((num(ifd, 't258') ?? 1) !== 1 || (num(ifd, 't277') ?? 1) !== 1) throw imageDamaged('it is fax-coded but not black and white');
  const rowBytes = Math.ceil(width / 8);
  const out = new Uint8Array(rowBytes * height);
  const coding = {
    compression: num(ifd, 't259') as CcittBlock['compression'],
    t4Options: num(ifd, 't292') ?? 0,
    reverseBits: num(ifd, 't266') === 2,
  };
  const tiled = ifd.t322 !== undefined;
  const offsets = list(ifd, tiled ? 't324' : 't273');
  const counts = list(ifd, tiled ? 't325' : 't279');
  const tw = tiled ? (num(ifd, 't322') as number) : width;
  const th = tiled ? (num(ifd, 't323') as number) : Math.min(num(ifd, 't278') ?? height, height) || height;
  const across = Math.ceil(width / tw);
  const blocks = across * Math.ceil(height / th);
  for (let i = 0; i < Math.min(blocks, offsets.length); i++) {
    const x = (i % across) * tw;
    const y = Math.floor(i / across) * th;
    const rows = Math.min(th, height - y);
    const offset = offsets[i] as number;
    const data = file.subarray(offset, offset + (counts[i] ?? 0));
    // A strip is coded as wide as the page; a tile as wide as a tile, its last lines beyond the page dropped.
    const block = decodeCcitt(data, { ...coding, width: tw, height: tiled ? th : rows });
    const blockRow = Math.ceil(tw / 8);
    const copy = Math.min(blockRow, rowBytes - x / 8);
    for (let r = 0; r < rows; r++) out.set(block.subarray(r * blockRow, r * blockRow + copy), (y + r) * rowBytes + x / 8);
  }
  return out;
}

/** Deflate data that would inflate past what its page holds is refused before utif2 inflates it. */
function checkInflatedSize(file: Uint8Array, ifd: Ifd, where: string): void {
  if (!DEFLATE.has(num(ifd, 't259') ?? 1)) return;
  const width = num(ifd, 't256') as number;
  const height = num(ifd, 't257') as number;
  const bits = (num(ifd, 't258') ?? 1) * (num(ifd, 't277') ?? 1);
  const tiled = ifd.t322 !== undefined;
  const tw = tiled ? (num(ifd, 't322') as number) : width;
  const th = tiled ? (num(ifd, 't323') as number) : Math.min(num(ifd, 't278') ?? height, height) || height;
  const most = Math.ceil((tw * bits) / 8) * th + 1024;
  const offsets = list(ifd, tiled ? 't324' : 't273');
  const counts = list(ifd, tiled ? 't325' : 't279');
  offsets.forEach((offset, i) => {
    // utif2 inflates from the third byte (past the zlib header).
    const data = file.subarray(offset + 2, offset + (counts[i] ?? 0));
    try {
      inflateRawSync(data, { maxOutputLength: most, finishFlush: constants.Z_SYNC_FLUSH });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw imageDamaged(`${where} unpacks to more than its ${count(width)} × ${count(height)} pixels`, error);
      }
      // Other damage is utif2's to meet, as before.
    }
  });
}

/** Black and white stays 1 bit per pixel (fax pages); everything else goes through RGBA. */
function rasterOf(ifd: Ifd): Raster {
  const bps = num(ifd, 't258') ?? 1;
  const spp = num(ifd, 't277') ?? 1;
  const photometric = num(ifd, 't262') ?? 0;
  const width = num(ifd, 't256') as number;
  const height = num(ifd, 't257') as number;
  if (bps === 1 && spp === 1 && (photometric === 0 || photometric === 1)) {
    return { width, height, format: 'bilevel', data: ifd.data, blackIs1: photometric === 0 };
  }
  return rasterFromRgba(UTIF.toRGBA8(ifd), ifd.width, ifd.height);
}

function geometryOf(ifd: Ifd): ImageGeometry {
  const width = num(ifd, 't256') as number;
  const height = num(ifd, 't257') as number;
  const x = rational(ifd, 't282');
  const y = rational(ifd, 't283');
  // ResolutionUnit: 1 none (the pixels' aspect only), 2 inch (the default), 3 centimetre.
  const unit = num(ifd, 't296') ?? 2;
  const perInch = unit === 3 ? 2.54 : 1;
  const geometry: ImageGeometry = { width, height, rotation: ORIENTATION[num(ifd, 't274') ?? 1] };
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

/** A RATIONAL is [numerator, denominator]. */
function rational(ifd: Ifd, tag: string): number | undefined {
  const v = ifd[tag];
  const first = Array.isArray(v) ? (v as unknown[])[0] : undefined;
  const value = Array.isArray(first) ? (first[1] ? first[0] / first[1] : 0) : typeof first === 'number' ? first : 0;
  return value > 0 && Number.isFinite(value) ? value : undefined;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
