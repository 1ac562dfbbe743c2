// The ink facts the PDF check measures for Compose's warnings, on real PDFs: pdf-lib's for
// exact control, Chromium's print to PDF as a real producer (one printed here, one committed).
// Light text is judged against what it is drawn on, and only a real run of text counts. The
// same facts come out of the worker-thread child as out of this process, the check's answer is
// refused when its facts do not fit, and a document is never refused because its facts could
// not all be measured. Every measure here has limits of its own, far past what it needs, so a
// loaded machine slows these tests without cutting the facts short.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readInkFacts } from '../../../electron/pdf/ink-facts.ts';
import { inspectPdf } from '../../../electron/pdf/inspect.ts';
import { parseChildMessage } from '../../../electron/pdf/inspector-replies.ts';
import type { PdfInspector } from '../../../electron/pdf/pdf-inspector.ts';
import { openPdfDocument } from '../../../electron/pdf/pdfjs-loader.ts';
import { createThreadInspector } from '../../../electron/pdf/thread-inspector.ts';
import type { InkLimits } from '../../../electron/pdf/pdf-info.ts';
import { inkWarnings, type PageInk } from '../../../shared/ink-warnings.ts';
import { inkLookalikesPdf, inkTroublePdf, paleTextPdf } from '../../fixtures/pdf/ink-pdfs.ts';
import { chromiumPdf, makePdf } from '../../fixtures/pdf/make-pdf.ts';

// Records the size of every canvas the facts ask for, still drawing with the real one.
const canvases = vi.hoisted(() => [] as Array<[number, number]>);
vi.mock('@napi-rs/canvas', async (importOriginal) => {
  const real = await importOriginal<typeof import('@napi-rs/canvas')>();
  return {
    ...real,
    createCanvas: (width: number, height: number) => {
      canvases.push([width, height]);
      return real.createCanvas(width, height);
    },
  };
});

/** Far past what any document here needs, so that load slows the tests and cuts nothing short. */
const NO_RUSH: InkLimits = { maxPages: 60, budgetMs: 120_000 };
const SLOW_TEST = 180_000;

let dir: string;
let inspector: PdfInspector;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ink-facts-'));
  inspector = createThreadInspector({ timeoutMs: 150_000 });
});
afterAll(async () => {
  await inspector.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** The warnings of one document, faxed alone at standard resolution on Letter, as "page kind". */
function warningsOf(info: { pages: number; ink?: PageInk[] }): string[] {
  return inkWarnings([{ pages: info.pages, ink: info.ink }], { resolution: 'standard', paper: 'letter' }).map((w) => `${w.page} ${w.kind}`);
}

describe('ink facts', { timeout: SLOW_TEST }, () => {
  it('finds the light grey text, the 5 pt text and the page 40% black, and nothing on a plain page', async () => {
    const info = await inspectPdf(await inkTroublePdf(), { inkFacts: NO_RUSH });
    const [plain, light, small, dark] = info.ink ?? [];
    expect(info.ink).toHaveLength(4);
    expect(plain).toMatchObject({ widthPt: 612, heightPt: 792, smallTextPt: 12, lightTextInk: 1 });
    expect(plain?.black).toBeLessThan(0.05);
    // rgb(0.8, 0.8, 0.8) is 20% black.
    expect(light?.lightTextInk).toBeCloseTo(0.2, 2);
    expect(light?.smallTextPt).toBe(11);
    expect(small?.smallTextPt).toBe(5);
    expect(small?.lightTextInk).toBe(1);
    expect(dark?.black).toBeGreaterThan(0.39);
    expect(dark?.black).toBeLessThan(0.45);
    expect(warningsOf(info)).toEqual(['2 light-text', '3 small-text', '4 heavy-page']);
  });

  it('leaves out light text on dark cells, white on white, footnote marks and an invisible OCR layer; sees through opacity and a scaled form', async () => {
    const info = await inspectPdf(await inkLookalikesPdf(), { inkFacts: NO_RUSH });
    const [cell, ocr, scaled] = info.ink ?? [];
    // White, #F2F2F2 and yellow lines in dark cells, white words on white, five 5 pt marks: all left out.
    expect(cell).toMatchObject({ smallTextPt: 12, lightTextInk: 1 });
    expect(ocr).toMatchObject({ smallTextPt: 12, lightTextInk: 1 });
    expect(scaled?.smallTextPt).toBe(6);
    expect(scaled?.lightTextInk).toBeCloseTo(0.3, 2);
    expect(warningsOf(info)).toEqual(['3 light-text', '3 small-text']);
  });

  it('finds pale text on paper and on light fills, and not a few pale or tiny characters', async () => {
    const info = await inspectPdf(await paleTextPdf(), { inkFacts: NO_RUSH });
    const [yellow, form, shaded, short] = info.ink ?? [];
    // Yellow is 11% black; #999 is 40%; white in a #CCC cell stays white.
    expect(yellow?.lightTextInk).toBeCloseTo(0.114, 2);
    expect(form?.lightTextInk).toBeCloseTo(0.4, 2);
    expect(shaded?.lightTextInk).toBe(0);
    // "Page 4 of 4" in pale grey and "Ref. 2026-114" in 5 pt are each fewer than RUN_CHARS characters.
    expect(short).toMatchObject({ smallTextPt: 12, lightTextInk: 1 });
    expect(warningsOf(info)).toEqual(['1 light-text', '2 light-text', '3 light-text']);
  });

  it('judges a Chromium print (committed) the same way: dark cells and footnote marks pass, pale and small print warn', async () => {
    const bytes = new Uint8Array(await readFile(join(import.meta.dirname, '../../fixtures/pdf/ink-backdrops.pdf')));
    const info = await inspector.inspect(bytes, { inkFacts: NO_RUSH });
    expect(info.pages).toBe(5);
    const [office, pale, yellow, form, small] = info.ink ?? [];
    // Page 1: Word's blue, black, dark grey and dark blue rows with white, #F2F2F2 and yellow
    // text, white on #888, and five 5 pt footnote marks in 11 pt text: nothing to warn about.
    expect(office).toMatchObject({ smallTextPt: 10, lightTextInk: 1 });
    expect(pale?.lightTextInk).toBeCloseTo(1 - 0xbb / 255, 2);
    expect(yellow?.lightTextInk).toBeCloseTo(0.114, 2);
    expect(form?.lightTextInk).toBeCloseTo(1 - 0x99 / 255, 2);
    // Chromium sets 5 pt as 4.99; the pale "p. 5" beside it is too short to count.
    expect(small?.smallTextPt).toBeCloseTo(5, 1);
    expect(small?.lightTextInk).toBe(1);
    expect(warningsOf(info)).toEqual(['2 light-text', '3 light-text', '4 light-text', '5 small-text']);
  });

  it('reads text a real producer wrote: Chromium, with its own fonts and colours', async () => {
    const path = join(dir, 'chromium.pdf');
    await chromiumPdf(
      path,
      [
        '<p>Ordinary body text in black, the way a letter is written.</p>',
        '<p style="color:#bbbbbb">A note in light grey that a fax prints dotted.</p>',
        '<p style="break-before:page;font-size:6.6px">Small print at five points, as in a contract.</p>',
        '<div style="break-before:page;height:5in;background:#000"></div>',
      ].join(''),
    );
    const info = await inspector.inspect(path, { inkFacts: NO_RUSH });
    expect(info.pages).toBe(3);
    const [first, second, third] = info.ink ?? [];
    // #bbbbbb is 73% white.
    expect(first?.lightTextInk).toBeCloseTo(1 - 0xbb / 255, 2);
    // 6.6 CSS px are 4.95 pt.
    expect(second?.smallTextPt).toBeCloseTo(4.95, 1);
    // 5 in of 11 in, across the 6.5 in between the margins of 8.5 in.
    expect(third?.black).toBeCloseTo((5 / 11) * (6.5 / 8.5), 1);
  });

  it('comes out of the worker-thread child exactly as out of this process', async () => {
    for (const bytes of [await inkTroublePdf(), await inkLookalikesPdf(), await paleTextPdf()]) {
      const here = await inspectPdf(bytes, { inkFacts: NO_RUSH });
      const there = await inspector.inspect(bytes, { inkFacts: NO_RUSH });
      expect(there.ink).toEqual(here.ink);
    }
  });

  it('is measured only when asked, so the hot folder does not pay for it', async () => {
    const bytes = await inkTroublePdf();
    expect((await inspectPdf(bytes)).ink).toBeUndefined();
    expect((await inspector.inspect(bytes, { textMaxPages: 2 })).ink).toBeUndefined();
  });

  it('stops at its page and time budget, keeping the pages it measured', async () => {
    const bytes = await makePdf({ pages: Array.from({ length: 6 }, (_, i) => `Page ${i + 1} of a statement`) });
    const sizes = Array.from({ length: 6 }, () => ({ width: 612, height: 792 }));
    const doc = await openPdfDocument(bytes);
    try {
      expect(await readInkFacts(doc, sizes, { maxPages: 2, budgetMs: NO_RUSH.budgetMs })).toHaveLength(2);
      expect(await readInkFacts(doc, sizes, { maxPages: 60, budgetMs: 0 })).toEqual([]);
      // The first pages are looked at whatever the clock says: a short fax is checked whole on a busy machine.
      expect(await readInkFacts(doc, sizes, { maxPages: 60, budgetMs: 0, surePages: 2 })).toHaveLength(2);
    } finally {
      await doc.destroy();
    }
  });

  it('draws a till roll small instead of as a canvas of gigabytes, and still measures its black', async () => {
    const doc = await PDFDocument.create();
    // 3 × 14 400 pt: drawn 432 px across it would be 432 × 2 073 600 px, nearly 4 GB.
    const roll = doc.addPage([3, 14_400]);
    roll.drawRectangle({ x: 0, y: 0, width: 3, height: 7200, color: rgb(0, 0, 0) });
    // In this process, so that the canvas it asks for is seen (the child's is the same code).
    canvases.length = 0;
    const info = await inspectPdf(await doc.save(), { inkFacts: NO_RUSH });
    expect(info.ink?.[0]?.black).toBeCloseTo(0.5, 1);
    expect(canvases).toEqual([[432, 1200]]);
  });

  it('refuses an answer whose facts do not fit: more pages of facts than pages, or a share above 1', async () => {
    const structure = { pages: 1, pageSizes: [{ width: 612, height: 792 }], encrypted: false, hasForm: false };
    const fact = { widthPt: 612, heightPt: 792, black: 0.2 };
    expect(parseChildMessage({ kind: 'done', id: 1, structure: { ...structure, ink: [fact] } })).toBeDefined();
    expect(parseChildMessage({ kind: 'done', id: 1, structure: { ...structure, ink: [fact, fact] } })).toBeUndefined();
    expect(parseChildMessage({ kind: 'done', id: 1, structure: { ...structure, ink: [{ ...fact, black: 2 }] } })).toBeUndefined();
    expect(parseChildMessage({ kind: 'done', id: 1, structure: { ...structure, ink: [{ ...fact, lightTextInk: -0.1 }] } })).toBeUndefined();
  });
});
