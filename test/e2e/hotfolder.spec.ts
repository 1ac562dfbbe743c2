// Print to fax, end to end: a PDF written into the watched folder (what the virtual printer
// does) comes up on Compose with ink in its preview; a contact from the address book is
// added; it is sent and the Outbox turns Delivered. A routed file name is sent without a
// click; a file that is not a PDF goes aside with its reason and the person is told. The printer
// is the desktop app's alone: the browser host says so and adds none (the real CUPS set-up, from
// the desktop app's side, is test/electron/hotfolder/printer-cups.test.ts).

import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { insertContact } from '../../electron/store/contacts-repo.ts';
import { listJobs } from '../../electron/store/jobs-repo.ts';
import { ARTIFACTS, expect, test } from './fixtures.ts';
import { canvasInk } from './page-checks.ts';

const run = promisify(execFile);
const shot = (page: Page, step: string) => page.screenshot({ path: join(ARTIFACTS, `hotfolder-${step}.png`) });

async function printedPdf(title: string, pages = 2): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let n = 1; n <= pages; n++) {
    const page = doc.addPage([612, 792]);
    page.drawText(`${title}, page ${n}`, { x: 60, y: 680, size: 32, font, color: rgb(0, 0, 0) });
    page.drawRectangle({ x: 60, y: 300, width: 490, height: 300, color: rgb(0, 0, 0) });
  }
  return doc.save();
}

test('a printed PDF comes up on Compose; a contact is added from the address book; it is delivered', async ({ page, app }) => {
  test.setTimeout(90_000);
  insertContact(app.services.store.db, {
    name: 'Dr. Rosa Diaz',
    company: 'Eastside Clinic',
    faxRaw: '(212) 555-0142',
    faxNumber: '12125550142',
  });
  await page.goto(app.url);
  await app.listening();
  await page.getByRole('button', { name: 'Address book' }).click();

  // The printer writes into the folder; the app claims the file and brings Compose forward.
  writeFileSync(join(app.hotFolder, 'Lab results.pdf'), await printedPdf('Lab results'));
  await expect(page.getByTestId('document-row')).toContainText('Lab results.pdf', { timeout: 15_000 });
  await expect(page.getByTestId('document-row')).toContainText('2');
  await expect.poll(() => canvasInk(page, '[data-testid=page-view-canvas]'), { timeout: 15_000 }).toBeGreaterThan(0.05);
  await expect.poll(() => existsSync(join(app.hotFolder, 'Lab results.pdf'))).toBe(false);
  await shot(page, '1-picked-up');

  await page.getByRole('button', { name: 'Address book' }).click();
  await page.getByRole('option', { name: /Rosa Diaz/ }).click();
  await page.getByRole('button', { name: 'Fax this contact' }).click();
  await expect(page.getByTestId('recipient-chip')).toHaveCount(1);
  await expect(page.getByTestId('recipient-chip')).toContainText('Rosa Diaz');
  await shot(page, '2-recipient-from-address-book');

  await page.getByTestId('send').click();
  await page.getByRole('dialog', { name: 'Send this fax?' }).getByRole('button', { name: 'Send now' }).click();
  await expect(page.getByTestId('send-status')).toHaveAttribute('data-phase', 'sent', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Open the Outbox' }).click();
  const row = page.getByTestId('outbox-row').filter({ hasText: 'Rosa Diaz' });
  await expect(row).toContainText('Delivered', { timeout: 45_000 });
  await shot(page, '3-delivered');
  expect(app.services.sandbox.faxes()).toMatchObject([{ faxNumber: '12125550142', pages: 2 }]);
});

test('a file named with its fax number is sent without a click when auto-routing is on', async ({ page, app }) => {
  test.setTimeout(60_000);
  expect(app.services.settings.get().autoRouting).toBe(true);
  await page.goto(app.url);
  await app.listening();
  writeFileSync(join(app.hotFolder, '202-555-0199 - Signed contract.pdf'), await printedPdf('Signed contract', 3));
  await expect(page.getByText('Printed document queued')).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: /^Outbox/ }).click();
  const row = page.getByTestId('outbox-row').filter({ hasText: '202' });
  await expect(row).toContainText('Delivered', { timeout: 45_000 });
  const job = listJobs(app.services.store.db).find((j) => j.faxNumber === '12025550199');
  expect(job).toMatchObject({ state: 'delivered', pages: 3 });
  await shot(page, '4-auto-routed');
});

test('a file that is not a PDF is set aside with its reason, and the person is told', async ({ page, app }) => {
  test.setTimeout(60_000);
  await page.goto(app.url);
  await app.listening();
  writeFileSync(join(app.hotFolder, 'scan.pdf'), 'This is a text file that someone named .pdf\n');
  const toast = page.getByRole('alert').filter({ hasText: 'scan.pdf was set aside' });
  await expect(toast).toBeVisible({ timeout: 15_000 });
  await shot(page, '5-rejected');

  const rejected = join(app.hotFolder, 'Rejected');
  await expect.poll(() => (existsSync(rejected) ? readdirSync(rejected).sort() : [])).toEqual(['scan.pdf', 'scan.pdf.reason.txt']);
  // The person's file is kept byte for byte, with words that say what to do.
  expect(readFileSync(join(rejected, 'scan.pdf'), 'utf8')).toContain('someone named .pdf');
  expect(readFileSync(join(rejected, 'scan.pdf.reason.txt'), 'utf8')).toMatch(/not a PDF/i);
  const host = app.services.host as unknown as { notifications: Array<{ title: string }> };
  expect(host.notifications.map((n) => n.title)).toContain('Not faxable: scan.pdf');
  expect(app.services.compose.getState().draft.documents).toEqual([]);
});

test('the browser host says printer set-up is in the desktop app, and a call to install it adds no printer', async ({ page, app }) => {
  test.setTimeout(60_000);
  const name = (await app.services.printer.view()).printerName;
  await page.goto(app.url);
  await app.listening();
  await page.getByRole('button', { name: 'Set up the Openfax printer' }).click();
  const card = page.getByRole('region', { name: 'Print to Openfax' });
  const words = await card.getByTestId('printer-unavailable').textContent();
  expect(words).toMatch(/^The printer is set up in the Openfax Desktop app: open it and go to Settings → Print to Openfax\./);
  await expect(card.getByRole('button', { name: /Set up the printer|Remove the printer/ })).toHaveCount(0);
  await shot(page, '6-printer-desktop-only');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const axe = await new AxeBuilder({ page }).include('#printer-setup').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // A hostile page with the token asks anyway, over its own socket: refused, in words.
  const answers = await page.evaluate(async () => {
    const token = sessionStorage.getItem('openfax-token') ?? '';
    const ws = new WebSocket(`ws://${location.host}/ipc?token=${encodeURIComponent(token)}`);
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = reject;
    });
    const ask = (id: number, method: string) =>
      new Promise<unknown>((resolve) => {
        ws.addEventListener('message', (m) => {
          const data = JSON.parse(String(m.data));
          if (data.id === id) resolve(data.result);
        });
        ws.send(JSON.stringify({ id, method, payload: undefined }));
      });
    const result = [await ask(1, 'installPrinter'), await ask(2, 'removePrinter')];
    ws.close();
    return result;
  });
  for (const answer of answers) {
    expect(answer).toEqual({ ok: false, error: { code: 'printer-needs-desktop', message: words } });
  }
  // Judged by CUPS itself and by the printer's own status check: no queue was added.
  await expect(run('lpstat', ['-p', name])).rejects.toThrow();
  expect((await app.services.printer.view()).installed).toBe(false);
});
