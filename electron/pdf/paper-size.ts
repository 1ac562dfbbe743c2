// Paper size from page dimensions in PDF points (1/72 inch). Fax machines print Letter, Legal
// or A4; anything else is scaled by the service, so the UI warns about it.

import type { PaperSize } from '../../shared/domain.ts';
import { detectedPaperSize } from '../../shared/ipc/contract/compose.ts';

export interface PageSize {
  /** Points, as the page is shown (after /Rotate). */
  width: number;
  height: number;
}

export type PaperGuess = PaperSize | 'other';

/** Portrait width × height in points. */
export const PAPER_DIMENSIONS: Record<PaperSize, { width: number; height: number }> = {
  letter: { width: 612, height: 792 },
  legal: { width: 612, height: 1008 },
  a4: { width: 595.28, height: 841.89 },
};

// About 3 mm: producers round A4 differently (595×842, 595.92×841.92), and Letter and A4
// differ by 17 pt in width, so this never confuses the two.
const TOLERANCE_PT = 8;

/** Classifies one page, in either orientation. */
export function classifyPage(size: PageSize): PaperGuess {
  const short = Math.min(size.width, size.height);
  const long = Math.max(size.width, size.height);
  for (const [name, dims] of Object.entries(PAPER_DIMENSIONS) as [PaperSize, { width: number; height: number }][]) {
    if (Math.abs(short - dims.width) <= TOLERANCE_PT && Math.abs(long - dims.height) <= TOLERANCE_PT) return name;
  }
  return 'other';
}

/**
 * The document's paper size: the class of most pages (the first page wins a tie), and whether
 * any page differs from it (a mixed document will be scaled page by page).
 */
export function guessPaperSize(pages: readonly PageSize[]): { paperSize: PaperGuess; mismatch: boolean } {
  if (pages.length === 0) return { paperSize: 'other', mismatch: false };
  const classes = pages.map(classifyPage);
  const counts = new Map<PaperGuess, number>();
  for (const c of classes) counts.set(c, (counts.get(c) ?? 0) + 1);
  let best = classes[0] as PaperGuess;
  for (const [c, n] of counts) if (n > (counts.get(best) ?? 0)) best = c;
  return { paperSize: best, mismatch: classes.some((c) => c !== best) };
}

const PAPER_NAMES: Record<PaperGuess, string> = { letter: 'Letter', legal: 'Legal', a4: 'A4', other: 'no fax paper size' };

export interface PaperPlan {
  paperSize: PaperSize;
  /** Said to the person when pages will be scaled: mixed sizes, odd sizes, or a choice unlike the pages. */
  note?: string;
}

/**
 * The paper size a fax is sent as, the same for every entry: the person's choice (`--paper`,
 * Compose's menu, a routing file), else the size most pages have (shared with the Compose form),
 * else the settings' default. Pages are given in the order they are sent.
 */
export function planPaperSize(pagePaper: readonly PaperGuess[], chosen: PaperSize | undefined, fallback: PaperSize): PaperPlan {
  const paperSize = chosen ?? detectedPaperSize([{ pagePaper: [...pagePaper] }]) ?? fallback;
  const sizes = new Set(pagePaper);
  const sent = PAPER_NAMES[paperSize];
  if (sizes.size > 1) return { paperSize, note: `${describePages(pagePaper)}; it will be sent as ${sent}, other pages scaled to fit.` };
  const only = pagePaper[0];
  if (only === undefined || only === paperSize) return { paperSize };
  if (only === 'other') return { paperSize, note: `The pages are no fax paper size; they will be scaled to ${sent}.` };
  return { paperSize, note: `The pages are ${PAPER_NAMES[only]}; it will be sent as ${sent}, as chosen, scaled to fit.` };
}

/** The fax size most pages have ('other' pages do not vote), or undefined when none is one. */
export function documentPaperSize(pages: readonly PageSize[]): PaperSize | undefined {
  return detectedPaperSize([{ pagePaper: pages.map(classifyPage) }]);
}

/** "Pages 1–2 are A4, page 3 is Letter" (runs of pages of one size, the first few). */
function describePages(pagePaper: readonly PaperGuess[]): string {
  const runs: Array<{ from: number; to: number; size: PaperGuess }> = [];
  pagePaper.forEach((size, i) => {
    const last = runs[runs.length - 1];
    if (last && last.size === size) last.to = i + 1;
    else runs.push({ from: i + 1, to: i + 1, size });
  });
  const shown = runs
    .slice(0, 4)
    .map((r) => (r.from === r.to ? `page ${r.from} is ${PAPER_NAMES[r.size]}` : `pages ${r.from}–${r.to} are ${PAPER_NAMES[r.size]}`));
  const text = `${shown.join(', ')}${runs.length > 4 ? ', …' : ''}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
