// What a file that is not what it should be looks like, from its first bytes, for messages
// ("it looks like a GIF image"). The one table of signatures behind both the PDF check the
// outbox makes and the document check every entry makes. Pure and browser-safe.

const ascii = (bytes: Uint8Array) => String.fromCharCode(...bytes.subarray(0, Math.min(bytes.length, 65536)));

/** A phrase naming the file's kind ("a PNG image"), or undefined when nothing is recognised. */
export function looksLike(head: Uint8Array): string | undefined {
  const starts = (...sig: number[]) => sig.every((x, i) => head[i] === x);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'a PNG image';
  if (starts(0xff, 0xd8, 0xff)) return 'a JPEG image';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'a TIFF image';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'a GIF image';
  if (starts(0x42, 0x4d)) return 'a BMP image';
  if (starts(0x52, 0x49, 0x46, 0x46) && ascii(head.subarray(8, 12)) === 'WEBP') return 'a WebP image';
  if (ascii(head.subarray(4, 12)).startsWith('ftyphei')) return 'a HEIC photo';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'a Word, Excel or ZIP file';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'an old-style Word or Excel file';
  if (starts(0x25, 0x21)) return 'a PostScript file';
  if (starts(0x7b, 0x5c, 0x72, 0x74, 0x66)) return 'an RTF document';
  const start = head.subarray(0, 512);
  if (start.length > 0 && start.every((x) => x === 0x09 || x === 0x0a || x === 0x0d || x >= 0x20)) {
    return /<html|<!doctype/i.test(ascii(start.subarray(0, 200))) ? 'a web page' : 'a text file';
  }
  return undefined;
}
