// The sandbox's fax image: every accepted PDF is drawn as the recipient's machine prints it and
// served as a multi-page CCITT G4 TIFF from the sandbox's loopback server, under a name nobody
// can guess, which the report row carries as FaxDocURL. Judged by what is served: its hash is
// the sandbox's record, its pages read back by two TIFF readers (utif2 and libvips) and equal to
// the fax view drawn from the same PDF.

import { createHash } from 'node:crypto';
import sharp from 'sharp';
import UTIF from 'utif2';
import { afterEach, describe, expect, it } from 'vitest';
import { renderFaxPage } from '../../../electron/pdf/fax-render.ts';
import { openPdfDocument } from '../../../electron/pdf/pdfjs-loader.ts';
import { assembleG4Tiff, encodeG4Page } from '../../../electron/sandbox/g4-tiff.ts';
import type { Sandbox } from '../../../electron/sandbox/index.ts';
import type { PaperSize } from '../../../shared/domain.ts';
import { blankRaster } from '../../../shared/fax-raster.ts';
import { A4, makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { detailRows, sandbox, submit, submitFields } from './helpers.ts';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const IMAGE_URL = /^http:\/\/127\.0\.0\.1:\d+\/fax-images\/[0-9a-f]{32}\.tif$/;

/** A TIFF RATIONAL as a number, to the hundredth. */
function dpi(rational: number[] | undefined): number | undefined {
  return rational && Math.round(((rational[0] as number) / (rational[1] as number)) * 100) / 100;
}

/** Every page of a TIFF as utif2 reads it: its tags and its 1-bit rows. */
function tiffPages(bytes: Uint8Array) {
  const buffer = bytes.slice().buffer;
  return UTIF.decode(buffer).map((ifd) => {
    UTIF.decodeImage(buffer, ifd);
    return {
      width: ifd.width,
      height: ifd.height,
      compression: (ifd.t259 as number[])[0],
      photometric: (ifd.t262 as number[])[0],
      yDpi: (ifd.t283 as unknown as number[][])[0]?.[0],
      xDpi: dpi((ifd.t282 as unknown as number[][])[0]),
      bits: new Uint8Array(ifd.data),
    };
  });
}

describe('the sandbox draws and serves the fax image', () => {
  it('serves a G4 TIFF of every page at the fax resolution and paper, equal to the fax view', async () => {
    sb = await sandbox();
    const pdf = await makePdf({ pages: ['Invoice 42\nIIIIIIIIIIIIIIIIIIII', 'Terms'], size: A4 });
    const answer = await submit(sb, submitFields(pdf, { paperSize: '2', faxResolution: '1' }));
    expect(answer.Response).toBe('Success');
    await sb.settle();
    const [row] = await detailRows(sb);
    const url = String(row?.FaxDocURL);
    expect(url).toMatch(IMAGE_URL);

    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/tiff');
    const tiff = new Uint8Array(await res.arrayBuffer());
    const [fax] = sb.faxes();
    expect(fax?.image).toMatchObject({ url, pages: 2, bytes: tiff.byteLength });
    expect(createHash('sha256').update(tiff).digest('hex')).toBe(fax?.image?.sha256);

    const pages = tiffPages(tiff);
    // A4 at 196 lines an inch: 841.89 pt is 2292 lines; 1728 dots over 210 mm is 209 an inch.
    expect(
      pages.map(({ width, height, compression, photometric, xDpi, yDpi }) => ({ width, height, compression, photometric, xDpi, yDpi })),
    ).toEqual([
      { width: 1728, height: 2292, compression: 4, photometric: 0, xDpi: 209, yDpi: 196 },
      { width: 1728, height: 2292, compression: 4, photometric: 0, xDpi: 209, yDpi: 196 },
    ]);
    // libvips (libtiff) reads the same file as two pages of that size.
    expect(await sharp(tiff, { pages: -1 }).metadata()).toMatchObject({ pages: 2, width: 1728, pageHeight: 2292 });

    // The sandbox's pixels are our fax view's, the header band left at the top.
    const doc = await openPdfDocument(pdf.slice());
    try {
      for (const [i, page] of pages.entries()) {
        const ours = await renderFaxPage(doc, i + 1, { paper: 'a4', resolution: 'fine', header: true });
        expect(Buffer.from(page.bits).equals(Buffer.from(ours.bits)), `page ${i + 1}`).toBe(true);
        expect(ours.inkRatio).toBeGreaterThan(0);
      }
    } finally {
      await doc.destroy();
    }
  });

  it('gives each fax its own name, draws one document once, and serves nothing under a name it did not give', async () => {
    sb = await sandbox();
    const pdf = await makePdf({ pages: ['Same'] });
    await submit(sb, submitFields(pdf));
    await submit(sb, submitFields(pdf, { FaxNumber: '12025550188' }));
    await sb.settle();
    const [a, b] = sb.faxes();
    expect(a?.image?.url).toMatch(IMAGE_URL);
    expect(b?.image?.url).toMatch(IMAGE_URL);
    expect(a?.image?.url).not.toBe(b?.image?.url);
    expect(a?.image?.sha256).toBe(b?.image?.sha256);
    const other = `${sb.url}/fax-images/${'0'.repeat(32)}.tif`;
    expect((await fetch(other)).status).toBe(404);
    expect((await fetch(`${sb.url}/fax-images/../openfax-sandbox.sqlite`)).status).toBe(404);
    expect((await fetch(String(a?.image?.url), { method: 'POST' })).status).toBe(404);
  });

  it('leaves FaxDocURL empty for a fax whose document conversion fails', async () => {
    sb = await sandbox();
    await submit(sb, submitFields(await makePdf(), { FaxNumber: '12025550106' }));
    await sb.settle();
    const rows = await detailRows(sb);
    expect(rows.map((r) => [r.CurrentState, r.FaxDocURL])).toEqual([[10, '']]);
    expect(sb.faxes()[0]?.image).toBeUndefined();
  });
});

describe('the fax image file', () => {
  it('says 1728 dots across the paper: about 203 an inch on Letter and Legal, 209 on A4', async () => {
    const page = await encodeG4Page(blankRaster(1728, 1078));
    const across = (paper: PaperSize) => tiffPages(assembleG4Tiff([page], { paper, resolution: 'standard' }))[0]?.xDpi;
    expect([across('letter'), across('legal'), across('a4')]).toEqual([203.29, 203.29, 209]);
  });
});
