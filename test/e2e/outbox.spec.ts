// The Outbox against the embedded sandbox: a broadcast to a group of 20 fills in live (no
// reload) until all 20 results are in, the magic failing number shows as failed with its
// reason, and resending it makes a new fax. Also: the attempt timeline, CSV export, the
// notification and badge, axe, and dark mode.

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { normalizeFaxNumber } from '../../shared/fax-rules.ts';
import { insertContact } from '../../electron/store/contacts-repo.ts';
import { addToGroup, createGroup, listGroupMembers } from '../../electron/store/groups-repo.ts';
import { seedDocument, seedJob } from '../electron/outbox-view/seed-jobs.ts';
import { ARTIFACTS, expect, test } from './fixtures.ts';

/** Answered by a voice line: one call, failed, LastStatus 3 (see the sandbox's magic numbers). */
const FAILING = '+1 202 555 0103';
const FAILING_REASON = 'No fax machine answered (voice or modem line?)';

async function makePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= 2; i++) doc.addPage([612, 792]).drawText(`Spring price list, page ${i}`, { x: 72, y: 700, size: 24, font });
  return doc.save();
}

async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const shot = (page: Page, step: string) => page.screenshot({ path: join(ARTIFACTS, `outbox-${step}.png`) });

test('a broadcast to a group of 20 reaches 20 results live; the failed number is resent', async ({ page, app }) => {
  test.setTimeout(120_000);
  mkdirSync(ARTIFACTS, { recursive: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const { services } = app;
  // Results are read every 5 s (the fastest the settings allow), so the run stays short.
  expect(services.settings.update({ pollIntervalSeconds: 5 })).toEqual({ ok: true });

  const db = services.store.db;
  const group = createGroup(db, 'Retail partners');
  const ids = Array.from({ length: 20 }, (_, i) => {
    const raw = i === 12 ? FAILING : `+1 202 555 ${String(1300 + i)}`;
    const n = normalizeFaxNumber(raw);
    if (!n.ok) throw new Error(n.reason);
    return insertContact(db, {
      name: `Partner ${String(i + 1).padStart(2, '0')}`,
      company: 'Retail',
      faxRaw: raw,
      faxNumber: n.value.digits,
    }).id;
  });
  addToGroup(db, group.id, ids);
  const members = listGroupMembers(db, group.id);
  expect(members).toHaveLength(20);

  await page.goto(app.url);
  await page.getByRole('button', { name: /^Outbox/ }).click();
  await expect(page.getByText('No faxes yet.')).toBeVisible();

  const sent = await services.outbox.createBroadcast({
    pdfBytes: await makePdf(),
    originalName: 'Spring prices.pdf',
    recipients: members.map((c) => ({ number: c.faxRaw, contactId: c.id })),
    name: 'Retail partners',
    skipCreditCheck: true,
  });
  if (!sent.ok) throw new Error(sent.error.message);
  expect(sent.value.jobIds).toHaveLength(20);

  // The row appears without a reload, then its progress moves on as the poller reports.
  const row = page.locator('[data-testid="outbox-row"][data-kind="broadcast"]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Broadcast to 20');
  await expect(page.getByTestId('outbox-badge')).toBeVisible();
  await shot(page, 'broadcast-started');
  const progress = row.getByRole('progressbar', { name: 'Broadcast progress' });
  await expect(progress).toHaveAttribute('aria-valuenow', '20', { timeout: 60_000 });
  await expect(row.getByTestId('broadcast-progress')).toHaveText('20 sent · 19 delivered · 1 failed');
  await expect(row).toContainText('Partly failed');
  await expect(page.getByTestId('outbox-badge')).toHaveCount(0);
  await shot(page, 'broadcast-final');

  // One notification for the whole broadcast; the badge is back to 0.
  const host = services.host as typeof services.host & { notifications: Array<{ title: string; body: string }>; badge: number };
  await expect
    .poll(() => host.notifications)
    .toEqual([{ title: 'Broadcast finished with failures', body: 'Spring prices.pdf: 19 delivered, 1 failed of 20.' }]);
  await expect.poll(() => host.badge).toBe(0);

  // Expand: 20 recipients, the magic number failed with its reason and code.
  await row.click();
  await expect(page.getByTestId('broadcast-panel')).toContainText(FAILING_REASON);
  await row.getByRole('button', { name: 'Show the 20 recipients' }).click();
  // The grid is virtualised: count its rows from aria-rowcount (header + broadcast + 20 recipients).
  await expect(page.getByRole('grid', { name: 'Faxes, newest first' })).toHaveAttribute('aria-rowcount', '22');
  const failedRow = page.getByTestId('outbox-recipient').filter({ hasText: 'Partner 13' });
  await expect(failedRow).toContainText('Failed');
  await expect(failedRow).toContainText(FAILING_REASON);
  // The vendor's code is for the side panel (below), not the row.
  await expect(failedRow).not.toContainText('LastStatus 3');
  await shot(page, 'broadcast-expanded');

  // Its side panel: the timeline tells the call in words and code; page 1 is drawn.
  await failedRow.click();
  const panel = page.getByTestId('job-panel');
  await expect(panel.getByRole('heading', { name: 'Partner 13' })).toBeVisible();
  await expect(panel.getByTestId('timeline-entry').filter({ hasText: `Call 1: ${FAILING_REASON}` })).toContainText('LastStatus 3');
  // The document's own thumbnail (the panel may also show the image Openfax sent beside our fax view).
  await expect(panel.locator('.doc-thumb [data-status="done"]')).toBeVisible();
  await shot(page, 'failed-detail');
  await expectNoSeriousAxeViolations(page);

  // The broadcast's own action would dial the voice line again: it asks for a corrected number instead.
  await row.click();
  await page.getByTestId('broadcast-panel').getByRole('button', { name: 'Resend 1 failed' }).click();
  await expect(page.getByText(/failed for a reason redialling cannot fix/)).toBeVisible();
  await failedRow.click();

  // Resend it to a corrected number: a new fax at the top of the list, for the same partner.
  await panel.getByRole('button', { name: 'Correct the number and resend' }).click();
  await panel.getByLabel('Corrected fax number').fill('+1 202 555 0199');
  await panel.getByRole('button', { name: 'Resend to this number' }).click();
  await expect(page.getByText('Sent again as a new fax to +1 202 555 0199.')).toBeVisible();
  const resent = page.locator('[data-testid="outbox-row"][data-kind="job"]').first();
  await expect(resent).toContainText('Partner 13');
  await expect(panel.getByRole('button', { name: /Resend of fax #\d+/ })).toBeVisible();
  await expect(resent).toContainText('Delivered', { timeout: 30_000 });
  await shot(page, 'resent');
  await expect(row.getByTestId('broadcast-progress')).toContainText('19 delivered · 1 failed');
  await expect(page.locator('[data-testid="outbox-row"][data-kind="job"]').filter({ hasText: 'Partner 13' })).toHaveCount(1);
  expect(services.sandbox?.faxes().filter((f) => f.faxNumber === '12025550103')).toHaveLength(1);

  // Filters and search narrow the list live.
  await page.getByRole('button', { name: /^Failed/ }).click();
  await expect(page.getByTestId('outbox-row')).toHaveCount(1);
  await page.getByRole('button', { name: /^All/ }).click();
  await page.getByLabel('Search faxes').fill('Partner 20');
  await expect(page.getByTestId('outbox-row')).toHaveCount(1);
  await expect(page.locator('[data-testid="outbox-row"][data-kind="broadcast"]')).toHaveCount(1);
  await page.getByLabel('Search faxes').fill('');
  await expect(page.getByTestId('outbox-row')).toHaveCount(2);

  // The job list as CSV: 21 faxes.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const lines = readFileSync(file, 'utf8')
    .replace(/^\ufeff/, '')
    .trim()
    .split(/\r\n/);
  expect(lines[0]).toContain('Job ID,Broadcast ID');
  expect(lines).toHaveLength(22);
  expect(lines.filter((l) => l.includes('LastStatus 3'))).toHaveLength(1);

  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'dark');
  await expectNoSeriousAxeViolations(page);
  expect(errors).toEqual([]);
});

test('keyboard: arrows move through the rows, Enter opens, Escape closes', async ({ page, app }) => {
  // Finished faxes written straight into the store: this test is about the grid, not sending.
  const db = app.services.store.db;
  seedDocument(db, 'memo', 'Memo.pdf', 1);
  seedJob(db, { documentId: 'memo', state: 'delivered', toHeader: 'Legal', number: '12025550177' });
  seedJob(db, { documentId: 'memo', state: 'failed', toHeader: 'Billing', number: '12025550178' });
  await page.goto(app.url);
  await page.getByRole('button', { name: /^Outbox/ }).click();
  await expect(page.getByTestId('outbox-row')).toHaveCount(2);
  await page.getByTestId('outbox-row').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('job-panel').getByRole('heading', { name: 'Legal' })).toBeVisible();
  await expect(page.getByTestId('job-panel')).toContainText('The PDF is no longer kept');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('job-panel')).toHaveCount(0);
  await page.getByTestId('outbox-row').first().click();
  await expect(page.getByTestId('job-panel')).toContainText('No answer');
});
