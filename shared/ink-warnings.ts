// What will suffer on the recipient's paper, page by page, before Send. The PDF check's child
// measures each page (electron/pdf/ink-facts.ts: the smallest and the lightest text, and how
// black the page is); this turns those facts and the chosen resolution and paper into
// warnings in words, so Compose and the CLI say the same thing. The cover page is ours: it
// has no facts and gets no warnings. Pure and browser-safe.

import { z } from 'zod';
import type { PaperSize, Resolution } from './domain.ts';
import { faxPageLayout } from './fax-page.ts';
import { FAX_LINES_PER_INCH } from './fax-raster.ts';

/** One page's facts, as the child measured them. A fact is absent when the page has nothing to measure (no text) or was not looked at. */
export const PageInk = z.object({
  /** The page as displayed, in points (after /Rotate and /UserUnit): the size it is scaled from. */
  widthPt: z.number().positive().finite(),
  heightPt: z.number().positive().finite(),
  /** The smallest text a real run of characters (RUN_CHARS) is set in, in the page's own points. */
  smallTextPt: z.number().min(0).max(100_000).optional(),
  /**
   * Ink of the lightest text a real run of characters (RUN_CHARS) is set in (0 white … 1
   * black), as it shows over what it is drawn on. Text that reads against its backdrop
   * whatever its colour (white or yellow in a dark cell, see `printsPale`) and text nobody can
   * see on the original either (white on white) are left out.
   */
  lightTextInk: z.number().min(0).max(1).optional(),
  /** Share of the page that prints black at standard resolution, 0 … 1 (shared/fax-halftone.ts `printedBlackShare`). */
  black: z.number().min(0).max(1).optional(),
  /** The same at fine resolution, whose screen lightens greys. */
  blackFine: z.number().min(0).max(1).optional(),
});
export type PageInk = z.infer<typeof PageInk>;

/**
 * Characters a page needs in small or pale text before it is worth a warning: a line's worth.
 * A few footnote marks, a ™ or a pale "Page 2" are not; a line of small print or a grey
 * paragraph is. Counted over the page, the smallest or palest first.
 */
export const RUN_CHARS = 20;
/** Text with less ink than this, on paper or a light fill, prints broken or dotted once halftoned (60% grey; pure red is 70%). */
export const LIGHT_TEXT_INK = 0.6;
/**
 * Text at least this much lighter than its backdrop is light text on a dark fill: the fill's
 * dots draw the letters, so white, pale grey or yellow in a dark cell prints. Word's blue
 * table header (#4472C4, 57% black) under white text is well above it; a #AAA cell is not.
 */
export const KNOCKOUT_CONTRAST = 0.4;
/** Text printed smaller than this at standard resolution (98 lines an inch) loses its strokes. */
const SMALL_TEXT_PT = 7;
/** A page blacker than this takes longer to send, and costs more where time is billed. */
export const HEAVY_PAGE_BLACK = 0.25;

/**
 * Whether text of this ink, drawn over a backdrop of that ink (both 0 white … 1 black), prints
 * broken or dotted: the one rule the PDF check's child judges each run of text by.
 */
export function printsPale(textInk: number, backdropInk: number): boolean {
  if (backdropInk - textInk >= KNOCKOUT_CONTRAST) return false;
  return textInk < LIGHT_TEXT_INK;
}

export type InkWarningKind = 'light-text' | 'small-text' | 'heavy-page';

export interface InkWarning {
  kind: InkWarningKind;
  /** 1-based, within the whole fax (the cover page first when there is one). */
  page: number;
  /** What will suffer, without the page ("light grey text (about 30% black) prints…"). */
  problem: string;
  /** What to do about it. */
  action: string;
}

export interface InkDocument {
  pages: number;
  /** The first pages' facts, in order; pages past its end were not looked at. */
  ink?: readonly PageInk[];
}

export interface InkWarningOptions {
  resolution: Resolution;
  paper: PaperSize;
  /** The fax's page number of the first document's first page: 2 with a cover page. */
  firstPage?: number;
}

const ACTIONS: Record<InkWarningKind, string> = {
  'light-text': 'Make that text black or a dark grey.',
  'small-text': 'Choose Fine resolution under Options, or make the text larger.',
  'heavy-page': 'Lighten large dark areas or photos if you can.',
};

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** How much a page's own points shrink (or grow) on the recipient's paper. */
function printScale(page: PageInk, paper: PaperSize, resolution: Resolution): number {
  const layout = faxPageLayout(page.widthPt, page.heightPt, { paper, resolution });
  return layout.scaleY / (FAX_LINES_PER_INCH[resolution] / 72);
}

/** The warnings for one page's facts, in the order kinds are listed (light, small, heavy). */
function pageWarnings(page: PageInk, number: number, options: InkWarningOptions): InkWarning[] {
  const out: InkWarning[] = [];
  const add = (kind: InkWarningKind, problem: string) => out.push({ kind, page: number, problem, action: ACTIONS[kind] });
  const light = page.lightTextInk;
  if (light !== undefined && light < LIGHT_TEXT_INK) {
    // The child counts white text only where its fill is light too (printsPale).
    add(
      'light-text',
      light < 0.05
        ? 'white text on a light fill is lost once halftoned.'
        : `light grey or pale text (about ${percent(light)} black) prints broken or dotted once halftoned.`,
    );
  }
  if (options.resolution === 'standard' && page.smallTextPt !== undefined && page.smallTextPt > 0) {
    const printed = page.smallTextPt * printScale(page, options.paper, options.resolution);
    // "About 7 pt": 6.96 pt set as 7 pt and scaled from A4 is still 7 pt to its reader.
    if (printed < SMALL_TEXT_PT - 0.05) {
      add(
        'small-text',
        `text as small as ${printed < 1 ? printed.toFixed(1) : Math.round(printed * 2) / 2} pt is hard to read at standard resolution.`,
      );
    }
  }
  const black = options.resolution === 'fine' ? (page.blackFine ?? page.black) : page.black;
  if (black !== undefined && black > HEAVY_PAGE_BLACK) {
    add('heavy-page', `about ${percent(black)} of the page prints black: it is slower to send and costs more.`);
  }
  return out;
}

/** Every warning of the documents, in page order, pages numbered within the whole fax. */
export function inkWarnings(documents: readonly InkDocument[], options: InkWarningOptions): InkWarning[] {
  const out: InkWarning[] = [];
  let first = options.firstPage ?? 1;
  for (const doc of documents) {
    doc.ink?.slice(0, doc.pages).forEach((page, i) => {
      out.push(...pageWarnings(page, first + i, options));
    });
    first += doc.pages;
  }
  return out;
}

/**
 * Pages the check started on but did not reach (a long document past its time budget). A
 * document with no facts at all (staged before the check measured ink) is not counted.
 */
export function uncheckedPages(documents: readonly InkDocument[]): number {
  return documents.reduce((n, d) => n + (d.ink ? Math.max(0, d.pages - d.ink.length) : 0), 0);
}

/** One warning as a line of its own: "Page 3: light grey text …". */
export function inkWarningLine(warning: InkWarning): string {
  return `Page ${warning.page}: ${warning.problem} ${warning.action}`;
}
