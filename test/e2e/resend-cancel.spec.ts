// Resend and cancel from the Outbox in Chromium. A fax that failed for a reason redialling
// cannot fix is resent only to a corrected number (checked in place); a delivered fax offers
// "Send again" as a secondary action, which meets the duplicate guard; a queued fax canceled
// never reaches Openfax; an accepted one says plainly that Openfax offers no cancel. The
// judge is the sandbox's own record of what arrived.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { getJob } from '../../electron/store/jobs-repo.ts';
import { seedDocument, seedJob } from '../electron/outbox-view/seed-jobs.ts';
import { ARTIFACTS, expect, test } from './fixtures.ts';
import { threePagePdf } from './sample-documents.ts';

const shot = (page: Page, step: string) => page.screenshot({ path: join(ARTIFACTS, `resend-cancel-${step}.png`) });
const jobRow = (page: Page, text: string) => page.locator('[data-testid="outbox-row"][data-kind="job"]').filter({ hasText: text });

test('a bad number is resent only to the corrected number; a delivered fax sends again only after a yes', async ({ page, app }) => {
  test.setTimeout(90_000);
  mkdirSync(ARTIFACTS, { recursive: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const { services } = app;
  const sandbox = services.sandbox;
  if (!sandbox) throw new Error('the e2e app runs on the sandbox');
  const faxesTo = (digits: string) => sandbox.faxes().filter((f) => f.faxNumber === digits).length;
  expect(services.settings.update({ pollIntervalSeconds: 5 })).toEqual({ ok: true });

  // Bad Number (LastStatus 5), the sandbox's magic number.
  const r = await services.outbox.submit({ pdfBytes: await threePagePdf(), originalName: 'report.pdf', to: { number: '202 555 0104' } });
  if (!r.ok) throw new Error(r.error.message);
  const first = r.value.jobIds[0] as number;
  await expect.poll(() => getJob(services.store.db, first)?.state, { timeout: 30_000 }).toBe('failed');

  await page.goto(app.url);
  await page.getByRole('button', { name: /^Outbox/ }).click();
  await jobRow(page, '202 555 0104').click();
  const panel = page.getByTestId('job-panel');
  await expect(panel).toContainText('Not a valid telephone number');
  await expect(panel).toContainText('Redialling cannot fix this: sending to the same number again would fail the same way.');
  await expect(panel.getByTestId('resend')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Correct the number and resend' }).click();
  const field = panel.getByLabel('Corrected fax number');
  await expect(field).toBeFocused();
  await field.fill('202 555');
  await expect(panel.getByRole('button', { name: 'Resend to this number' })).toBeDisabled();
  await expect(panel.locator('.corrected-number .field-error')).toBeVisible();
  await shot(page, 'corrected-invalid');
  await field.fill('202 555 0188');
  await expect(panel).toContainText('Will send to +1 202 555 0188.');
  await shot(page, 'corrected-valid');
  await panel.getByRole('button', { name: 'Resend to this number' }).click();
  await expect(page.getByText('Sent again as a new fax to +1 202 555 0188.')).toBeVisible();
  const resent = jobRow(page, '202 555 0188');
  await expect(resent).toContainText('Delivered', { timeout: 30_000 });
  expect(faxesTo('12025550188')).toBe(1);
  expect(faxesTo('12025550104')).toBe(1);

  // Delivered: "Send again" is there, but not as the primary action, and it asks first.
  await resent.click();
  const again = panel.getByRole('button', { name: 'Send again' });
  await expect(again).toBeVisible();
  await expect(again).not.toHaveClass(/button-primary/);
  await again.click();
  const dialog = page.getByRole('dialog', { name: 'Openfax already has this fax for this number' });
  await expect(dialog).toContainText(/\+1 202 555 0188: sent today at .+, delivered\./);
  await shot(page, 'send-again-asks');
  await dialog.getByRole('button', { name: 'Don’t send' }).click();
  await expect(dialog).toBeHidden();
  expect(faxesTo('12025550188')).toBe(1);
  expect(errors).toEqual([]);
});

test('a queued fax canceled never reaches Openfax; an accepted one says Openfax has no cancel', async ({ page, app }) => {
  test.setTimeout(90_000);
  mkdirSync(ARTIFACTS, { recursive: true });
  const { services } = app;
  const sandbox = services.sandbox;
  if (!sandbox) throw new Error('the e2e app runs on the sandbox');
  const faxesTo = (digits: string) => sandbox.faxes().filter((f) => f.faxNumber === digits).length;
  const pdf = await threePagePdf();

  // The queue is held (as with no connection) so the fax waits in the queue.
  await services.outbox.stop();
  const queued = await services.outbox.submit({ pdfBytes: pdf, originalName: 'held.pdf', to: { number: '202 555 0186' } });
  if (!queued.ok) throw new Error(queued.error.message);
  await page.goto(app.url);
  await page.getByRole('button', { name: /^Outbox/ }).click();
  await jobRow(page, '202 555 0186').click();
  const panel = page.getByTestId('job-panel');
  await panel.getByRole('button', { name: 'Cancel fax' }).click();
  await expect(page.getByText('Canceled; nothing was sent.')).toBeVisible();
  await expect(jobRow(page, '202 555 0186')).toContainText('Canceled');
  await shot(page, 'canceled');

  // The queue runs again: a later fax goes through; the canceled one never does.
  await services.outbox.start();
  const later = await services.outbox.submit({ pdfBytes: pdf, originalName: 'later.pdf', to: { number: '202 555 0187' } });
  if (!later.ok) throw new Error(later.error.message);
  const laterId = later.value.jobIds[0] as number;
  await expect.poll(() => getJob(services.store.db, laterId)?.outTransId, { timeout: 20_000 }).not.toBeNull();
  expect(faxesTo('12025550187')).toBe(1);
  expect(faxesTo('12025550186')).toBe(0);

  expect(faxesTo('12025550186')).toBe(0);

  // Accepted and not finished yet, written as Openfax left it with the queue stopped, so no
  // result can arrive meanwhile: no Cancel, and why.
  await services.outbox.stop();
  seedDocument(services.store.db, 'accepted', 'accepted.pdf', 1);
  seedJob(services.store.db, { documentId: 'accepted', state: 'submitted', number: '12025550189', toHeader: 'Reception' });
  await page.reload();
  await page.getByRole('button', { name: /^Outbox/ }).click();
  await jobRow(page, 'Reception').click();
  await expect(panel.getByRole('heading', { name: 'Reception' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Cancel fax' })).toHaveCount(0);
  await expect(panel.getByTestId('no-cancel')).toHaveText('Openfax has accepted this fax. Openfax offers no way to cancel it now.');
  await shot(page, 'no-cancel');
});
