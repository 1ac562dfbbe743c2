// Fax rendering through the PDF check's child: pages come back at the paper's fax size with the
// ink where the page has it, drawn by pdf.js in a worker thread or a utility process under the
// same caps as a check; a document the child cannot draw is refused in words, and the child
// (or its replacement) draws the next one.

import { afterAll, describe, expect, it } from 'vitest';
import { FAX_WIDTH_PX, countInkInRows } from '../../../shared/fax-raster.ts';
import { PdfError } from '../../../electron/pdf/pdf-errors.ts';
import { createThreadInspector } from '../../../electron/pdf/thread-inspector.ts';
import { createUtilityInspector } from '../../../electron/pdf/utility-inspector.ts';
import { A4, LEGAL, LETTER, makePdf, qpdfEncrypt } from '../../fixtures/pdf/make-pdf.ts';
import { app, utilityProcess } from '../../fakes/electron.ts';
import { slowPdf, slowToDrawPdf } from './hostile-pdfs.ts';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const thread = createThreadInspector({ timeoutMs: 1500, memoryMb: 256 });
const utility = createUtilityInspector(
  {
    fork: (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
    memoryOf: (pid) => {
      const metric = app.getAppMetrics().find((m) => m.pid === pid);
      return metric ? metric.memory.workingSetSize * 1024 : undefined;
    },
  },
  { timeoutMs: 10_000, memoryMb: 512 },
);
afterAll(async () => {
  await thread.dispose();
  await utility.dispose();
});

async function refusal(p: Promise<unknown>): Promise<PdfError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PdfError);
  return error as PdfError;
}

// Text near the top of a page: 60 pt down, in 12 pt Helvetica (make-pdf.ts).
const BLACK_BAR = 'IIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIII';

describe('PdfInspector.renderFax on a worker thread', () => {
  it('draws each page 1728 dots wide and as many lines as the paper has at the resolution, ink where the text is', async () => {
    const pdf = await makePdf({ pages: [BLACK_BAR, '', BLACK_BAR], size: LETTER });
    const standard = await thread.renderFax(pdf, { paper: 'letter', resolution: 'standard' });
    expect(standard.map((r) => [r.width, r.height])).toEqual([
      [FAX_WIDTH_PX, 1078],
      [FAX_WIDTH_PX, 1078],
      [FAX_WIDTH_PX, 1078],
    ]);
    const [first, blank] = standard;
    // The text line sits about 50–62 pt from the top: lines 68–85 at 98 lpi.
    expect(countInkInRows(first, 60, 90)).toBeGreaterThan(0.01);
    expect(countInkInRows(first, 200, 1078)).toBe(0);
    expect(first.inkRatio).toBeGreaterThan(0);
    expect(blank.inkRatio).toBe(0);

    const fine = await thread.renderFax(pdf, { paper: 'a4', resolution: 'fine', pages: [3] });
    expect(fine.map((r) => [r.width, r.height, r.rowBytes, r.bits.byteLength])).toEqual([[FAX_WIDTH_PX, 2292, 216, 216 * 2292]]);
    const legal = await thread.renderFax(await makePdf({ size: LEGAL }), { paper: 'legal', resolution: 'fine' });
    expect(legal[0]?.height).toBe(2744);
  });

  it('renders a long document in batches, in page order', async () => {
    const pages = Array.from({ length: 19 }, (_, i) => 'I'.repeat(i + 1));
    const rasters = await thread.renderFax(await makePdf({ pages, size: A4 }), { paper: 'a4', resolution: 'standard' });
    expect(rasters).toHaveLength(19);
    const inks = rasters.map((r) => r.inkRatio);
    // Each page carries one more bar than the one before it.
    for (let i = 1; i < inks.length; i++) expect(inks[i]).toBeGreaterThan(inks[i - 1] as number);
    const picked = await thread.renderFax(await makePdf({ pages, size: A4 }), { paper: 'a4', resolution: 'standard', pages: [12, 2] });
    expect(picked.map((r) => r.inkRatio)).toEqual([inks[11], inks[1]]);
  });

  it('says which page the document does not have', async () => {
    await expect(
      thread.renderFax(await makePdf({ pages: ['a', 'b'] }), { paper: 'letter', resolution: 'fine', pages: [3] }),
    ).rejects.toThrow(new RangeError('Page 3 was asked for, but the PDF has 2 pages.'));
    await expect(thread.renderFax(await makePdf(), { paper: 'letter', resolution: 'fine', pages: [0] })).rejects.toThrow(RangeError);
  });

  it('refuses garbage, damage, a password and a document that takes too long, and draws the next one', async () => {
    const options = { paper: 'letter', resolution: 'standard' } as const;
    expect((await refusal(thread.renderFax(new TextEncoder().encode('not a PDF at all'), options))).code).toBe('not-pdf');
    const whole = await makePdf({ pages: ['a', 'b'] });
    expect((await refusal(thread.renderFax(whole.slice(0, whole.byteLength / 3), options))).code).toBe('damaged');
    const dir = await mkdtemp(join(tmpdir(), 'render-fax-'));
    try {
      await writeFile(join(dir, 'plain.pdf'), whole);
      await qpdfEncrypt(join(dir, 'plain.pdf'), join(dir, 'locked.pdf'), 'secret');
      expect((await refusal(thread.renderFax(await readFile(join(dir, 'locked.pdf')), options))).code).toBe('encrypted');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // Its first pages come quickly, and it has too many to draw them all.
    expect(await refusal(thread.renderFax(slowPdf(), options))).toMatchObject({
      code: 'too-many-pages',
      message: 'The PDF has 4000 pages; a fax image is drawn for at most 500.',
    });
    const slow = await refusal(thread.renderFax(slowToDrawPdf(), options));
    expect(slow).toMatchObject({ code: 'too-complex', message: expect.stringMatching(/took longer than 1.5 s/) });
    expect((await thread.renderFax(await makePdf({ pages: [BLACK_BAR] }), options))[0]?.inkRatio).toBeGreaterThan(0);
  });
});

describe('PdfInspector.renderFax on a utility process', () => {
  it('draws the page in the child process, as the worker thread does', async () => {
    const pdf = await makePdf({ pages: [BLACK_BAR, 'x'] });
    const there = await utility.renderFax(pdf, { paper: 'letter', resolution: 'fine', pages: [1] });
    const here = await thread.renderFax(pdf, { paper: 'letter', resolution: 'fine', pages: [1] });
    expect(utilityProcess.forked.at(-1)?.pid).not.toBe(process.pid);
    expect(there).toHaveLength(1);
    expect(Buffer.from(there[0]?.bits as Uint8Array).equals(Buffer.from(here[0]?.bits as Uint8Array))).toBe(true);
    expect(there[0]?.inkRatio).toBeGreaterThan(0);
  });
});
