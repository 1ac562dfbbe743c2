// Documents that are not PDFs, end to end in Chromium against the real app: a multi-page
// standard-resolution fax TIFF through the file chooser and a PNG dropped on the page become
// pages in the preview, the fax page drawn at its true shape (its pixels are twice as tall as
// wide), and the sandbox's own record shows the pages that arrived. The hot folder takes a fax
// TIFF onto Compose, and sets a Word file aside with its own words.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { imageFixture, imageFixturePath } from '../fixtures/images/make-images.ts';
import { ARTIFACTS, expect, test } from './fixtures.ts';
import { canvasInk } from './page-checks.ts';

const shot = (page: Page, step: string) => page.screenshot({ path: join(ARTIFACTS, `images-${step}.png`) });

async function dropFile(page: Page, name: string, type: string, bytes: Uint8Array): Promise<void> {
  await page.evaluate(
    ({ name, type, b64 }) => {
      const bin = atob(b64);
      const data = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([data], name, { type }));
      const target = document.querySelector('main') ?? document.body;
      for (const t of ['dragenter', 'dragover', 'drop'])
        target.dispatchEvent(new DragEvent(t, { bubbles: true, cancelable: true, dataTransfer: dt }));
    },
    { name, type, b64: Buffer.from(bytes).toString('base64') },
  );
}

/** Width ÷ height of the dark pixels on the large page's canvas. */
function inkAspect(page: Page): Promise<number> {
  return page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('[data-testid=page-view-canvas]');
    const d = c?.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    if (!c || !d) return 0;
    let [minX, minY, maxX, maxY] = [c.width, c.height, -1, -1];
    for (let y = 0; y < c.height; y++)
      for (let x = 0; x < c.width; x++) {
        const i = (y * c.width + x) * 4;
        if ((d[i] as number) + (d[i + 1] as number) + (d[i + 2] as number) >= 384) continue;
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    return maxX < 0 ? 0 : (maxX - minX + 1) / (maxY - minY + 1);
  });
}

test('a fax TIFF and a PNG become pages, shown at their true shape, and arrive as those pages', async ({ page, app }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.url);
  await app.listening();
  await expect(page.getByTestId('drop-target')).toBeVisible();
  await expect(page.getByText('PNG, JPEG, TIFF')).toBeVisible();

  // The person's own file chooser, as in a browser: a 3-page G3 fax TIFF at 204 × 98 dpi.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose PDF files…' }).click();
  await (await chooser).setFiles(imageFixturePath('fax-g3-standard-3pages.tif'));
  await expect(page.getByTestId('document-row')).toHaveCount(1);
  await expect(page.getByTestId('document-row')).toContainText('fax-g3-standard-3pages.tif');
  await expect(page.getByTestId('page-count')).toHaveText('Page 1 of 3');
  // Measured once main has made the pages and the row is final: a "Checking…" row is shorter,
  // and the pane's redraw at its new size would be caught half drawn.
  await expect(page.locator('.doc-row-pending')).toHaveCount(0);
  await expect.poll(() => canvasInk(page, '[data-testid=page-view-canvas]'), { timeout: 15_000 }).toBeGreaterThan(0.005);
  // The page's frame is 468 × 648 pt with its title above (≈ 0.72 wide for 1 tall); read as
  // square pixels it would be 1.6 wide for 1 tall. Both bounds in one reading of the drawn page.
  await expect
    .poll(
      async () => {
        const aspect = await inkAspect(page);
        return aspect > 0.68 && aspect < 0.76 ? 'true shape' : aspect;
      },
      { timeout: 15_000 },
    )
    .toBe('true shape');
  await expect(page.getByTestId('paper-size')).toContainText('US Letter');
  await shot(page, '1-fax-tiff');

  // A PNG dropped on the page joins it as one more page.
  await dropFile(page, 'scan.png', 'image/png', imageFixture('scan.png'));
  await expect(page.getByTestId('document-row')).toHaveCount(2);
  await expect(page.getByTestId('page-count')).toHaveText(/of 4$/);
  // A LibreOffice file is named as one, with what to do (a .docx dropped opens the mail merge:
  // test/e2e/merge.spec.ts).
  await dropFile(page, 'letter.odt', 'application/vnd.oasis.opendocument.text', imageFixture('letter.odt'));
  await expect(page.getByTestId('refused-files')).toContainText('This is a LibreOffice document');
  await expect(page.getByTestId('refused-files')).toContainText('print it to the Openfax printer');
  await shot(page, '2-png-and-word');

  const recipients = page.getByRole('combobox', { name: 'Recipients' });
  await recipients.fill('212 555 0142');
  await recipients.press('Enter');
  await expect(page.getByTestId('recipient-chip')).toHaveCount(1);
  await page.getByTestId('send').click();
  const dialog = page.getByRole('dialog', { name: 'Send this fax?' });
  await dialog.getByRole('button', { name: 'Send now' }).click();
  await expect(page.getByTestId('send-status')).toHaveAttribute('data-phase', 'sent', { timeout: 20_000 });

  // The sandbox's own record: one fax of 4 pages (3 TIFF pages, 1 PNG page) to that number.
  const faxes = app.services.sandbox.faxes();
  expect(faxes).toHaveLength(1);
  expect(faxes[0]).toMatchObject({ faxNumber: '12125550142', pages: 4 });
  expect(errors).toEqual([]);
});

test('a fax TIFF printed or scanned into the hot folder comes up on Compose with its pages; a Word file is set aside', async ({
  page,
  app,
}) => {
  test.setTimeout(60_000);
  await page.goto(app.url);
  await app.listening();
  await expect(page.getByTestId('drop-target')).toBeVisible();
  writeFileSync(join(app.hotFolder, 'incoming fax.tif'), imageFixture('fax-g4-fine-3pages.tif'));
  await expect(page.getByTestId('document-row')).toContainText('incoming fax.tif', { timeout: 15_000 });
  await expect(page.getByTestId('document-row')).toContainText('3 pages');
  await expect(page.getByTestId('page-count')).toHaveText('Page 1 of 3');
  await expect.poll(() => canvasInk(page, '[data-testid=page-view-canvas]'), { timeout: 15_000 }).toBeGreaterThan(0.005);

  writeFileSync(join(app.hotFolder, 'letter.docx'), imageFixture('letter.docx'));
  const rejected = join(app.hotFolder, 'Rejected');
  await expect
    .poll(() => (existsSync(rejected) ? readdirSync(rejected).sort() : []), { timeout: 15_000 })
    .toEqual(['letter.docx', 'letter.docx.reason.txt']);
  expect(readFileSync(join(rejected, 'letter.docx.reason.txt'), 'utf8')).toContain('This is a Word document (.docx).');
  await expect(page.getByRole('alert').filter({ hasText: 'letter.docx' })).toBeVisible();
  await shot(page, '3-hot-folder');
});
