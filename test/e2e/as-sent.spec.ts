// "As sent by Openfax" in the browser host: a fax delivered by the sandbox shows, in its job
// panel, the image the sandbox drew and served (downloaded by main, sent up a page at a time),
// as real pixels on a canvas, with our own fax view of the same page beside it; stepping to
// page 2 shows page 2. A fax whose conversion failed says, in one quiet line, that there is none.

import { PDFDocument, StandardFonts } from 'pdf-lib';
import { expect, test } from './fixtures.ts';

async function twoPages(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.HelveticaBold);
  doc.addPage([612, 792]).drawText('PAGE ONE', { x: 72, y: 640, size: 72, font });
  doc.addPage([612, 792]).drawText('2', { x: 72, y: 100, size: 120, font });
  return doc.save();
}

/** Dark pixels of a canvas, in its top and bottom halves (read back from the page). */
function inkOf(page: import('@playwright/test').Page, testId: string) {
  return page.getByTestId(testId).evaluate((canvas: HTMLCanvasElement) => {
    const { width, height } = canvas;
    const data = canvas.getContext('2d')?.getImageData(0, 0, width, height).data ?? new Uint8ClampedArray();
    let top = 0;
    let bottom = 0;
    for (let i = 0; i < data.length; i += 4) {
      if ((data[i] as number) < 128) {
        if (i / 4 < (width * height) / 2) top++;
        else bottom++;
      }
    }
    return { width, height, top, bottom };
  });
}

test('a delivered fax shows the image Openfax sent, page by page, beside our fax view', async ({ page, app }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const { services } = app;
  expect(services.settings.update({ pollIntervalSeconds: 5 })).toEqual({ ok: true });
  await page.goto(app.url);
  await page.getByRole('button', { name: /^Outbox/ }).click();

  const sent = await services.outbox.submit({
    pdfBytes: await twoPages(),
    originalName: 'two pages.pdf',
    to: { number: '+1 202 555 0162', toHeader: 'AS SENT' },
  });
  const failing = await services.outbox.submit({
    pdfBytes: await twoPages(),
    originalName: 'two pages.pdf',
    to: { number: '+1 202 555 0106', toHeader: 'NO IMAGE' },
  });
  if (!sent.ok || !failing.ok) throw new Error('not queued');

  const row = page.locator('[data-testid="outbox-row"][data-kind="job"]').filter({ hasText: 'AS SENT' });
  await expect(row).toContainText('Delivered', { timeout: 60_000 });
  await row.click();
  const panel = page.getByTestId('job-panel');
  await expect(panel.getByRole('heading', { name: 'As sent by Openfax' })).toBeVisible({ timeout: 20_000 });

  // Page 1: the sandbox's pixels, Letter at standard resolution, ink in the top half only.
  await expect.poll(() => inkOf(page, 'as-sent-page').then((i) => i.top)).toBeGreaterThan(1000);
  const first = await inkOf(page, 'as-sent-page');
  expect(first).toMatchObject({ width: 1728, height: 1078, bottom: 0 });
  // What the sandbox served is what it says it drew.
  const served = services.sandbox.faxes().find((f) => f.faxNumber === '12025550162');
  expect(served?.image?.pages).toBe(2);
  await expect(panel.getByRole('img', { name: 'Page 1, our fax view' })).toBeVisible();

  await panel.getByRole('button', { name: 'Next page' }).click();
  await expect(panel.getByText('Page 2 of 2')).toBeVisible();
  await expect.poll(() => inkOf(page, 'as-sent-page').then((i) => i.bottom)).toBeGreaterThan(1000);
  expect((await inkOf(page, 'as-sent-page')).top).toBe(0);

  // Conversion failed at Openfax: no image, said quietly.
  const none = page.locator('[data-testid="outbox-row"][data-kind="job"]').filter({ hasText: 'NO IMAGE' });
  await expect(none).toContainText(/Failed|failed/, { timeout: 60_000 });
  await none.click();
  await expect(panel.getByTestId('as-sent-note')).toHaveText('Openfax did not provide the image it sent.');
  await expect(panel.getByTestId('as-sent-page')).toHaveCount(0);
  expect(errors).toEqual([]);
});
