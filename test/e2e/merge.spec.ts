// Mail merge end to end, in Chromium against the real app (browser host, embedded sandbox, the
// browser host's own built-in converter in headless Chromium): a Word template with real
// MERGEFIELDs dropped on Compose opens the merge; a CSV of 6 rows with a bad number and a
// duplicate shows both with their reasons; a field the sheet names otherwise is named before
// Send; the bad number is fixed in place and the duplicate left out; row 3's fax view draws its
// pages; Send makes one broadcast in the Outbox, and the sandbox's record has each row's fax once.

import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mergeFieldTemplate } from '../fixtures/merge-templates.ts';
import { ARTIFACTS, expect, test } from './fixtures.ts';
import { canvasInk } from './page-checks.ts';
import { dropFile } from './sample-documents.ts';

// The app as `npm run web` starts it: the host prints DOCX with headless Chromium, served from
// the web host's own origin (the shared fixture's docxPrint option).
test.use({ docxPrint: true });

const shot = (page: Page, step: string) => page.screenshot({ path: join(ARTIFACTS, `merge-${step}.png`), fullPage: true });

async function expectAxeClean(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

// Row 2's number is too short; row 5 has row 3's number. The sheet calls the account "Acct".
const CSV = [
  'Name,Fax,Acct,Patient list',
  'Dr Ann Ames,212 555 0151,A-101,Jo Ray',
  'Dr Bob Burns,555 01,A-102,Cy Dale',
  'Dr Cy Cole,212 555 0153,A-103,Di Eng',
  'Dr Dee Dunn,212 555 0154,A-104,Ed Fox',
  'Dr Eve Egan,212 555 0153,A-105,Fy Gil',
  'Dr Fay Ford,212 555 0156,A-106,Gu Hal',
].join('\r\n');

test('a Word template and a CSV: problems shown and fixed, row 3 previewed, one broadcast sent with each row once', async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  app.services.settings.update({ pollIntervalSeconds: 5 });
  await page.goto(app.url);
  await expect(page.getByTestId('drop-target')).toBeVisible();
  await expect(page.getByTestId('open-merge')).toBeVisible();

  // A .docx dropped on Compose opens the merge with it; its fields are read at once.
  await dropFile(page, 'Notice.docx', await mergeFieldTemplate({ simple: false, pages: 1 }));
  await expect(page.getByRole('heading', { name: 'Mail merge' })).toBeVisible();
  await expect(page.getByTestId('merge-template-name')).toHaveText('Notice.docx');
  await expect(page.getByTestId('merge-template-fields')).toHaveText('4 fields:NameFaxAccountPatient list');
  await expect(page.getByTestId('merge-template-kinds')).toContainText('Word merge fields');
  // The sidebar keeps Compose lit: the merge is reached from it.
  await expect(page.getByRole('button', { name: 'Compose', exact: true })).toHaveAttribute('aria-current', 'page');

  // The rows: a CSV chosen in the page (the browser host has no file dialog of main's).
  await page.getByTestId('merge-data-input').setInputFiles({ name: 'doctors.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await expect(page.getByTestId('merge-data-summary')).toContainText('doctors.csv');
  await expect(page.getByTestId('merge-data-summary')).toContainText('6 rows');

  // "Account" has no column of that name: it is named before anything can be sent.
  await expect(page.getByTestId('merge-missing-fields')).toHaveText('No column fills «Account»: pick one, or add it to the sheet.');
  await expect(page.getByTestId('merge-send-button')).toBeDisabled();
  await expect(page.getByTestId('merge-blockers')).toContainText('Account');
  await shot(page, '1-missing-field');
  await page.getByLabel('Account', { exact: true }).selectOption('Acct');
  await expect(page.getByTestId('merge-missing-fields')).toHaveCount(0);

  // Each row with its status in words: the bad number and the duplicate say why.
  const rows = page.getByTestId('merge-row');
  await expect(rows).toHaveCount(6);
  const row = (n: number) => page.locator(`[data-testid=merge-row][data-row="${n}"]`);
  await expect(row(2)).toContainText(/555 01/);
  await expect(row(2).locator('.merge-reason')).not.toBeEmpty();
  await expect(row(5)).toContainText('Duplicate of row 4');
  await expect(row(1)).toContainText('Ready');
  await expect(page.getByTestId('merge-counts')).toContainText('5 of 6 ready');
  await expect(page.getByTestId('merge-counts')).toContainText('1 with problems');

  // Fixed in place: main checks the row again at once.
  const bad = page.getByRole('textbox', { name: 'Fax number, row 3' });
  await bad.fill('212 555 0152');
  await bad.press('Enter');
  await expect(row(2)).toContainText('Ready');
  await expect(page.getByTestId('merge-counts')).not.toContainText('problems');
  // The duplicate is left out: its number gets row 3's fax only.
  await page.getByRole('button', { name: 'Leave out row 6' }).click();
  await expect(row(5)).toContainText('Left out');
  await expect(page.getByTestId('merge-estimate')).toContainText('5 faxes');

  // The browser host's own converter, marked approximate.
  const builtin = page.getByRole('radio', { name: /Built in/ });
  await expect(builtin).toBeEnabled();
  // A controlled radio: it is checked once main answers, so click and wait rather than check().
  await builtin.click();
  await expect(builtin).toBeChecked();
  await expect(page.getByTestId('merge-converter')).toContainText(/approximate layout/i);

  // Row 3's fax as it will be sent: its pages drawn in the fax view.
  await page.getByRole('button', { name: 'Preview row 4' }).click();
  await expect(page.getByTestId('merge-preview-facts')).toContainText('Row 3 · 1 page · made with', { timeout: 60_000 });
  await expect(page.getByTestId('merge-page-count')).toHaveText('Page 1 of 1');
  await expect
    .poll(() => canvasInk(page, '[data-testid=merge-preview] [data-testid=page-view-canvas]'), { timeout: 20_000 })
    .toBeGreaterThan(0.002);
  await expect(page.getByTestId('merge-page-mismatch')).toHaveCount(0);
  await expectAxeClean(page);
  // The screen scrolls inside the window: a tall window shows all of it at once.
  await page.setViewportSize({ width: 1280, height: 3400 });
  await page.screenshot({ path: '/tmp/u-merge.png' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, '2-ready');
  // The rows table fits its card at 1280 px: the buttons on the right are not cut off.
  const overflow = await page
    .getByTestId('merge-rows')
    .evaluate((t) => t.getBoundingClientRect().right - (t.closest('.merge-section')?.getBoundingClientRect().right ?? 0));
  expect(overflow).toBeLessThanOrEqual(0);
  // Nothing wider than the table's own scroller (no sideways scroll hides the row numbers or the buttons).
  const scroll = await page.getByTestId('merge-rows').evaluate((t) => {
    const scroller = t.closest('.table-scroll') as HTMLElement;
    return { scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth, scrollLeft: scroller.scrollLeft };
  });
  expect(scroll.scrollWidth).toBeLessThanOrEqual(scroll.clientWidth);
  expect(scroll.scrollLeft).toBe(0);

  // Send: one broadcast, made as it goes.
  const send = page.getByTestId('merge-send-button');
  await expect(send).toHaveText('Send 5 faxes');
  await expect(send).toBeEnabled();
  await send.click();
  await expect(page.getByTestId('merge-run')).toBeVisible();
  await expect(page.getByTestId('merge-done')).toContainText('5 faxes went to the Outbox', { timeout: 90_000 });
  await expect(page.getByTestId('merge-progress')).toHaveText('5 of 5 made · 5 in the Outbox');
  await shot(page, '3-done');

  await page.getByTestId('merge-open-outbox').click();
  const broadcast = page.locator('[data-testid="outbox-row"][data-kind="broadcast"]');
  await expect(broadcast).toHaveCount(1);
  // Named after the template, not one recipient's document.
  await expect(broadcast).toContainText('· mail merge');
  await expect(broadcast).not.toContainText('Dr ');
  await expect(broadcast.getByTestId('broadcast-progress')).toHaveText('5 sent · 5 delivered', { timeout: 60_000 });
  await expect(page.locator('[data-testid="outbox-row"][data-kind="job"]')).toHaveCount(0);
  await expectAxeClean(page);
  await shot(page, '4-outbox');

  // The sandbox's record: each row's own fax, once; the left-out duplicate never.
  await expect.poll(() => app.services.sandbox.faxes().length, { timeout: 30_000 }).toBe(5);
  const faxes = app.services.sandbox.faxes();
  expect(faxes.map((f) => f.faxNumber).sort()).toEqual(['12125550151', '12125550152', '12125550153', '12125550154', '12125550156']);
  expect(new Set(faxes.map((f) => f.pdfSha256)).size).toBe(5);
  expect(faxes.every((f) => f.pages === 1)).toBe(true);
  expect(errors).toEqual([]);
});
