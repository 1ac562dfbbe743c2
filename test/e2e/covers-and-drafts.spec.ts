// Covers, drafts and discard, as a person uses them in the browser host. A broadcast with a
// cover gives each recipient a cover naming them alone (judged by what the sandbox received:
// its record of each fax's PDF hash, matched to the spooled file and read back). A print that
// lands while a draft holds documents opens a new draft, and the first is kept in the list.
// Discard asks nothing, and its Undo brings the documents back.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { stagedPath, stagingDir } from '../../electron/compose/staging.ts';
import { insertContact } from '../../electron/store/contacts-repo.ts';
import { receivedFaxes } from '../electron/compose/received-covers.ts';
import { ARTIFACTS, expect, test } from './fixtures.ts';
import { canvasInk } from './page-checks.ts';

const shot = (page: Page, step: string) => page.screenshot({ path: join(ARTIFACTS, `covers-drafts-${step}.png`) });

async function pdf(title: string, pages = 1): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let n = 1; n <= pages; n++) {
    const page = doc.addPage([612, 792]);
    page.drawText(`${title}, page ${n}`, { x: 60, y: 680, size: 30, font, color: rgb(0, 0, 0) });
    page.drawRectangle({ x: 60, y: 300, width: 490, height: 300, color: rgb(0, 0, 0) });
  }
  return Buffer.from(await doc.save());
}

async function addFile(page: Page, name: string, pages = 1): Promise<void> {
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'application/pdf', buffer: await pdf(name, pages) });
}

async function addRecipient(page: Page, name: string): Promise<void> {
  const input = page.getByRole('combobox', { name: 'Recipients' });
  await input.fill(name);
  await page.getByRole('option', { name: new RegExp(name) }).click();
}

const people = [
  { name: 'Alice Ames', company: 'Ames & Co', faxRaw: '+1 202 555 0160', faxNumber: '12025550160', display: '+1 202 555 0160' },
  { name: 'Bob Brown', company: '', faxRaw: '+1 202 555 0161', faxNumber: '12025550161', display: '+1 202 555 0161' },
  { name: 'Carol Cho', company: 'Cho Legal', faxRaw: '+1 202 555 0162', faxNumber: '12025550162', display: '+1 202 555 0162' },
];

test.beforeAll(() => mkdirSync(ARTIFACTS, { recursive: true }));

test('a broadcast with a cover: each fax that arrives names exactly one recipient, its own', async ({ page, app }) => {
  test.setTimeout(90_000);
  for (const p of people) insertContact(app.services.store.db, p);
  await page.goto(app.url);
  await app.listening();
  await addFile(page, 'Contract.pdf', 2);
  await expect(page.getByTestId('document-row')).toContainText('Contract.pdf');
  for (const p of people) await addRecipient(page, p.name);
  await expect(page.getByTestId('recipient-chip')).toHaveCount(3);
  await page.getByRole('textbox', { name: 'From header' }).fill('Acme Legal');

  await page.getByRole('checkbox', { name: 'Add a cover page' }).check();
  await page.getByRole('textbox', { name: 'Subject' }).fill('Signed contract');
  await page.getByRole('textbox', { name: 'Message' }).fill('Two pages follow.');
  // The preview shows the cover of the recipient chosen: a chip, or a button under Cover: To.
  const strip = page.locator('.thumb-group-title');
  await expect(strip.first()).toHaveText('Cover page for Alice Ames');
  await page.getByTestId('recipient-chip').filter({ hasText: 'Bob Brown' }).locator('.chip-select').click();
  await expect(strip.first()).toHaveText('Cover page for Bob Brown');
  await page.getByTestId('cover-for').filter({ hasText: 'Carol Cho' }).click();
  await expect(strip.first()).toHaveText('Cover page for Carol Cho');
  await expect(page.locator('section.preview')).toHaveAttribute('data-cover-fresh', 'true');
  await expect.poll(() => canvasInk(page, '[data-testid=page-view-canvas]'), { timeout: 15_000 }).toBeGreaterThan(0.005);
  await shot(page, '1-cover-of-carol');

  await page.getByTestId('send').click();
  const dialog = page.getByRole('dialog', { name: 'Send this fax?' });
  await expect(dialog.getByTestId('confirm-gets')).toContainText('Alice Ames');
  await expect(dialog.getByTestId('confirm-gets')).toContainText('Carol Cho');
  await expect(dialog).toContainText('each with a cover page of their own');
  await dialog.getByRole('button', { name: 'Send now' }).click();
  await expect(page.getByTestId('send-status')).toHaveAttribute('data-phase', 'sent', { timeout: 20_000 });

  // The judge is the sandbox: what it received, by number and PDF hash.
  await expect.poll(() => app.services.sandbox.faxes().length, { timeout: 20_000 }).toBe(3);
  const got = await receivedFaxes(app.services.sandbox, app.services.store.db);
  expect(got.map((f) => f.faxNumber).sort()).toEqual(people.map((p) => p.faxNumber));
  for (const fax of got) {
    const named = people.filter((p) => fax.firstPage.includes(p.name) || fax.firstPage.includes(p.display));
    expect(named.map((p) => p.faxNumber)).toEqual([fax.faxNumber]);
    expect(fax.firstPage).toContain('Signed contract');
  }
  expect(got.find((f) => f.faxNumber === '12025550162')?.firstPage).toContain('Cho Legal');
  expect(app.services.sandbox.faxes().map((f) => f.pages)).toEqual([3, 3, 3]);
});

test('a print that lands while a draft holds documents opens a new draft; both are listed', async ({ page, app }) => {
  test.setTimeout(60_000);
  insertContact(app.services.store.db, people[0]!);
  await page.goto(app.url);
  await app.listening();
  await addFile(page, 'Quote.pdf');
  await expect(page.getByTestId('document-row')).toContainText('Quote.pdf');
  await addRecipient(page, 'Alice Ames');
  await expect(page.getByTestId('draft-item')).toHaveCount(1);

  writeFileSync(join(app.hotFolder, 'Lab results.pdf'), await pdf('Lab results', 2));
  await expect(page.getByText('New draft on Compose')).toBeVisible({ timeout: 15_000 });
  await expect(
    page.getByText('Lab results.pdf is in a new draft, “Lab results.pdf”. Your other draft, “Quote.pdf”, is kept under Drafts.'),
  ).toBeVisible();
  await expect(page.getByTestId('document-row')).toHaveCount(1);
  await expect(page.getByTestId('document-row')).toContainText('Lab results.pdf');
  await expect(page.getByTestId('recipient-chip')).toHaveCount(0);
  const items = page.getByTestId('draft-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('Lab results.pdf');
  await expect(items.nth(0)).toContainText('2 pages · no recipient yet');
  await expect(items.nth(0)).toHaveAttribute('data-shown', 'true');
  await expect(items.nth(1)).toContainText('Quote.pdf');
  await expect(items.nth(1)).toContainText('1 page · to Alice Ames');
  await shot(page, '2-drafts-list');

  // The first draft is untouched: its document and recipient are there.
  await items.nth(1).locator('.draft-open').click();
  await expect(page.getByTestId('document-row')).toContainText('Quote.pdf');
  await expect(page.getByTestId('recipient-chip')).toContainText('Alice Ames');

  // "Add new prints to this fax": the next print joins the draft shown.
  await page.getByTestId('arrivals-join').check();
  await expect.poll(() => app.services.settings.get().arrivalsJoinOpenDraft).toBe(true);
  writeFileSync(join(app.hotFolder, 'Annex.pdf'), await pdf('Annex'));
  await expect(page.getByText('Annex.pdf was added to the draft “Quote.pdf + 1 more”.')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('document-row')).toHaveCount(2);
  await expect(items).toHaveCount(2);
});

test('discard asks nothing; Undo within 10 s brings the documents back', async ({ page, app }) => {
  test.setTimeout(60_000);
  await page.goto(app.url);
  await app.listening();
  await addFile(page, 'Letter.pdf', 2);
  await addFile(page, 'Annex.pdf');
  await expect(page.getByTestId('document-row')).toHaveCount(2);
  const ids = app.services.compose.getState().draft.documents.map((d) => d.id);

  await page.getByRole('button', { name: 'Discard this draft' }).click();
  await expect(page.getByTestId('drop-target')).toBeVisible();
  const toast = page.locator('.toast').filter({ hasText: 'Draft discarded' });
  await expect(toast).toContainText('“Letter.pdf + 1 more” was discarded. Undo brings it back for 10 seconds.');
  await shot(page, '3-undo-toast');
  // Held for the undo: the staged copies are still on disk.
  for (const id of ids) expect(existsSync(stagedPath(stagingDir(app.dataDir), id))).toBe(true);

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('document-row')).toHaveCount(2);
  await expect(page.getByTestId('document-row').first()).toContainText('Letter.pdf');
  await expect.poll(() => canvasInk(page, '[data-testid=page-view-canvas]'), { timeout: 15_000 }).toBeGreaterThan(0.05);
  await expect(page.getByTestId('total-pages')).toHaveText('3 pages');
  await shot(page, '4-undone');
  expect(app.services.compose.getState().draft.documents.map((d) => d.id)).toEqual(ids);
});
