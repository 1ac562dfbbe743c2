// The one rule for the ink warnings before Send: which facts become which warnings, at which
// resolution and paper, and which page of the whole fax each names.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAPER_SIZES, RESOLUTIONS } from '../../shared/domain.ts';
import {
  HEAVY_PAGE_BLACK,
  type InkDocument,
  inkWarningLine,
  inkWarnings,
  LIGHT_TEXT_INK,
  type PageInk,
  KNOCKOUT_CONTRAST,
  printsPale,
  uncheckedPages,
} from '../../shared/ink-warnings.ts';

const LETTER = { widthPt: 612, heightPt: 792 };
const page = (facts: Partial<PageInk> = {}): PageInk => ({ ...LETTER, smallTextPt: 11, lightTextInk: 1, black: 0.05, ...facts });
const one = (ink: PageInk, resolution: 'standard' | 'fine' = 'standard') =>
  inkWarnings([{ pages: 1, ink: [ink] }], { resolution, paper: 'letter' }).map((w) => w.kind);

describe('inkWarnings', () => {
  it('warns of the pale text the child found (it leaves out text that reads against its fill)', () => {
    expect(one(page({ lightTextInk: 0.2 }))).toEqual(['light-text']);
    expect(one(page({ lightTextInk: LIGHT_TEXT_INK - 0.01 }))).toEqual(['light-text']);
    expect(one(page({ lightTextInk: LIGHT_TEXT_INK }))).toEqual([]);
    expect(one(page({ lightTextInk: undefined }))).toEqual([]);
    // White text the child counted is on a light fill: said so, not as "0% black".
    const [white] = inkWarnings([{ pages: 1, ink: [page({ lightTextInk: 0 })] }], { resolution: 'fine', paper: 'letter' });
    expect(white?.problem).toBe('white text on a light fill is lost once halftoned.');
  });

  it('judges text against what it is drawn on: light on dark prints, pale on paper or a light fill does not', () => {
    const ink = (hex: number) => 1 - (0.299 * (hex >> 16) + 0.587 * ((hex >> 8) & 255) + 0.114 * (hex & 255)) / 255;
    const paper = 0;
    // White, Office's "white, darker 5%" and yellow in dark cells, and white on Word's blue header row.
    for (const [text, fill] of [
      [0xffffff, 0x000000],
      [0xf2f2f2, 0x000000],
      [0xffff00, 0x1f3864],
      [0xffff00, 0x404040],
      [0xffffff, 0x4472c4],
      [0xffffff, 0x888888],
    ] as const) {
      expect(printsPale(ink(text), ink(fill)), `#${text.toString(16)} on #${fill.toString(16)}`).toBe(false);
    }
    // Pale grey and yellow on paper, grey on a light grey form field, white on a light shading.
    for (const [text, fill] of [
      [0xbbbbbb, paper],
      [0xffff00, paper],
      [0x999999, ink(0xdddddd)],
      [0xffffff, ink(0xcccccc)],
    ] as const) {
      expect(printsPale(ink(text), fill), `#${text.toString(16)}`).toBe(true);
    }
    // Dark text prints on anything; light text needs a fill KNOCKOUT_CONTRAST darker than itself.
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (text, fill) => {
        expect(printsPale(text, fill)).toBe(text < LIGHT_TEXT_INK && fill - text < KNOCKOUT_CONTRAST);
      }),
    );
  });

  it('warns of text under about 7 pt as printed, at standard resolution only', () => {
    expect(one(page({ smallTextPt: 5 }))).toEqual(['small-text']);
    expect(one(page({ smallTextPt: 5 }), 'fine')).toEqual([]);
    expect(one(page({ smallTextPt: 7 }))).toEqual([]);
    expect(one(page({ smallTextPt: 6.96 }))).toEqual([]);
    // 9 pt on an A3 page shrinks to 6 pt on Letter; 7 pt on A5 grows to 10 pt.
    expect(one(page({ widthPt: 842, heightPt: 1191, smallTextPt: 9 }))).toEqual(['small-text']);
    expect(one(page({ widthPt: 420, heightPt: 595, smallTextPt: 6.5 }))).toEqual([]);
  });

  it('warns of a page more than 25% black', () => {
    expect(one(page({ black: 0.4 }))).toEqual(['heavy-page']);
    expect(one(page({ black: HEAVY_PAGE_BLACK }))).toEqual([]);
  });

  it('judges a page by how black it prints at the chosen resolution (the fine screen lightens greys)', () => {
    const grey = page({ black: 0.3, blackFine: 0.22 });
    expect(one(grey)).toEqual(['heavy-page']);
    expect(one(grey, 'fine')).toEqual([]);
    expect(one(page({ black: 0.3 }), 'fine')).toEqual(['heavy-page']);
  });

  it('says each warning in words that name the page, the figure and what to do', () => {
    const warnings = inkWarnings([{ pages: 3, ink: [page(), page({ lightTextInk: 0.3, smallTextPt: 5 }), page({ black: 0.42 })] }], {
      resolution: 'standard',
      paper: 'letter',
      firstPage: 2,
    });
    expect(warnings.map(inkWarningLine)).toEqual([
      'Page 3: light grey or pale text (about 30% black) prints broken or dotted once halftoned. Make that text black or a dark grey.',
      'Page 3: text as small as 5 pt is hard to read at standard resolution. Choose Fine resolution under Options, or make the text larger.',
      'Page 4: about 42% of the page prints black: it is slower to send and costs more. Lighten large dark areas or photos if you can.',
    ]);
  });

  it('numbers pages within the whole fax, across documents and after a cover page', () => {
    const docArb = fc.record({
      pages: fc.integer({ min: 1, max: 6 }),
      facts: fc.array(
        fc.record({
          smallTextPt: fc.option(fc.double({ min: 0.5, max: 30, noNaN: true }), { nil: undefined }),
          lightTextInk: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
          black: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
        }),
        { maxLength: 6 },
      ),
    });
    fc.assert(
      fc.property(
        fc.array(docArb, { maxLength: 5 }),
        fc.boolean(),
        fc.constantFrom(...RESOLUTIONS),
        fc.constantFrom(...PAPER_SIZES),
        (docs, cover, resolution, paper) => {
          const documents: InkDocument[] = docs.map((d) => ({ pages: d.pages, ink: d.facts.map((f) => ({ ...LETTER, ...f })) }));
          const firstPage = cover ? 2 : 1;
          const warnings = inkWarnings(documents, { resolution, paper, firstPage });
          // Each page of each document, alone, gives the warnings that the whole gives for it.
          let start = firstPage;
          const expected: string[] = [];
          for (const d of documents) {
            d.ink?.slice(0, d.pages).forEach((ink, i) => {
              for (const w of inkWarnings([{ pages: 1, ink: [ink] }], { resolution, paper })) expected.push(`${start + i} ${w.kind}`);
            });
            start += d.pages;
          }
          expect(warnings.map((w) => `${w.page} ${w.kind}`)).toEqual(expected);
          const total = documents.reduce((n, d) => n + d.pages, 0);
          for (const w of warnings) {
            expect(w.page).toBeGreaterThanOrEqual(firstPage);
            expect(w.page).toBeLessThan(firstPage + total);
            if (resolution === 'fine') expect(w.kind).not.toBe('small-text');
          }
        },
      ),
    );
  });

  it('counts the pages the check did not reach, not those of documents staged before it measured ink', () => {
    expect(uncheckedPages([{ pages: 300, ink: [page(), page()] }, { pages: 4 }, { pages: 2, ink: [page(), page()] }])).toBe(298);
  });
});
