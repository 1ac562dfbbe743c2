// @vitest-environment happy-dom
// The ink warnings under the preview and the header line over the fax view, as components:
// pages with the same trouble share a line, each page is a button that asks for that page,
// long lists fold, unchecked pages are said; the header line has its words, its band and
// its "approximate" label.
import { describe, expect, it } from 'vitest';
import type { PageInk } from '../../../shared/ink-warnings.ts';
import { HeaderLine, headerLineText } from '../../../renderer/src/preview/header-line.tsx';
import { InkWarnings } from '../../../renderer/src/screens/compose/ink-warnings.tsx';
import { render, user } from '../harness.ts';

const fact = (facts: Partial<PageInk> = {}): PageInk => ({
  widthPt: 612,
  heightPt: 792,
  smallTextPt: 11,
  lightTextInk: 1,
  black: 0.02,
  ...facts,
});

function lines(root: HTMLElement): string[] {
  return [...root.querySelectorAll('[data-testid=ink-warning]')].map((row) => {
    const pages = [...row.querySelectorAll('[data-testid=ink-warning-page]')].map((b) => b.textContent);
    return `${row.getAttribute('data-kind')}: ${pages.join(',')}`;
  });
}

describe('InkWarnings', () => {
  it('puts pages with the same words on one line, and a click on a page asks for it', async () => {
    const shown: number[] = [];
    const small = fact({ smallTextPt: 5 });
    const root = await render(
      <InkWarnings
        documents={[
          { pages: 3, ink: [small, small, fact({ black: 0.5 })] },
          { pages: 2, ink: [fact(), small] },
        ]}
        resolution="standard"
        paper="letter"
        firstPage={2}
        onShow={(page) => shown.push(page)}
      />,
    );
    expect(lines(root)).toEqual(['small-text: 2,3,6', 'heavy-page: 4']);
    expect(root.querySelector('[data-kind=small-text]')?.textContent).toMatch(/^Pages 2, 3 and 6: text as small as 5 pt/);
    expect(root.querySelector('[data-kind=heavy-page]')?.textContent).toMatch(/^Page 4: about 50% of the page prints black/);
    await user(() => root.querySelector<HTMLButtonElement>('[aria-label="Show page 6"]')?.click());
    await user(() => root.querySelector<HTMLButtonElement>('[aria-label="Show page 4"]')?.click());
    expect(shown).toEqual([6, 4]);
  });

  it('folds a long list behind "Show all", and says which pages were not checked', async () => {
    const ink = [0.3, 0.31, 0.32, 0.33, 0.34].map((black) => fact({ black }));
    const root = await render(
      <InkWarnings documents={[{ pages: 40, ink }]} resolution="fine" paper="letter" firstPage={1} onShow={() => {}} />,
    );
    expect(lines(root)).toHaveLength(3);
    const more = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Show all 5 warnings');
    await user(() => more?.click());
    expect(lines(root)).toEqual(['heavy-page: 1', 'heavy-page: 2', 'heavy-page: 3', 'heavy-page: 4', 'heavy-page: 5']);
    expect(root.querySelector('[data-testid=ink-unchecked]')?.textContent).toBe(
      '35 later pages were not checked for faint, small or heavy print: look at them in fax view.',
    );
  });

  it('shows nothing for clean pages, or for documents staged before ink was measured', async () => {
    const root = await render(
      <InkWarnings
        documents={[{ pages: 2, ink: [fact(), fact()] }, { pages: 9 }]}
        resolution="standard"
        paper="a4"
        firstPage={1}
        onShow={() => {}}
      />,
    );
    expect(root.querySelector('[data-testid=ink-warnings]')).toBeNull();
  });
});

describe('HeaderLine', () => {
  const date = new Date(2026, 11, 1, 9, 41);

  it('says the date, time, headers and page n/m in the band at the top, labelled approximate', async () => {
    const root = await render(<HeaderLine date={date} fromHeader="ACME LEGAL" toHeader="DR SMITH" page={1} pages={3} band={16 / 1078} />);
    const line = root.querySelector<HTMLElement>('[data-testid=fax-header-line]');
    expect(root.querySelector('[data-testid=fax-header-text]')?.textContent).toBe(
      '12/01/2026 09:41  From: ACME LEGAL  To: DR SMITH  Page 1/3',
    );
    expect(line?.textContent).toContain('approximate');
    expect(Number.parseFloat(line?.style.height ?? '')).toBeCloseTo((16 / 1078) * 100, 5);
  });

  it('leaves out a header that is empty', () => {
    expect(headerLineText({ date, fromHeader: ' ', toHeader: '', page: 2, pages: 2 })).toBe('12/01/2026 09:41  Page 2/2');
    expect(headerLineText({ date, fromHeader: 'Kept Sender', toHeader: '', page: 1, pages: 12 })).toBe(
      '12/01/2026 09:41  From: Kept Sender  Page 1/12',
    );
  });
});
