// Numbers and CSV end to end, in Chromium against the real app (browser host, embedded
// sandbox): what is typed into Recipients splits at commas and semicolons, an extension is
// kept off the dialled number with a note, a number not in use is refused with the reason, and
// the sandbox's own record shows exactly the two numbers dialled. A bad import row is fixed in
// the preview and imported while the person's file stays as it was. The Outbox CSV, read back
// with papaparse, keeps every rule a spreadsheet needs.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { localDateTime, timeZoneName } from '../../electron/core/spreadsheet-csv.ts';
import { all } from '../../electron/store/sql.ts';
import { seedDocument, seedJob } from '../electron/outbox-view/seed-jobs.ts';
import { ARTIFACTS, expect, test } from './fixtures.ts';

const shot = (page: Page, step: string) => page.screenshot({ path: join(ARTIFACTS, `numbers-${step}.png`) });

async function onePagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([612, 792]).drawText('Order confirmation', { x: 72, y: 700, size: 24, font });
  return doc.save();
}

test('typed recipients split into chips; the extension is not dialled; a number not in use is refused', async ({ page, app }) => {
  test.setTimeout(60_000);
  mkdirSync(ARTIFACTS, { recursive: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.url);
  await expect(page.getByTestId('drop-target')).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose PDF files…' }).click();
  await (await chooser).setFiles({ name: 'order.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await onePagePdf()) });
  await expect(page.getByTestId('document-row')).toHaveCount(1);

  const recipients = page.getByRole('combobox', { name: 'Recipients' });
  await recipients.pressSequentially('212 555 0100 x12, 2125550111; 999 555 0100');
  const chips = page.getByTestId('recipient-chip');
  await expect(chips).toHaveCount(2);
  await expect(chips.nth(0)).toContainText('+1 212 555 0100');
  await expect(chips.nth(0).getByTestId('recipient-chip-extension')).toHaveText('ext. 12 not dialled');
  await expect(chips.nth(1)).toHaveText(/\+1 212 555 0111/);
  await expect(page.getByTestId('recipients-extension-note')).toContainText(
    '+1 212 555 0100: Extension 12 is left out: a fax cannot dial extensions',
  );
  // The third number stays in the field, with the reason it cannot be dialled.
  await expect(recipients).toHaveValue('999 555 0100');
  await expect(page.getByTestId('recipients-live')).toContainText('Area code 999 is not in use in North America');
  await recipients.press('Enter');
  await expect(page.getByTestId('recipients-error')).toContainText('Area code 999 is not in use in North America');
  await expect(chips).toHaveCount(2);
  await shot(page, '1-recipients');

  // Send to the two: the sandbox's own record holds exactly those numbers, without the extension.
  await recipients.fill('');
  await page.getByTestId('send').click();
  const dialog = page.getByRole('dialog', { name: 'Send this fax?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Send now' }).click();
  await expect(page.getByTestId('send-status')).toHaveAttribute('data-phase', 'sent', { timeout: 20_000 });
  expect(
    app.services.sandbox
      .faxes()
      .map((f) => f.faxNumber)
      .sort(),
  ).toEqual(['12125550100', '12125550111']);

  // The Outbox shows them the way the chips did.
  await page.getByRole('button', { name: /^Outbox/ }).click();
  await page.getByRole('button', { name: 'Show the 2 recipients' }).click();
  await expect(page.getByTestId('outbox-recipient').filter({ hasText: '+1 212 555 0111' })).toHaveCount(1);
  await expect(page.getByTestId('outbox-recipient').filter({ hasText: '+1 212 555 0100' })).toHaveCount(1);
  await shot(page, '2-outbox');
  expect(errors).toEqual([]);
});

test('a bad row is fixed in the import preview and imported; the file is not changed', async ({ page, app }) => {
  test.setTimeout(60_000);
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'openfax-import-file-'));
  try {
    const path = join(dir, 'clinics.csv');
    writeFileSync(
      path,
      [
        'Name,Company,Fax',
        'Ann Lee,Northside Clinic,212 555 0141',
        'Bo Chan,Eastside Clinic,999 555 0142',
        'Cy Diaz,West Lab,212 555 0143 ext. 204',
      ].join('\r\n'),
    );
    const before = { bytes: readFileSync(path), mtime: statSync(path).mtimeMs };

    await page.goto(app.url);
    await page.getByRole('button', { name: 'Address book' }).click();
    await page.getByRole('button', { name: 'Import / export' }).click();
    await page.getByRole('menuitem', { name: 'Import CSV or vCard…' }).click();
    await page.getByTestId('import-file-input').setInputFiles(path);
    const dialog = page.getByRole('dialog', { name: 'Import clinics.csv' });
    await dialog.getByRole('button', { name: 'Check 3 rows' }).click();

    const counts = dialog.getByTestId('import-counts');
    await expect(counts).toContainText('2 ready');
    await expect(counts).toContainText('1 with problems');
    const rows = dialog.getByTestId('import-rows');
    await expect(rows).toContainText('Area code 999 is not in use in North America');
    await shot(page, '3-import-problem');

    const fax = dialog.getByRole('textbox', { name: 'Fax number, row 3' });
    await expect(fax).toHaveValue('999 555 0142');
    await fax.fill('212 555 0142');
    await fax.press('Enter');
    await expect(counts).toContainText('3 ready');
    await expect(counts).toContainText('0 with problems');
    await expect(rows).toContainText('Dialled as +1 212 555 0142');
    await expect(rows).not.toContainText('Area code 999');
    // The extension is a note on a ready row, not a refusal.
    await dialog.getByText(/^All rows/).click();
    await expect(rows).toContainText('Extension 204 is left out: a fax cannot dial extensions');
    await shot(page, '4-import-fixed');

    await dialog.getByRole('button', { name: 'Import 3 contacts' }).click();
    await expect(page.getByTestId('import-report')).toContainText('3 contacts added');
    expect(all(app.services.store.db, 'SELECT name, fax_number AS number FROM contacts ORDER BY name')).toEqual([
      { name: 'Ann Lee', number: '12125550141' },
      { name: 'Bo Chan', number: '12125550142' },
      { name: 'Cy Diaz', number: '12125550143' },
    ]);
    expect(readFileSync(path).equals(before.bytes)).toBe(true);
    expect(statSync(path).mtimeMs).toBe(before.mtime);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the Outbox CSV reads back with every spreadsheet rule kept', async ({ page, app }) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const db = app.services.store.db;
  const at = Date.UTC(2026, 6, 1, 12, 0, 0);
  seedDocument(db, 'memo', 'Memo.pdf', 1, at);
  seedJob(db, { documentId: 'memo', state: 'delivered', toHeader: 'London', number: '442079460000', createdAt: at });
  seedJob(db, { documentId: 'memo', state: 'failed', toHeader: '=SUM(A1)', number: '12125550100', createdAt: at });

  await page.goto(app.url);
  await page.getByRole('button', { name: /^Outbox/ }).click();
  await expect(page.getByTestId('outbox-row').filter({ hasText: '+44 20 7946 0000' })).toHaveCount(1);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const text = readFileSync((await (await download).path()) as string);

  // UTF-8 with a byte-order mark, CRLF after every line.
  expect([...text.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = text.toString('utf8').slice(1);
  expect(csv.endsWith('\r\n')).toBe(true);
  expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const { data, errors } = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
  expect(errors).toEqual([]);
  const zone = timeZoneName();
  const london = data.find((r) => r.Recipient === 'London');
  const formula = data.find((r) => r.Status === 'Failed');
  // Local time, the zone named in the header.
  expect(london?.[`Created (${zone})`]).toBe(localDateTime(at));
  // The number as the Outbox shows it, kept as text so its '+' survives.
  expect(london?.['Fax number']).toBe("'+44 20 7946 0000");
  expect(formula?.['Fax number']).toBe("'+1 212 555 0100");
  // A To header a spreadsheet would run as a formula is neutralised.
  expect(formula?.Recipient).toBe("'=SUM(A1)");
  for (const row of data) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
});
