// @vitest-environment happy-dom
// "As sent by Openfax" beside our fax view: the image may have more pages than the document
// (a service's cover or confirmation page), and such a page is said to be missing from the
// document rather than asked of our fax view, which has no such page to draw.
import { describe, expect, it, vi } from 'vitest';
import { AsSentView } from '../../../renderer/src/screens/outbox/as-sent-view.tsx';
import { fakeMain, render, until, user } from '../harness.ts';

const asked = vi.hoisted(() => ({ pages: [] as number[] }));
// Our fax view draws with pdf.js, which happy-dom cannot run: the canvas says which page it was asked for.
vi.mock('../../../renderer/src/preview/page-canvas.tsx', () => ({
  PageCanvas: ({ page, testId }: { page: number; testId?: string }) => {
    asked.pages.push(page);
    return <canvas data-testid={testId} data-page={page} />;
  },
}));
vi.mock('../../../renderer/src/preview/pdf-registry.ts', () => ({
  provideFetcher: () => undefined,
  releasePdf: () => undefined,
  openPdf: () => Promise.resolve({ numPages: 2 }),
}));

describe('as sent by Openfax', () => {
  it('shows our fax view of pages the document has, and says so of a page it has not', async () => {
    // A 2-page fax whose image has 3 pages; each page 8 × 2 dots.
    fakeMain.answer('getAsSentPage', ({ page }) => ({ state: 'page', page, pages: 3, width: 8, height: 2, bitsBase64: 'AP8=' }));
    const root = await render(<AsSentView jobId={7} reachedOpenfax version={1} paper="letter" resolution="standard" documentAvailable />);
    await until(() => expect(root.querySelector('[data-testid=as-sent-ours]')?.getAttribute('data-page')).toBe('1'));
    const next = () => [...root.querySelectorAll('button')].find((b) => b.textContent === 'Next page') as HTMLButtonElement;
    await user(() => next().click());
    await until(() => expect(root.querySelector('[data-testid=as-sent-ours]')?.getAttribute('data-page')).toBe('2'));
    await user(() => next().click());
    await until(() =>
      expect(root.querySelector('[data-testid=as-sent-no-page]')?.textContent).toBe('No page 3 in the sent document, which has 2.'),
    );
    expect(root.querySelector('[data-testid=as-sent-ours]')).toBeNull();
    expect(asked.pages).not.toContain(3);
    expect(fakeMain.requestsTo('getAsSentPage').map((r) => r.page)).toEqual([1, 2, 3]);
  });
});
