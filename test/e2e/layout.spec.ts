// Layout, measured with the browser's own boxes: at the sizes people use (960 × 640 is the
// smallest window; 1024 × 640; 640 × 400 is 1280 × 800 at 200%) and at 100% and 200% page
// zoom, the preview's controls and the Send button stay in view and uncovered, the page
// scrolls inside its own pane, Fit width and Fit page come back from any zoom, the large page
// is larger than a thumbnail, and a small window shows the sidebar as named icons.

import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { ARTIFACTS, expect, test } from './fixtures.ts';
import { dropFile, threePagePdf } from './sample-documents.ts';

const SIZES = [
  { width: 960, height: 640 },
  { width: 1024, height: 640 },
  { width: 640, height: 400 },
] as const;

/** Inside the viewport and the topmost thing at its centre (nothing covers it). */
async function expectInView(page: Page, what: string, locator: Locator): Promise<void> {
  const vp = page.viewportSize()!;
  const box = await locator.boundingBox();
  expect(box, `${what} has a box`).not.toBeNull();
  const b = box!;
  expect(b.width, `${what} is drawn`).toBeGreaterThan(4);
  expect(b.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(b.y, `${what}: top edge`).toBeGreaterThanOrEqual(0);
  expect(b.x + b.width, `${what}: right edge within ${vp.width}`).toBeLessThanOrEqual(vp.width);
  expect(b.y + b.height, `${what}: bottom edge within ${vp.height}`).toBeLessThanOrEqual(vp.height);
  const onTop = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
  });
  expect(onTop, `${what} is not covered`).toBe(true);
}

function controls(page: Page) {
  const bar = page.getByRole('toolbar', { name: 'Preview controls' });
  return {
    zoom: bar.getByLabel('Zoom'),
    fitWidth: bar.getByRole('button', { name: 'Fit width' }),
    fitPage: bar.getByRole('button', { name: 'Fit page' }),
    faxView: bar.getByRole('button', { name: 'Fax view' }),
    send: page.getByTestId('send'),
  };
}

async function expectControlsInView(page: Page): Promise<void> {
  const c = controls(page);
  await expectInView(page, 'Zoom', c.zoom);
  await expectInView(page, 'Fit width', c.fitWidth);
  await expectInView(page, 'Fit page', c.fitPage);
  await expectInView(page, 'Fax view', c.faxView);
  await expectInView(page, 'Send', c.send);
}

const canvasBox = async (locator: Locator) => (await locator.boundingBox())!;
const largePage = (page: Page) => page.getByTestId('page-view-canvas');
const firstThumb = (page: Page) => page.getByRole('option', { name: /^Page 1:/ }).locator('canvas');

/** The screen itself never scrolls sideways: wide content scrolls inside its own pane. */
async function screenOverflow(page: Page): Promise<{ x: number; y: number }> {
  return page.locator('main').evaluate((m) => ({ x: m.scrollWidth - m.clientWidth, y: m.scrollHeight - m.clientHeight }));
}

for (const size of SIZES) {
  test(`at ${size.width} × ${size.height} the controls stay in view at 100% and 200%, and Fit width and Fit page come back`, async ({
    page,
    app,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewportSize(size);
    await page.goto(app.url);
    await dropFile(page, 'report.pdf', await threePagePdf());
    await expect(page.getByTestId('page-count')).toHaveText('Page 1 of 3');
    // The preview opens before main has checked the file; the layout is measured once the
    // document's row is its final one (its "Checking…" row is shorter, and would move the pane).
    await expect(page.getByRole('button', { name: 'Remove report.pdf' })).toBeVisible();
    await expect(page.locator('.doc-row-pending')).toHaveCount(0);
    await expect(largePage(page)).toBeVisible();
    await expect(firstThumb(page)).toBeVisible();
    await expectControlsInView(page);

    // Fitted to the width: larger than a thumbnail both ways, and no sideways scroll anywhere.
    const pane = page.getByTestId('page-view');
    const paneBox = await canvasBox(pane);
    const fitted = await canvasBox(largePage(page));
    const thumb = await canvasBox(firstThumb(page));
    expect(fitted.width).toBeGreaterThan(thumb.width * 1.5);
    expect(fitted.height).toBeGreaterThan(thumb.height * 1.5);
    expect(fitted.width).toBeLessThanOrEqual(paneBox.width);
    expect((await screenOverflow(page)).x).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, `layout-${size.width}x${size.height}-fit.png`) });
    // Buttons that show only their icon at this size still have names (axe: button-name, link-name…).
    const axe = await new AxeBuilder({ page }).analyze();
    const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    for (const [zoom, cssWidth] of [
      ['1', 816],
      ['2', 1632],
    ] as const) {
      await controls(page).zoom.selectOption(zoom);
      // 100% is actual size: 8.5 in at 96 px per inch.
      await expect.poll(async () => Math.round((await canvasBox(largePage(page))).width)).toBe(cssWidth);
      await expectControlsInView(page);
      // The page scrolls inside its pane; the pane and the screen keep their size.
      expect(await canvasBox(pane)).toEqual(paneBox);
      expect((await screenOverflow(page)).x).toBeLessThanOrEqual(0);
      const scrolls = await pane.evaluate((el) => el.scrollWidth > el.clientWidth);
      expect(scrolls).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, `layout-${size.width}x${size.height}-zoom-${zoom}00.png`) });
    }

    // Fax view at 200% changes the pixels, not the place of anything.
    await controls(page).faxView.click();
    await expect(page.getByTestId('fax-info')).toBeVisible();
    await expectControlsInView(page);
    await controls(page).faxView.click();

    // Fit width recovers from 200% without a reload: the same width as before.
    await controls(page).fitWidth.click();
    await expect(controls(page).fitWidth).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(async () => Math.round((await canvasBox(largePage(page))).width)).toBe(Math.round(fitted.width));
    expect(await pane.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);

    // Fit page: the whole page inside the pane, still larger than a thumbnail.
    await controls(page).fitPage.click();
    await expect(controls(page).zoom).toHaveValue('fit-page');
    await expect
      .poll(async () => {
        const c = await canvasBox(largePage(page));
        const p = await canvasBox(pane);
        return c.height <= p.height && c.width <= p.width && c.y >= p.y && c.y + c.height <= p.y + p.height;
      })
      .toBe(true);
    expect((await canvasBox(largePage(page))).width).toBeGreaterThan(thumb.width);
    await expectControlsInView(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(ARTIFACTS, `layout-${size.width}x${size.height}-fit-page-dark.png`) });
    expect(errors).toEqual([]);
  });
}

test('at 640 × 400 the sidebar is icons with names and tooltips; at 960 × 640 it shows its words', async ({ page, app }) => {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const names = ['Compose', 'Outbox', 'Address book', 'Settings'];
  const keys = ['1', '2', '3', '4'];

  await page.setViewportSize({ width: 640, height: 400 });
  await page.goto(app.url);
  await expect(nav.getByRole('button', { name: 'Compose' })).toBeVisible();
  expect((await nav.boundingBox())!.width).toBeLessThanOrEqual(64);
  for (const [i, name] of names.entries()) {
    const item = nav.getByRole('button', { name, exact: true });
    await expect(item).toBeVisible();
    await expectInView(page, name, item);
    await expect(item).toHaveAttribute('title', new RegExp(`^${name} \\((Ctrl\\+|\u2318)${keys[i]}\\)$`));
    await expect(item).toHaveAttribute('aria-keyshortcuts', /^(Control|Meta)\+\d$/);
    // An icon, not words: the label is there for screen readers only.
    const label = item.locator('.nav-label');
    expect((await label.boundingBox())!.width).toBeLessThanOrEqual(1);
    await expect(item.locator('svg')).toBeVisible();
  }
  await nav.getByRole('button', { name: 'Address book' }).click();
  await expect(page.getByRole('heading', { name: 'Address book' })).toBeVisible();
  expect((await screenOverflow(page)).x).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(ARTIFACTS, 'layout-640x400-sidebar.png') });

  await page.setViewportSize({ width: 960, height: 640 });
  expect((await nav.boundingBox())!.width).toBeGreaterThan(150);
  for (const name of names) {
    expect((await nav.getByRole('button', { name, exact: true }).locator('.nav-label').boundingBox())!.width).toBeGreaterThan(20);
  }
});
