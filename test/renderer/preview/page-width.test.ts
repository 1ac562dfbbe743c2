// How wide the large page is drawn: fitted to the pane's width, fitted whole into the pane,
// or at a zoom where 100% is the paper's real size on screen (96 CSS px per inch).

import { describe, expect, it } from 'vitest';
import { pageWidth } from '../../../renderer/src/preview/page-view.tsx';

const letter = { widthPt: 612, heightPt: 792 };
const landscape = { widthPt: 792, heightPt: 612 };

describe('page width', () => {
  it('is the real size at a zoom, whatever the pane', () => {
    expect(pageWidth(1, { width: 200, height: 100 }, letter)).toBe(816);
    expect(pageWidth(2, { width: 200, height: 100 }, letter)).toBe(1632);
    expect(pageWidth(0.5, { width: 2000, height: 2000 }, letter)).toBe(408);
  });

  it('fills the width, or fits the whole page into the pane', () => {
    const pane = { width: 400, height: 300 };
    expect(pageWidth('fit-width', pane, letter)).toBe(400);
    // 300 px tall: a Letter page 231 px wide (300 × 8.5 / 11).
    expect(pageWidth('fit-page', pane, letter)).toBe(231);
    // A wide page in a tall pane is held by the width.
    expect(pageWidth('fit-page', { width: 300, height: 900 }, landscape)).toBe(300);
  });

  it('keeps a drawable page in a pane too small for one', () => {
    expect(pageWidth('fit-page', { width: 10, height: 10 }, letter)).toBe(40);
  });
});
