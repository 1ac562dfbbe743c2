// Images in the hot folder: a fax TIFF from a scanner or fax software is taken, made into PDF
// pages in the spool (the same reader every entry uses) and lands in Compose with its pages; a
// Word file or a cut-off TIFF goes to Rejected/ with its own words, the file kept as it was.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { proveComplete } from '../../../electron/hotfolder/pdf-complete.ts';
import { inspectPdf } from '../../../electron/pdf/inspect.ts';
import { bilevelTiff, imageFixture } from '../../fixtures/images/make-images.ts';
import { startHandlers } from '../app/handlers-harness.ts';
import { harnessPerTest } from './harness.ts';

const start = harnessPerTest();

describe('hot folder: images', () => {
  it('takes a G4 fax TIFF and hands on a PDF of its pages, made on the paper the settings give', async () => {
    const h = await start({ imagePaper: () => 'a4' });
    await writeFile(join(h.folder, 'scan.tif'), imageFixture('fax-g4-fine-3pages.tif'));
    await h.waitFor(() => h.documents.length === 1, 'the TIFF');
    const [doc] = h.documents;
    expect(doc).toMatchObject({ originalName: 'scan.tif', pages: 3, paperSize: 'a4' });
    const spooled = new Uint8Array(await readFile(doc?.spoolPath as string));
    expect(Buffer.from(spooled.subarray(0, 5)).toString()).toBe('%PDF-');
    const info = await inspectPdf(spooled);
    expect(info.pages).toBe(3);
    expect(info.sha256).toBe(doc?.sha256);
    expect(h.rejected).toEqual([]);
  });

  it('a routing file beside the image is read with it, and may choose the paper', async () => {
    const h = await start({ imagePaper: () => 'letter' });
    await writeFile(join(h.folder, 'scan.tif.json'), JSON.stringify({ recipients: ['212 555 0142'], options: { paperSize: 'legal' } }));
    await writeFile(join(h.folder, 'scan.tif'), imageFixture('fax-g3-standard-3pages.tif'));
    await h.waitFor(() => h.documents.length === 1, 'the TIFF');
    expect(h.documents[0]).toMatchObject({ pages: 3, paperSize: 'legal' });
    expect(h.documents[0]?.sidecarPath).toBeDefined();
  });

  it('sets a Word document aside in Rejected/ with the Word message, the file unchanged', async () => {
    const h = await start();
    const docx = imageFixture('letter.docx');
    await writeFile(join(h.folder, 'letter.docx'), docx);
    await h.waitFor(() => h.rejected.length === 1, 'the Word file');
    expect(h.rejected[0]?.reason.code).toBe('office-document');
    const rejected = join(h.folder, 'Rejected');
    expect(new Uint8Array(await readFile(join(rejected, 'letter.docx')))).toEqual(docx);
    const reason = await readFile(join(rejected, 'letter.docx.reason.txt'), 'utf8');
    expect(reason).toContain('What is wrong: This is a Word document (.docx).');
    expect(reason).toMatch(/What to do: Open it in Word or LibreOffice and print it to the Openfax printer/);
    expect(reason).not.toMatch(/not a PDF/);
    expect(h.documents).toEqual([]);
  });

  it('a TIFF that never became whole is given up on and set aside as cut off, never sent short', async () => {
    const h = await start({ incompleteTimeoutMs: 300 });
    const tiff = imageFixture('fax-g4-fine-3pages.tif');
    const cut = tiff.subarray(0, tiff.byteLength - 500);
    await writeFile(join(h.folder, 'cut.tif'), cut);
    await h.waitFor(() => h.rejected.length === 1, 'the cut-off TIFF');
    expect(h.rejected[0]?.reason.message).toMatch(/^The image is damaged or incomplete.*page 3 of 3.*cut off/);
    expect(new Uint8Array(await readFile(join(h.folder, 'Rejected', 'cut.tif')))).toEqual(cut);
    expect(h.documents).toEqual([]);
  });

  it('a TIFF with pages over the limit is refused from the spool, and put in Rejected/ as it came', async () => {
    const h = await start();
    const tiff = bilevelTiff(10_000, { width: 8, height: 8, xDpi: 204, yDpi: 196 });
    await writeFile(join(h.folder, 'long.tif'), tiff);
    await h.waitFor(() => h.rejected.length === 1, 'the long TIFF');
    expect(h.rejected[0]?.reason).toMatchObject({ code: 'too-many-pages' });
    expect(new Uint8Array(await readFile(join(h.folder, 'Rejected', 'long.tif')))).toEqual(tiff);
  });
});

describe('an image proves it is whole before it is taken', () => {
  const prove = async (name: string, bytes: Uint8Array) => {
    const dir = await mkdtemp(join(tmpdir(), 'openfax-prove-'));
    try {
      await writeFile(join(dir, name), bytes);
      return await proveComplete(join(dir, name));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  it('a TIFF, PNG or JPEG still being written is not complete; the whole file is', async () => {
    for (const name of ['fax-g4-fine-3pages.tif', 'scan.png', 'photo.jpg']) {
      const whole = imageFixture(name);
      expect((await prove(name, whole)).verdict, name).toBe('complete');
      const half = await prove(name, whole.subarray(0, Math.floor(whole.byteLength / 2)));
      expect(half.verdict, name).toBe('incomplete');
      expect(half.verdict === 'incomplete' && half.why, name).toMatch(/cut off|ends|stops/);
    }
  });

  it("bytes a camera adds after a JPEG's end do not make it incomplete", async () => {
    const jpeg = imageFixture('photo.jpg');
    const padded = new Uint8Array(jpeg.byteLength + 10_000);
    padded.set(jpeg);
    expect((await prove('photo.jpg', padded)).verdict).toBe('complete');
  });
});

describe('the app hot folder', () => {
  it('puts a fax TIFF on Compose with its pages', async () => {
    const app = await startHandlers({ dispatched: new Set(), hotFolder: true });
    try {
      await vi.waitFor(async () => expect(await app.value('getHotFolder', undefined)).toMatchObject({ status: 'watching' }));
      await writeFile(join(app.documentsDir, 'Openfax Outbox', 'incoming fax.tif'), imageFixture('fax-g4-fine-3pages.tif'));
      await vi.waitFor(
        async () => {
          const state = await app.value('getCompose', undefined);
          expect(state.draft.documents.map((d) => [d.name, d.pages])).toEqual([['incoming fax.tif', 3]]);
        },
        { timeout: 15_000, interval: 25 },
      );
    } finally {
      await app.close();
    }
  });
});
