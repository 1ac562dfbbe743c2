// The one rule for which documents Openfax takes: by content, never by name, in every place
// that offers or checks a file (the drop check, the dialogs, "Open with", the command line).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentPathsFromArgv } from '../../electron/wiring/runtime-paths.ts';
import { isSidecarName } from '../../electron/hotfolder/names.ts';
import { checkDocumentHeader, DOCUMENT_ACCEPT, DOCUMENT_EXTENSIONS, documentKindOf } from '../../shared/document-kinds.ts';
import { imageFixture } from '../fixtures/images/make-images.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const reasonOf = (c: ReturnType<typeof checkDocumentHeader>) => (c.ok ? '' : c.reason);

describe('document kinds', () => {
  it('tells PDF, PNG, JPEG and TIFF (both byte orders) apart by their first bytes', () => {
    expect(documentKindOf(new TextEncoder().encode('%PDF-1.7\n'))).toBe('pdf');
    expect(documentKindOf(imageFixture('scan.png'))).toBe('png');
    expect(documentKindOf(imageFixture('photo.jpg'))).toBe('jpeg');
    expect(documentKindOf(imageFixture('fax-g4-fine-3pages.tif'))).toBe('tiff');
    expect(documentKindOf(new Uint8Array([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]))).toBe('tiff');
    expect(documentKindOf(new TextEncoder().encode('GIF89a'))).toBeUndefined();
  });

  it('names Word and LibreOffice files with what to do, and never calls them "not a PDF"', () => {
    const docx = imageFixture('letter.docx');
    const reason = reasonOf(checkDocumentHeader(docx.subarray(0, 1024), docx.byteLength, docx.subarray(-4096)));
    expect(reason).toMatch(/^This is a Word document \(\.docx\)\..*: open it in Word or LibreOffice and print it to the Openfax printer/);
    expect(reason).toMatch(/document converter that comes with mail merge/);
    expect(reason).not.toMatch(/not a PDF/);
    const odt = imageFixture('letter.odt');
    expect(reasonOf(checkDocumentHeader(odt, odt.byteLength))).toMatch(/^This is a LibreOffice document/);
    const doc = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(reasonOf(checkDocumentHeader(doc, 10))).toMatch(/^This is an older Word or Excel document/);
  });

  it('keeps the shared size rule: empty and over 50 MB read the same as for a PDF', () => {
    expect(reasonOf(checkDocumentHeader(new Uint8Array(), 0))).toMatch(/empty/);
    expect(reasonOf(checkDocumentHeader(imageFixture('scan.png'), 60 * 1024 * 1024))).toMatch(/over Openfax's limit of 50 MB/);
  });

  it('offers the same kinds in the file input, the dialogs and "Open with" (electron-builder.yml)', () => {
    for (const ext of DOCUMENT_EXTENSIONS) expect(DOCUMENT_ACCEPT.split(',')).toContain(`.${ext}`);
    const yml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
    const associated = [...yml.matchAll(/^\s+- ext: \[?([^\]\n]+)\]?$/gm)].flatMap((m) => (m[1] as string).split(',').map((e) => e.trim()));
    expect(associated.sort()).toEqual([...DOCUMENT_EXTENSIONS].sort());
  });

  it('takes document paths from a command line ("Open with", a second launch), by extension', () => {
    expect(documentPathsFromArgv(['--flag', '/a/scan.TIF', '/a/b.pdf', '/a/c.jpeg', '/a/d.docx', 'photo.png'])).toEqual([
      '/a/scan.TIF',
      '/a/b.pdf',
      '/a/c.jpeg',
      'photo.png',
    ]);
  });

  it('reads a routing file beside an image as a sidecar, not as a document', () => {
    expect(isSidecarName('scan.tif.json')).toBe(true);
    expect(isSidecarName('x.pdf.json')).toBe(true);
    expect(isSidecarName('contacts.json')).toBe(false);
  });
});
