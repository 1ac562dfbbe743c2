// "Edit and send again" after a broadcast that one number refused: the form keeps only that
// recipient; the two Openfax accepted are listed apart, unticked, and the confirm says they
// already have it. The sandbox's own record then shows one fax to each number, none twice.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { insertContact } from '../../electron/store/contacts-repo.ts';
import { ARTIFACTS, expect, test } from './fixtures.ts';

const shot = (page: Page, step: string) => page.screenshot({ path: join(ARTIFACTS, `send-again-${step}.png`) });

const people = [
  { name: 'Alice Ames', company: '', faxRaw: '+1 202 555 0170', faxNumber: '12025550170' },
  // The sandbox refuses this one at submission (RestrictedFaxNumber): see electron/sandbox/magic-numbers.ts.
  { name: 'Restricted Line', company: '', faxRaw: '+1 202 555 0105', faxNumber: '12025550105' },
  { name: 'Carol Cho', company: '', faxRaw: '+1 202 555 0172', faxNumber: '12025550172' },
];

async function pdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([612, 792]).drawText('Price notice', { x: 72, y: 700, size: 24, font });
  return Buffer.from(await doc.save());
}

const faxesTo = (app: { services: { sandbox: { faxes(): Array<{ faxNumber: string }> } } }) => {
  const counts: Record<string, number> = {};
  for (const f of app.services.sandbox.faxes()) counts[f.faxNumber] = (counts[f.faxNumber] ?? 0) + 1;
  return counts;
};

test('Edit and send again offers only the refused number; the accepted ones get no second fax', async ({ page, app }) => {
  test.setTimeout(90_000);
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const p of people) insertContact(app.services.store.db, p);
  await page.goto(app.url);
  await page.getByTestId('file-input').setInputFiles({ name: 'Price notice.pdf', mimeType: 'application/pdf', buffer: await pdf() });
  await expect(page.getByTestId('document-row')).toContainText('Price notice.pdf');
  const input = page.getByRole('combobox', { name: 'Recipients' });
  for (const p of people) {
    await input.fill(p.name);
    await page.getByRole('option', { name: new RegExp(p.name) }).click();
  }
  await page.getByRole('textbox', { name: 'From header' }).fill('Acme');
  await page.getByTestId('send').click();
  await page.getByRole('dialog', { name: 'Send this fax?' }).getByRole('button', { name: 'Send now' }).click();

  const status = page.getByTestId('send-status');
  await expect(status).toHaveAttribute('data-phase', 'failed', { timeout: 20_000 });
  await expect(status).toContainText('1 of 3 were not sent');
  await expect.poll(() => faxesTo(app)).toEqual({ '12025550170': 1, '12025550172': 1 });

  await page.getByRole('button', { name: 'Edit and send again' }).click();
  await expect(page.getByTestId('recipient-chip')).toHaveCount(1);
  await expect(page.getByTestId('recipient-chip')).toContainText('Restricted Line');
  const sentBefore = page.getByTestId('sent-before');
  await expect(sentBefore).toContainText('Alice Ames');
  await expect(sentBefore).toContainText('Carol Cho');
  for (const box of await page.getByTestId('sent-before-item').all()) await expect(box).not.toBeChecked();
  await shot(page, '1-only-the-refused-one');

  // The person corrects the number of the one that was refused.
  await page.getByRole('button', { name: 'Remove Restricted Line' }).click();
  await input.fill('+1 202 555 0173');
  await input.press('Enter');
  await expect(page.getByTestId('recipient-chip')).toHaveCount(1);

  await page.getByTestId('send').click();
  const dialog = page.getByRole('dialog', { name: 'Send this fax?' });
  await expect(dialog.getByTestId('confirm-gets')).toContainText('+1 202 555 0173');
  await expect(dialog.getByTestId('confirm-has')).toContainText('Alice Ames');
  await expect(dialog.getByTestId('confirm-has')).toContainText('Carol Cho');
  await expect(dialog.getByTestId('confirm-has')).toContainText('not sent again');
  await shot(page, '2-confirm-says-who-has-it');
  await dialog.getByRole('button', { name: 'Send now' }).click();
  await expect(status).toHaveAttribute('data-phase', 'sent', { timeout: 20_000 });

  // The judge: one fax to each number, none to an accepted number twice.
  await expect.poll(() => faxesTo(app), { timeout: 20_000 }).toEqual({ '12025550170': 1, '12025550172': 1, '12025550173': 1 });
  await app.services.outbox.whenIdle({ timeoutMs: 20_000 });
  expect(faxesTo(app)).toEqual({ '12025550170': 1, '12025550172': 1, '12025550173': 1 });
});
