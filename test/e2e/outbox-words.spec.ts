// The words a person reads on the Outbox, in Chromium against the embedded sandbox:
// - a broadcast with mixed outcomes: the numbers on its row, in its panel and in its recipients'
//   rows agree, and each recipient's calls are the calls the sandbox says it placed;
// - chips are words only, never clipped at the widths the table allows (scrollWidth against
//   clientWidth, and inside their cell), the vendor's codes only in the side panel;
// - a fax waiting to redial says "redial about HH:MM" (local time);
// - a sandbox fax is tagged, and hidden when the filter says live only.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { accountKeyOf } from '../../electron/store/account-state-repo.ts';
import { getJob } from '../../electron/store/jobs-repo.ts';
import { seedAttempt, seedDocument, seedJob } from '../electron/outbox-view/seed-jobs.ts';
import { ARTIFACTS, expect, test } from './fixtures.ts';

/** Sandbox magic numbers (electron/sandbox/magic-numbers.ts) and what each does. */
const RECIPIENTS = [
  { number: '+1 202 555 0150', name: 'Delivers A' },
  { number: '+1 202 555 0151', name: 'Delivers B' },
  { number: '+1 202 555 0101', name: 'Busy twice' }, // busy, busy, delivered: 3 calls
  { number: '+1 202 555 0103', name: 'Voice line' }, // not a fax: failed after 1 call
  { number: '+1 202 555 0102', name: 'No answer' }, // no answer ×3: failed after 3 calls
  { number: '+1 202 555 0105', name: 'Restricted' }, // refused by Openfax: never dialled
  { number: '12', name: 'Too short' }, // refused before sending: not a number
];
const FINAL_WORDS = '7 recipients: 2 refused before sending · 5 sent · 3 delivered · 2 failed';

const shot = (page: Page, step: string) => page.screenshot({ path: join(ARTIFACTS, `outbox-words-${step}.png`) });

async function makePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([612, 792]).drawText('Price list', { x: 72, y: 700, size: 24, font });
  return doc.save();
}

/** Chips whose words do not fit their box, their cell or their row (an empty list when none is clipped). */
async function clippedChips(scope: Locator): Promise<string[]> {
  return scope.locator('.chip').evaluateAll((chips) =>
    chips.flatMap((chip) => {
      const box = chip.getBoundingClientRect();
      const cell = chip.closest('.cell')?.getBoundingClientRect();
      const row = chip.closest('[role=row]')?.getBoundingClientRect();
      const fits =
        chip.scrollWidth <= chip.clientWidth &&
        chip.scrollHeight <= chip.clientHeight &&
        (!cell || (box.right <= cell.right + 0.5 && box.left >= cell.left - 0.5)) &&
        (!row || (box.top >= row.top - 0.5 && box.bottom <= row.bottom + 0.5));
      return fits
        ? []
        : [
            `${chip.textContent} (${chip.scrollWidth}×${chip.scrollHeight} in ${chip.clientWidth}×${chip.clientHeight}, or outside its row)`,
          ];
    }),
  );
}

/** The local "HH:MM" of a moment, as the page formats it. */
const localClock = (page: Page, at: number) =>
  page.evaluate(
    (ms) => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms)),
    at,
  );

test('a mixed broadcast, chips, redial time and sandbox history read true', async ({ page, app }) => {
  test.setTimeout(120_000);
  mkdirSync(ARTIFACTS, { recursive: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const { services } = app;
  expect(services.settings.update({ pollIntervalSeconds: 5 })).toEqual({ ok: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(app.url);
  await page.getByRole('button', { name: /^Outbox/ }).click();

  const sent = await services.outbox.createBroadcast({
    pdfBytes: await makePdf(),
    originalName: 'Price list.pdf',
    recipients: RECIPIENTS.map((r) => ({ number: r.number, toHeader: r.name })),
    name: 'Mixed',
    skipCreditCheck: true,
  });
  if (!sent.ok) throw new Error(sent.error.message);

  // The row fills in live until every recipient has its result.
  const row = page.locator('[data-testid="outbox-row"][data-kind="broadcast"]');
  // The row says "Broadcast to 7", then the rest of the sentence; its bar's text is the whole of it.
  await expect(row.getByTestId('broadcast-progress')).toHaveText(FINAL_WORDS.replace('7 recipients: ', ''), { timeout: 60_000 });
  await expect(row).toContainText('Broadcast to 7');
  await expect(row.getByRole('progressbar')).toHaveAttribute('aria-valuetext', FINAL_WORDS);
  await expect(row).toContainText('Partly failed');
  await expect(row.getByTestId('sandbox-tag')).toHaveText('Sandbox');
  await shot(page, 'broadcast-row');

  // The panel says the same numbers; the recipients' rows add up to them.
  await row.click();
  const panel = page.getByTestId('broadcast-panel');
  await expect(panel.getByTestId('broadcast-progress')).toHaveText(FINAL_WORDS);
  await expect(panel.getByRole('button', { name: 'Resend 4 failed' })).toBeVisible();
  await row.getByRole('button', { name: 'Show the 7 recipients' }).click();
  const recipients = page.getByTestId('outbox-recipient');
  await expect(recipients).toHaveCount(7);
  const chips = await recipients.locator('.chip').allTextContents();
  const tally = (label: string) => chips.filter((c) => c === label).length;
  expect({ delivered: tally('Delivered'), failed: tally('Failed'), refused: tally('Refused') }).toEqual({
    delivered: 3,
    failed: 2,
    refused: 2,
  });
  await shot(page, 'broadcast-panel');

  // Each recipient's Attempts cell counts the calls the sandbox itself says it placed.
  const calls = new Map(services.sandbox!.faxes().map((f) => [f.faxNumber, f.attempts]));
  expect(Object.fromEntries(calls)).toMatchObject({ '12025550101': 3, '12025550103': 1, '12025550102': 3, '12025550150': 1 });
  for (const r of RECIPIENTS) {
    const cells = recipients.filter({ hasText: r.name }).locator('[role=gridcell]');
    const digits = r.number.replace(/\D/g, '');
    await expect(cells.nth(4)).toHaveText(`${calls.get(digits.length === 11 ? digits : `1${digits}`) ?? 0}/3`);
  }

  // No vendor code on any row; the codes are in the side panel's timeline.
  const rowText = (await page.getByRole('grid').textContent()) ?? '';
  expect(rowText).not.toMatch(/LastStatus|CurrentState|RestrictedFaxNumber/);
  await recipients.filter({ hasText: 'Voice line' }).click();
  await expect(page.getByTestId('job-panel').getByTestId('timeline-entry').filter({ hasText: 'Call 1:' })).toContainText('LastStatus 3');

  // History written straight into the store while the outbox is stopped (so nothing moves it):
  // the longest chip words, a fax waiting to redial, and a fax of a live account.
  await services.outbox.stop();
  const db = services.store.db;
  seedDocument(db, 'memo', 'Memo.pdf', 1);
  seedJob(db, { documentId: 'memo', state: 'auth-failed', toHeader: 'Refused account', number: '12025550170' });
  seedJob(db, { documentId: 'memo', state: 'no-credit', toHeader: 'Out of credit', number: '12025550171' });
  seedJob(db, { documentId: 'memo', state: 'needs-attention', toHeader: 'Unsure', number: '12025550172' });
  const lastCall = Date.now();
  const waiting = seedJob(db, {
    documentId: 'memo',
    state: 'submitted',
    toHeader: 'Redials soon',
    number: '12025550173',
    patch: { currentState: 7, lastStatus: 2, attempts: 1 },
  });
  seedAttempt(db, waiting, String(100000 + waiting), { historyId: 990001, currentState: 7, lastStatus: 2, seenAt: lastCall });
  seedJob(db, {
    documentId: 'memo',
    state: 'delivered',
    toHeader: 'Live customer',
    number: '12025550174',
    patch: { accountKey: accountKeyOf('https://api.openfax.com', '123456') },
  });
  await page.reload();
  await page.getByRole('button', { name: /^Outbox/ }).click();

  const redialRow = page.getByTestId('outbox-row').filter({ hasText: 'Redials soon' });
  // The fax was seen waiting when it was written: the estimate counts from the later of the two.
  const seenWaiting = getJob(db, waiting)?.updatedAt ?? lastCall;
  const hhmm = await localClock(page, Math.max(lastCall, seenWaiting) + 4 * 60_000);
  await expect(redialRow).toContainText('Waiting to redial');
  await expect(redialRow).toContainText(`redial about ${hhmm}`);
  await redialRow.click();
  await expect(page.getByTestId('redial-note')).toHaveText(`Openfax will redial about ${hhmm}.`);
  await page.keyboard.press('Escape');

  // No chip is clipped: wide, at the smallest window (the panel open over the list), and at
  // the narrowest columns the table has (a 640 px wide outbox).
  for (const [width, withPanel] of [
    [1280, false],
    [960, false],
    [960, true],
    [700, false],
  ] as const) {
    await page.setViewportSize({ width, height: 640 });
    if (withPanel) await redialRow.click();
    await expect(page.getByTestId('outbox-row').first()).toBeVisible();
    expect(await clippedChips(page.getByRole('grid')), `at ${width} px${withPanel ? ' with the panel open' : ''}`).toEqual([]);
    await shot(page, `chips-${width}${withPanel ? '-panel' : ''}`);
    if (withPanel) await page.keyboard.press('Escape');
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  // Sandbox history is tagged; "Live only" hides it and shows the live fax, untagged.
  const sandboxRow = page.getByTestId('outbox-row').filter({ hasText: 'Refused account' });
  await expect(sandboxRow.getByTestId('sandbox-tag')).toBeVisible();
  await expect(page.getByTestId('outbox-row').filter({ hasText: 'Live customer' })).toHaveCount(0);
  await page.getByLabel('Sandbox or live faxes').selectOption('live');
  await expect(page.getByTestId('outbox-row')).toHaveCount(1);
  const liveRow = page.getByTestId('outbox-row').filter({ hasText: 'Live customer' });
  await expect(liveRow).toBeVisible();
  await expect(liveRow.getByTestId('sandbox-tag')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^All/ })).toHaveText('All1');
  await shot(page, 'live-only');
  await page.getByLabel('Sandbox or live faxes').selectOption('both');
  await expect(page.getByTestId('outbox-row')).toHaveCount(6);
  await page.getByLabel('Sandbox or live faxes').selectOption('sandbox');
  await expect(page.getByTestId('outbox-row').filter({ hasText: 'Live customer' })).toHaveCount(0);
  // The sidebar badge counts the sandbox's faxes in flight only (the one waiting to redial).
  await expect(page.getByTestId('outbox-badge')).toHaveText(/^1\b/);
  expect(errors).toEqual([]);
});
