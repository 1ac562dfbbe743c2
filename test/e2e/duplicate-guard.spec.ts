// The duplicate guard through Compose in Chromium: a second send of the same PDF to a number
// Openfax already accepted asks first, naming when it went and how it ended. "Don't send"
// sends nothing, "Yes" sends it, and a broadcast can go to the others only. The judge is the
// sandbox's own record of what arrived.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ARTIFACTS, expect, test } from './fixtures.ts';
import { dropFile, threePagePdf } from './sample-documents.ts';

const shot = (page: Page, step: string) => page.screenshot({ path: join(ARTIFACTS, `duplicate-guard-${step}.png`) });

async function composeAndConfirm(page: Page, pdf: Uint8Array, numbers: string[]): Promise<void> {
  await dropFile(page, 'report.pdf', pdf);
  await expect(page.getByTestId('document-row')).toContainText('report.pdf');
  const recipients = page.getByRole('combobox', { name: 'Recipients' });
  for (const n of numbers) {
    await recipients.fill(n);
    await recipients.press('Enter');
  }
  await expect(page.getByTestId('recipient-chip')).toHaveCount(numbers.length);
  await page.getByTestId('send').click();
  await page.getByTestId('confirm-send').click();
}

test('a second send of the same PDF to an accepted number asks; no sends nothing, yes sends it', async ({ page, app }) => {
  test.setTimeout(90_000);
  mkdirSync(ARTIFACTS, { recursive: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const sandbox = app.services.sandbox;
  if (!sandbox) throw new Error('the e2e app runs on the sandbox');
  const faxesTo = (digits: string) => sandbox.faxes().filter((f) => f.faxNumber === digits).length;
  const jobs = () => (app.services.store.db.prepare('SELECT count(*) AS n FROM jobs').get() as { n: number }).n;
  const pdf = await threePagePdf();
  await page.goto(app.url);

  await composeAndConfirm(page, pdf, ['202 555 0170']);
  await expect(page.getByTestId('send-status')).toHaveAttribute('data-phase', 'sent', { timeout: 20_000 });
  expect(faxesTo('12025550170')).toBe(1);
  await page.getByTestId('send-status').getByRole('button', { name: 'New fax' }).click();

  // The same PDF to the same number: the dialog asks, and nothing has gone yet.
  await composeAndConfirm(page, pdf, ['(202) 555-0170']);
  const dialog = page.getByRole('dialog', { name: 'Openfax already has this fax for this number' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('duplicate-list')).toHaveText(
    /^\+1 202 555 0170: sent today at .+, (delivered|still in progress at Openfax)\.$/,
  );
  await expect(dialog.getByRole('button', { name: 'Don’t send' })).toBeFocused();
  await shot(page, 'asks');
  await dialog.getByRole('button', { name: 'Don’t send' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('send-status')).toHaveCount(0);
  expect(jobs()).toBe(1);
  expect(faxesTo('12025550170')).toBe(1);

  // An explicit yes sends it.
  await page.getByTestId('send').click();
  await page.getByTestId('confirm-send').click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Yes, send it again' }).click();
  await expect(page.getByTestId('send-status')).toHaveAttribute('data-phase', 'sent', { timeout: 20_000 });
  expect(faxesTo('12025550170')).toBe(2);
  await page.getByTestId('send-status').getByRole('button', { name: 'New fax' }).click();

  // A broadcast names the number that has it, and can go to the others only.
  await composeAndConfirm(page, pdf, ['202 555 0170', '202 555 0171']);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('duplicate-list')).toContainText('+1 202 555 0170');
  await expect(dialog.getByTestId('duplicate-list')).not.toContainText('0171');
  await shot(page, 'broadcast-asks');
  await dialog.getByRole('button', { name: 'Send to the other recipient only' }).click();
  await expect(page.getByTestId('send-status')).toHaveAttribute('data-phase', 'sent', { timeout: 20_000 });
  await expect(page.getByTestId('send-status')).toContainText('+1 202 555 0171');
  await expect(page.getByTestId('send-status')).not.toContainText('0170');
  await shot(page, 'others-only');
  expect(faxesTo('12025550171')).toBe(1);
  expect(faxesTo('12025550170')).toBe(2);
  expect(errors).toEqual([]);
});
