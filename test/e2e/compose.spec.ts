// Compose end to end, in Chromium against the real app (browser host, embedded sandbox):
// drop a real PDF, see ink in the preview, refuse a bad number and a 16-character header in
// place, pick a contact, add a cover page, send, and watch the Outbox reach Delivered.
// The keyboard-only flow is in shortcuts.spec.ts, the sizes and zooms in layout.spec.ts.

import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { insertContact } from '../../electron/store/contacts-repo.ts';
import { listJobs } from '../../electron/store/jobs-repo.ts';
import { ARTIFACTS, expect, test } from './fixtures.ts';
import { canvasInk } from './page-checks.ts';
import { dropFile, threePagePdf } from './sample-documents.ts';

const shot = (page: Page, step: string) => page.screenshot({ path: join(ARTIFACTS, `compose-${step}.png`) });

async function expectAxeClean(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('drop a PDF, check the preview, fill the form, send and see it delivered', async ({ page, app }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The sandbox runs fast; the outbox reads its report as often as a person may set it to.
  app.services.settings.update({ pollIntervalSeconds: 5 });
  insertContact(app.services.store.db, {
    name: 'Alice Ames',
    company: 'Ames & Co',
    faxRaw: '+1 202 555 0150',
    faxNumber: '12025550150',
    toHeader: 'Alice Ames',
  });

  await page.goto(app.url);
  await expect(page.getByTestId('drop-target')).toBeVisible();
  await expect(page.getByText('Drop PDFs here, or print to')).toBeVisible();
  await shot(page, '1-empty');
  await expectAxeClean(page);

  // A damaged file is refused with its reason; the real one is kept.
  await dropFile(page, 'broken.pdf', new TextEncoder().encode('%PDF-1.7\nnot really a pdf'));
  await dropFile(page, 'report.pdf', await threePagePdf());
  await expect(page.getByTestId('refused-files')).toContainText('broken.pdf');
  await expect(page.getByTestId('document-row')).toHaveCount(1);
  await expect(page.getByTestId('document-row')).toContainText('report.pdf');
  await expect(page.getByTestId('page-count')).toHaveText('Page 1 of 3');
  await expect.poll(() => canvasInk(page, '[data-testid=page-view-canvas]'), { timeout: 15_000 }).toBeGreaterThan(0.01);
  await expect(page.getByTestId('paper-size')).toHaveText('Paper: US Letter (detected)');
  await shot(page, '2-preview');

  // Fax view: the same page as 1-bit pixels at fax resolution.
  await page.getByRole('button', { name: 'Fax view' }).click();
  await expect(page.getByTestId('fax-info')).toContainText('1728 × 1078 px');
  await expect.poll(() => canvasInk(page, '[data-testid=page-view-canvas]')).toBeGreaterThan(0.005);
  await shot(page, '3-fax-view');
  await page.getByRole('button', { name: 'Fax view' }).click();

  // A bad number is refused in place, with the reason; nothing is added.
  const recipients = page.getByRole('combobox', { name: 'Recipients' });
  await recipients.fill('555 01');
  await recipients.press('Enter');
  await expect(page.getByTestId('recipients-error')).toContainText('too short');
  await expect(page.getByTestId('recipient-chip')).toHaveCount(0);
  await shot(page, '4-bad-number');

  // Pick the contact from the address book.
  await recipients.fill('Ali');
  await expect(page.getByRole('option', { name: /Alice Ames/ })).toBeVisible();
  await recipients.press('ArrowDown');
  await recipients.press('Enter');
  await expect(page.getByTestId('recipient-chip')).toHaveText(/Alice Ames.*\+1 202 555 0150/);
  const toHeader = page.getByRole('textbox', { name: 'To header' });
  await expect(toHeader).toHaveValue('Alice Ames');

  // A 16-character header is refused in place, naming the rule.
  await toHeader.fill('Alice Ames (Legal');
  await expect(page.getByTestId('to-counter')).toHaveText('17/15');
  await toHeader.fill('Alice Ames Legal');
  await expect(page.getByTestId('to-counter')).toHaveText('16/15');
  await expect(page.getByTestId('to-header-error')).toContainText('16 characters, 1 over the limit of 15');
  await page.getByTestId('send').click();
  await expect(page.getByTestId('send-problems')).toContainText('The To header is 16 characters');
  await expect(page.getByRole('dialog')).toBeHidden();
  await shot(page, '5-long-header');
  await toHeader.fill('Alice Ames');
  await expect(page.getByTestId('to-header-error')).toHaveCount(0);
  await page.getByRole('textbox', { name: 'From header' }).fill('Acme Legal');

  // Cover page: prepended and shown first in the preview.
  await page.getByRole('checkbox', { name: 'Add a cover page' }).check();
  await page.getByRole('textbox', { name: 'Subject' }).fill('Signed contract');
  await page.getByRole('textbox', { name: 'Message' }).fill('Three pages follow. Please call when received.');
  await expect(page.getByTestId('total-pages')).toHaveText('4 pages (with the cover page)');
  await expect(page.locator('section.preview')).toHaveAttribute('data-cover-fresh', 'true');
  await page.getByRole('listbox', { name: 'Pages' }).focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('page-count')).toHaveText('Page 1 of 4');
  await expect(page.getByRole('img', { name: /Cover page for Alice Ames, page 1 of 1/ })).toBeVisible();
  await expect.poll(() => canvasInk(page, '[data-testid=page-view-canvas]'), { timeout: 15_000 }).toBeGreaterThan(0.005);
  await expect(page.getByTestId('estimate')).toContainText('4 pages · about 1 min 50 s per recipient · $0.28');
  await shot(page, '6-cover');
  await expectAxeClean(page);

  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, '7-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Send: summary, confirm, upload, accepted.
  await page.getByTestId('send').click();
  const dialog = page.getByRole('dialog', { name: 'Send this fax?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Alice Ames');
  await shot(page, '8-summary');
  await dialog.getByRole('button', { name: 'Send now' }).click();
  await expect(page.getByTestId('send-status')).toHaveAttribute('data-phase', 'sent', { timeout: 20_000 });
  await expect(page.getByTestId('send-status')).toContainText('Sent to Openfax');
  await shot(page, '9-sent');

  const fax = app.services.sandbox.faxes()[0];
  expect(fax).toMatchObject({ faxNumber: '12025550150', toHeader: 'Alice Ames', fromHeader: 'Acme Legal', pages: 4 });

  // Straight to the Outbox: the row is there at once and turns Delivered in place as the poller reports.
  await page.getByRole('button', { name: 'Open the Outbox' }).click();
  const row = page.getByTestId('outbox-row').filter({ hasText: 'Alice Ames' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Delivered', { timeout: 45_000 });
  expect(listJobs(app.services.store.db).find((j) => j.faxNumber === '12025550150')?.state).toBe('delivered');
  await shot(page, '10-outbox-delivered');
  expect(errors).toEqual([]);
});

test('the draft and its preview come back after a reload', async ({ page, app }) => {
  await page.goto(app.url);
  await dropFile(page, 'kept.pdf', await threePagePdf());
  await expect(page.getByTestId('document-row')).toContainText('kept.pdf');
  const recipients = page.getByRole('combobox', { name: 'Recipients' });
  await recipients.fill('202 555 0170');
  await recipients.press('Enter');
  await page.getByRole('textbox', { name: 'From header' }).fill('Kept Sender');
  // The form is saved shortly after typing stops.
  await expect
    .poll(() => (app.services.store.db.prepare('SELECT data FROM drafts').get() as { data: string } | undefined)?.data ?? '')
    .toContain('Kept Sender');
  await page.reload();
  await expect(page.getByTestId('document-row')).toContainText('kept.pdf');
  await expect(page.getByTestId('recipient-chip')).toHaveText(/\+1 202 555 0170/);
  await expect(page.getByRole('textbox', { name: 'From header' })).toHaveValue('Kept Sender');
  // The bytes now come from main, by document id.
  await expect.poll(() => canvasInk(page, '[data-testid=page-view-canvas]'), { timeout: 15_000 }).toBeGreaterThan(0.01);
});
