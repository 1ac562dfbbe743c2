// What will print badly, said before Send, in Chromium against the real app (browser host,
// the PDF check's child measuring the document as it is added): drop a PDF with light grey
// text, 5 pt print and a page 40% black, see one warning for each naming its page, click one
// and see that page in fax view with the header line services stamp on it; choose Fine and the
// small-print warning goes; add a cover page and the pages are numbered within the whole fax.

import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { inkTroublePdf } from '../fixtures/pdf/ink-pdfs.ts';
import { ARTIFACTS, expect, test } from './fixtures.ts';
import { canvasInk } from './page-checks.ts';
import { dropFile } from './sample-documents.ts';

const shot = (page: Page, step: string) => page.screenshot({ path: join(ARTIFACTS, `ink-warnings-${step}.png`) });

/** Each warning line as "kind: pages", in the order shown. */
async function warningLines(page: Page): Promise<string[]> {
  return page.getByTestId('ink-warning').evaluateAll((rows) =>
    rows.map((row) => {
      const pages = [...row.querySelectorAll('[data-testid=ink-warning-page]')].map((b) => b.textContent);
      return `${row.getAttribute('data-kind')}: ${pages.join(',')}`;
    }),
  );
}

test('ink warnings name their pages, show them in fax view, and follow resolution and cover page', async ({ page, app }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.url);
  await dropFile(page, 'terms.pdf', await inkTroublePdf());
  await expect(page.getByTestId('document-row')).toContainText('terms.pdf');
  await expect(page.getByTestId('page-count')).toHaveText('Page 1 of 4');

  const warnings = page.getByTestId('ink-warnings');
  await expect.poll(() => warningLines(page)).toEqual(['light-text: 2', 'small-text: 3', 'heavy-page: 4']);
  await expect(warnings).toContainText('Page 2: light grey or pale text (about 20% black) prints broken or dotted once halftoned.');
  await expect(warnings).toContainText('Page 3: text as small as 5 pt is hard to read at standard resolution.');
  // 40% in the black band, and a little more in the text above it.
  await expect(warnings).toContainText(/Page 4: about 4[01]% of the page prints black: it is slower to send and costs more\./);
  await page.getByRole('textbox', { name: 'From header' }).fill('ACME LEGAL');
  await page.getByRole('textbox', { name: 'To header' }).fill('DR SMITH');
  await shot(page, '1-warnings');
  const axe = await new AxeBuilder({ page }).include('[data-testid=ink-warnings]').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  // A click shows the page in fax view: selected in the strip, the large page, the fax facts.
  await warnings.getByRole('button', { name: 'Show page 4' }).click();
  await expect(page.getByTestId('page-count')).toHaveText('Page 4 of 4');
  await expect(page.getByRole('button', { name: 'Fax view' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.thumb-selected')).toContainText('4');
  await expect(page.getByRole('img', { name: /terms\.pdf, page 4 of 4, fax view/ })).toBeVisible();
  await expect(page.getByTestId('fax-info')).toContainText('Greys and images are halftoned as fax machines print them');
  await expect.poll(() => canvasInk(page, '[data-testid=page-view-canvas]'), { timeout: 15_000 }).toBeGreaterThan(0.3);

  // The header line over the page, labelled approximate, page n of the whole fax.
  const header = page.getByTestId('fax-header-line');
  await expect(header).toBeVisible();
  await expect(header).toContainText('approximate');
  await expect(page.getByTestId('fax-header-text')).toHaveText(
    /^\d\d\/\d\d\/\d{4} \d\d:\d\d {2}From: ACME LEGAL {2}To: DR SMITH {2}Page 4\/4$/,
  );
  // It sits in the band at the top of the page: 0.16 in of Letter's 11 in.
  const band = await header.boundingBox();
  const sheet = await page.getByTestId('page-view-canvas').boundingBox();
  expect(band && sheet && Math.abs(band.y - sheet.y)).toBeLessThan(1);
  expect(band && sheet && band.height / sheet.height).toBeCloseTo(16 / 1078, 2);
  await shot(page, '2-page-4-fax-view');
  // At 200% the stamped line can be read, as on paper.
  await page.getByLabel('Zoom').selectOption('2');
  await expect(page.getByTestId('page-view')).toHaveAttribute('data-zoom', '2');
  await page.getByTestId('page-view').screenshot({ path: join(ARTIFACTS, 'ink-warnings-2b-header-line.png') });
  await page.getByLabel('Zoom').selectOption('fit-width');

  await warnings.getByRole('button', { name: 'Show page 2' }).click();
  await expect(page.getByTestId('page-count')).toHaveText('Page 2 of 4');
  await expect(page.getByTestId('fax-header-text')).toContainText('Page 2/4');

  // Fine resolution keeps 5 pt print: that warning goes, the others stay.
  await page.getByLabel('Resolution').selectOption('fine');
  await expect.poll(() => warningLines(page)).toEqual(['light-text: 2', 'heavy-page: 4']);

  // The cover page comes first: the same pages are now 3 and 5 of 5, and the cover has no warning.
  await page.getByRole('checkbox', { name: 'Add a cover page' }).check();
  await expect(page.getByTestId('total-pages')).toHaveText('5 pages (with the cover page)');
  await expect.poll(() => warningLines(page)).toEqual(['light-text: 3', 'heavy-page: 5']);
  await warnings.getByRole('button', { name: 'Show page 5' }).click();
  await expect(page.getByTestId('page-count')).toHaveText('Page 5 of 5');
  await expect(page.getByTestId('fax-header-text')).toContainText('Page 5/5');
  await shot(page, '3-with-cover');
  expect(errors).toEqual([]);
});
