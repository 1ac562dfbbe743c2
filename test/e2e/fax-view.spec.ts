// The fax view in Chromium, as a person uses it: a real office letter dropped, Fine chosen,
// Fax view on. The canvas's pixels are held to the same figures as the fidelity test, against
// main's rendering of the page (what the sandbox sends and the report shows), and the view
// follows the paper chosen and turns a landscape page as the recipient gets it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { renderFaxPage } from '../../electron/pdf/fax-render.ts';
import { openPdfDocument } from '../../electron/pdf/pdfjs-loader.ts';
import type { PaperSize, Resolution } from '../../shared/domain.ts';
import { CORPUS_DIR, FIDELITY_LIMITS } from '../fidelity/corpus.ts';
import { compareRasters } from '../fidelity/metrics.ts';
import { ARTIFACTS, expect, test } from './fixtures.ts';
import { canvasRaster } from './page-checks.ts';
import { dropFile } from './sample-documents.ts';

const CANVAS = '[data-testid=page-view-canvas]';

async function mainRendering(file: string, paper: PaperSize, resolution: Resolution) {
  const doc = await openPdfDocument(new Uint8Array(readFileSync(join(CORPUS_DIR, file))));
  try {
    return await renderFaxPage(doc, 1, { paper, resolution, header: true });
  } finally {
    await doc.destroy();
  }
}

/** Waits until the large canvas holds a finished fax raster of this many lines. */
async function faxDrawn(page: Page, lines: number): Promise<void> {
  await expect(page.getByTestId('fax-info')).toContainText(`1728 × ${lines} px`, { timeout: 20_000 });
  await expect
    .poll(() =>
      page.evaluate((sel) => {
        const c = document.querySelector<HTMLCanvasElement>(sel);
        return c?.closest('.page-canvas')?.getAttribute('data-status') === 'done' ? c.height : 0;
      }, CANVAS),
    )
    .toBe(lines);
}

test("the fax view of an office letter matches main's fax rendering, at the chosen paper", async ({ page, app }) => {
  test.setTimeout(90_000);
  await page.goto(app.url);
  await dropFile(page, 'letter-office.pdf', readFileSync(join(CORPUS_DIR, 'letter-office.pdf')));
  await expect(page.getByTestId('document-row').filter({ hasText: 'letter-office.pdf' })).not.toHaveClass(/doc-row-pending/, {
    timeout: 20_000,
  });
  await page.getByLabel('Resolution').selectOption('fine');
  await page.getByRole('button', { name: 'Fax view' }).click();
  await faxDrawn(page, 2156);
  await page.screenshot({ path: join(ARTIFACTS, 'fax-view-letter-fine.png') });

  const shown = await canvasRaster(page, CANVAS);
  const reference = await mainRendering('letter-office.pdf', 'letter', 'fine');
  const f = compareRasters(shown, reference);
  expect(f.blockMean).toBeLessThanOrEqual(FIDELITY_LIMITS.blockMean);
  expect(f.blockMax).toBeLessThanOrEqual(FIDELITY_LIMITS.blockMax);
  expect(f.agreement).toBeGreaterThanOrEqual(FIDELITY_LIMITS.agreement);
  // Greys are halftoned, not dropped: the page has ink the old 50% cut lost (light grey text, shaded cells).
  expect(shown.inkRatio).toBeGreaterThan(0.05);

  // A4 chosen: the same page on the taller sheet, 2292 lines at fine.
  await page.getByLabel('Paper', { exact: true }).selectOption('a4');
  await faxDrawn(page, 2292);
  const a4 = compareRasters(await canvasRaster(page, CANVAS), await mainRendering('letter-office.pdf', 'a4', 'fine'));
  expect(a4.agreement).toBeGreaterThanOrEqual(FIDELITY_LIMITS.agreement);
});

test('a landscape page is shown turned onto the portrait sheet, as the recipient gets it', async ({ page, app }) => {
  test.setTimeout(60_000);
  await page.goto(app.url);
  await dropFile(page, 'letter-landscape.pdf', readFileSync(join(CORPUS_DIR, 'letter-landscape.pdf')));
  await page.getByRole('button', { name: 'Fax view' }).click();
  await faxDrawn(page, 1078);
  const shown = await canvasRaster(page, CANVAS);
  expect([shown.width, shown.height]).toEqual([1728, 1078]);
  const f = compareRasters(shown, await mainRendering('letter-landscape.pdf', 'letter', 'standard'));
  expect(f.agreement).toBeGreaterThanOrEqual(FIDELITY_LIMITS.agreement);
});
