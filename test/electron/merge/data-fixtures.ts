// Data files for the merge's data tests, made in the test: Windows-1252 bytes, workbooks
// written with exceljs, and OLE compound files shaped the way Excel writes them.

import ExcelJS from 'exceljs';

/** Text as Windows-1252 bytes (the Latin-1 range plus €, the one outside it we need). */
export function windows1252(text: string): Uint8Array {
  return Uint8Array.from(Array.from(text), (ch) => {
    if (ch === '€') return 0x80;
    const code = ch.charCodeAt(0);
    if (code > 0xff) throw new Error(`${ch} is not in this test's Windows-1252 table`);
    return code;
  });
}

export const utf8 = (text: string) => new TextEncoder().encode(text);

export async function xlsxBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * A compound file (MS-CFB version 3, 512-byte sectors) holding the named streams of 4,096 bytes
 * each (at the mini-stream cutoff, so each lies in ordinary sectors): Excel's password-protected
 * .xlsx holds "EncryptionInfo" and "EncryptedPackage", an old .xls a "Workbook" stream.
 */
export function compoundFile(streams: readonly string[]): Uint8Array {
  const SECTOR = 512;
  const STREAM = 4096;
  const perStream = STREAM / SECTOR;
  const sectors = 2 + streams.length * perStream;
  const out = new Uint8Array(SECTOR * (1 + sectors));
  const view = new DataView(out.buffer);
  const FREE = 0xffffffff;
  const END = 0xfffffffe;
  const FATSECT = 0xfffffffd;
  // Header.
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  view.setUint16(0x18, 0x003e, true);
  view.setUint16(0x1a, 0x0003, true);
  view.setUint16(0x1c, 0xfffe, true);
  view.setUint16(0x1e, 9, true);
  view.setUint16(0x20, 6, true);
  view.setUint32(0x2c, 1, true); // FAT sectors
  view.setUint32(0x30, 1, true); // first directory sector
  view.setUint32(0x38, STREAM, true); // mini stream cutoff
  view.setUint32(0x3c, END, true); // no mini FAT
  view.setUint32(0x44, END, true); // no DIFAT sectors
  view.setUint32(0x4c, 0, true); // DIFAT[0]: the FAT is sector 0
  for (let i = 1; i < 109; i++) view.setUint32(0x4c + i * 4, FREE, true);
  const sectorAt = (n: number) => SECTOR * (1 + n);
  // FAT: sector 0 is the FAT, 1 the directory, then each stream's chain.
  const fat = sectorAt(0);
  for (let i = 0; i < SECTOR / 4; i++) view.setUint32(fat + i * 4, FREE, true);
  view.setUint32(fat, FATSECT, true);
  view.setUint32(fat + 4, END, true);
  streams.forEach((_, s) => {
    const first = 2 + s * perStream;
    for (let k = 0; k < perStream; k++) view.setUint32(fat + (first + k) * 4, k === perStream - 1 ? END : first + k + 1, true);
  });
  // Directory: the root, then the streams as a chain of right siblings.
  const entry = (i: number, name: string, type: number, start: number, size: number, child: number, right: number) => {
    const at = sectorAt(1) + i * 128;
    const chars = Array.from(name);
    chars.forEach((ch, k) => {
      view.setUint16(at + k * 2, ch.charCodeAt(0), true);
    });
    view.setUint16(at + 64, (chars.length + 1) * 2, true);
    out[at + 66] = type;
    out[at + 67] = 1; // black
    view.setUint32(at + 68, FREE, true);
    view.setUint32(at + 72, right, true);
    view.setUint32(at + 76, child, true);
    view.setUint32(at + 116, start, true);
    view.setUint32(at + 120, size, true);
  };
  entry(0, 'Root Entry', 5, END, 0, streams.length ? 1 : FREE, FREE);
  streams.forEach((name, s) => {
    entry(1 + s, name, 2, 2 + s * perStream, STREAM, FREE, s + 1 < streams.length ? 2 + s : FREE);
  });
  for (let s = 0; s < streams.length; s++) out.fill(0x5a, sectorAt(2 + s * perStream), sectorAt(2 + (s + 1) * perStream));
  return out;
}
