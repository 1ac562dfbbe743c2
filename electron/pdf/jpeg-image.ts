// A JPEG as one fax page. Its markers are read for the size (SOF), the resolution (JFIF) and the
// turn a camera asks for (EXIF orientation); its end must be there (EOI after the image data),
// or the file was cut off. The compressed data goes into the PDF unchanged (pdf-lib), so a
// photo is neither decoded nor made worse.

import type { ImageGeometry } from './image-page.ts';
import { imageDamaged } from './image-limits.ts';

const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
const ORIENTATION: Record<number, ImageGeometry['rotation']> = { 3: 180, 6: 90, 8: 270 };

/** The header facts. Throws PdfError for a file that is cut off or not a JPEG inside. */
export function readJpegHeader(bytes: Uint8Array): ImageGeometry {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const geometry: Partial<ImageGeometry> = {};
  let at = 2;
  for (;;) {
    while (at < bytes.length && bytes[at] === 0xff && bytes[at + 1] === 0xff) at++;
    if (at + 4 > bytes.length) throw imageDamaged('the file ends before the image does; it may have been cut off');
    if (bytes[at] !== 0xff) throw imageDamaged('its structure is broken');
    const marker = bytes[at + 1] as number;
    const length = view.getUint16(at + 2);
    if (at + 2 + length > bytes.length) throw imageDamaged('the file ends inside its header; it may have been cut off');
    const data = at + 4;
    if (SOF.has(marker)) {
      geometry.height = view.getUint16(data + 1);
      geometry.width = view.getUint16(data + 3);
    } else if (marker === 0xe0 && String.fromCharCode(...bytes.subarray(data, data + 5)) === 'JFIF\0' && length >= 16) {
      const unit = bytes[data + 7];
      const x = view.getUint16(data + 8);
      const y = view.getUint16(data + 10);
      // Unit 1: per inch, 2: per centimetre, 0: the pixels' aspect only.
      const perInch = unit === 2 ? 2.54 : 1;
      if (x > 0 && y > 0) Object.assign(geometry, { xDpi: x * perInch, yDpi: y * perInch, physical: unit === 1 || unit === 2 });
    } else if (marker === 0xe1 && String.fromCharCode(...bytes.subarray(data, data + 6)) === 'Exif\0\0') {
      geometry.rotation = exifOrientation(bytes.subarray(data + 6, at + 2 + length));
    } else if (marker === 0xda) {
      if (geometry.width === undefined || geometry.height === undefined) throw imageDamaged('it has no image size before its data');
      // The entropy-coded data never holds FF D9 (an FF there is always followed by 00 or a restart).
      if (!hasEnd(bytes, data))
        throw imageDamaged('the file ends before the image does; it may have been cut off while it was copied or saved');
      return geometry as ImageGeometry;
    }
    at += 2 + length;
  }
}

function hasEnd(bytes: Uint8Array, from: number): boolean {
  for (let i = bytes.length - 2; i >= from; i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  return false;
}

/** The orientation tag of EXIF's first directory, as a clockwise turn (mirrored ones are shown as stored). */
function exifOrientation(tiff: Uint8Array): ImageGeometry['rotation'] {
  if (tiff.length < 8) return undefined;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const le = tiff[0] === 0x49;
  const ifd = view.getUint32(4, le);
  if (ifd + 2 > tiff.length) return undefined;
  const count = view.getUint16(ifd, le);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (view.getUint16(entry, le) === 0x0112) return ORIENTATION[view.getUint16(entry + 8, le)];
  }
  return undefined;
}
