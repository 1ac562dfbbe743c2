import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAPER_SIZES, RESOLUTIONS } from '../../shared/domain.ts';
import { faxPageLayout } from '../../shared/fax-page.ts';

describe('where a page lands on the fax sheet', () => {
  it('maps each paper to 1728 dots across and its own height in lines', () => {
    const size = (paper: 'letter' | 'legal' | 'a4', resolution: 'standard' | 'fine') => {
      const l = faxPageLayout(612, 792, { paper, resolution });
      return [l.width, l.height];
    };
    expect(size('letter', 'standard')).toEqual([1728, 1078]);
    expect(size('letter', 'fine')).toEqual([1728, 2156]);
    expect(size('legal', 'standard')).toEqual([1728, 1372]);
    expect(size('legal', 'fine')).toEqual([1728, 2744]);
    expect(size('a4', 'standard')).toEqual([1728, 1146]);
    expect(size('a4', 'fine')).toEqual([1728, 2292]);
  });

  it('fills the sheet with a page of the same paper', () => {
    const l = faxPageLayout(595.28, 841.89, { paper: 'a4', resolution: 'fine' });
    expect(l.offsetX).toBeCloseTo(0, 6);
    // Within a line: the sheet's height is rounded to whole lines.
    expect(Math.abs(l.offsetY)).toBeLessThan(0.5);
    expect(595.28 * l.scaleX).toBeCloseTo(1728, 6);
    expect(841.89 * l.scaleY).toBeCloseTo(2292, 0);
  });

  it('fits a Letter page onto A4 by its width (Letter is wider), centred down the sheet', () => {
    const l = faxPageLayout(612, 792, { paper: 'a4', resolution: 'standard' });
    expect(612 * l.scaleX).toBeCloseTo(1728, 6);
    expect(792 * l.scaleY).toBeLessThan(1146);
    expect(l.offsetY * 2 + 792 * l.scaleY).toBeCloseTo(1146, 0);
  });

  it('fits an A4 page onto Letter by its height (A4 is taller), centred across', () => {
    const l = faxPageLayout(595.28, 841.89, { paper: 'letter', resolution: 'fine' });
    expect(841.89 * l.scaleY).toBeCloseTo(2156, 0);
    expect(l.offsetX * 2 + 595.28 * l.scaleX).toBeCloseTo(1728, 6);
  });

  it('turns a landscape page a quarter anticlockwise onto the portrait sheet', () => {
    const l = faxPageLayout(792, 612, { paper: 'letter', resolution: 'standard' });
    expect(l.rotation).toBe(270);
    expect(faxPageLayout(612, 792, { paper: 'letter', resolution: 'standard' }).rotation).toBe(0);
  });

  it('keeps the header band out of the page: the page fits below it', () => {
    const l = faxPageLayout(612, 792, { paper: 'letter', resolution: 'fine', header: true });
    expect(l.headerLines).toBe(31);
    expect(l.offsetY).toBeGreaterThanOrEqual(l.headerLines);
    expect(l.offsetY + 792 * l.scaleY).toBeCloseTo(l.height, 6);
  });

  it('always keeps the page inside the sheet, whatever its size', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 10, max: 5000, noNaN: true }),
        fc.double({ min: 10, max: 5000, noNaN: true }),
        fc.constantFrom(...PAPER_SIZES),
        fc.constantFrom(...RESOLUTIONS),
        fc.boolean(),
        (w, h, paper, resolution, header) => {
          const l = faxPageLayout(w, h, { paper, resolution, header });
          const [pw, ph] = l.rotation ? [h, w] : [w, h];
          const eps = 1e-6;
          expect(l.offsetX).toBeGreaterThanOrEqual(-eps);
          expect(l.offsetY).toBeGreaterThanOrEqual(l.headerLines - eps);
          expect(l.offsetX + pw * l.scaleX).toBeLessThanOrEqual(l.width + eps);
          expect(l.offsetY + ph * l.scaleY).toBeLessThanOrEqual(l.height + eps);
          // Fitted: it touches the sheet's sides or its top and bottom (to the pixel: the sheet's height is rounded to whole lines).
          const fillsWidth = Math.abs(pw * l.scaleX - l.width) < 1;
          const fillsHeight = Math.abs(ph * l.scaleY - (l.height - l.headerLines)) < 1;
          expect(fillsWidth || fillsHeight).toBe(true);
        },
      ),
    );
  });
});
