// Paper size from page dimensions in PDF points (1/72 inch). Fax machines print Letter, Legal
// or A4; anything else is scaled by the service, so the UI warns about it.

import type { PaperSize } from '../../shared/domain.ts';

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
