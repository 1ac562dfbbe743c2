// Getting started on a person's first start (a fresh data dir): one page in place of the screen,
// never in the way (a print that arrives still opens Compose), its button lands on the printer
// set-up, and once closed it stays closed after a reload; Settings → Help brings it back. The
// shortcuts still work while it is open: they act on Compose, as from any other screen.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { makePdf } from '../fixtures/pdf/make-pdf.ts';
import { ARTIFACTS, expect, test } from './fixtures.ts';

test.use({ firstRun: true });

test('a fresh data dir shows Getting started; its button lands on the printer set-up; closed, it stays closed', async ({ page, app }) => {
  await page.goto(app.url);
  const page1 = page.getByTestId('getting-started');
  await expect(page1.getByRole('heading', { name: 'Getting started', level: 1 })).toBeVisible();
  await expect(page1.getByRole('listitem')).toHaveText([/Print or drop/, /Check the preview/, /Pick the recipients/, /Watch the Outbox/]);
  await expect(page.getByTestId('getting-started-sandbox')).toContainText('nothing is really sent');
  const serious = (await new AxeBuilder({ page }).include('[data-testid=getting-started]').analyze()).violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(serious.map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: join(ARTIFACTS, 'getting-started-1-first-run.png') });

  await page1.getByRole('button', { name: 'Set up the Openfax printer' }).click();
  await expect(page.getByTestId('getting-started')).toHaveCount(0);
  const printerHeading = page.getByRole('heading', { name: 'Print to Openfax' });
  await expect(printerHeading).toBeFocused();
  await expect(printerHeading).toBeInViewport();
  await expect(page.getByTestId('sandbox-banner')).toBeAttached();
  await page.screenshot({ path: join(ARTIFACTS, 'getting-started-2-printer.png') });

  // Closed for good: main stored it, and a reload (a new start of the page) does not show it.
  await expect.poll(() => app.services.settings.get().gettingStartedDone).toBe(true);
  await page.reload();
  await expect(page.getByTestId('drop-target')).toBeVisible();
  await expect(page.getByTestId('getting-started')).toHaveCount(0);

  // Settings → Help shows it again, on demand; Close puts the screen back.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Show Getting started' }).click();
  await expect(page.getByTestId('getting-started')).toBeVisible();
  await page.getByTestId('getting-started').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
});

test('a print that arrives while Getting started is open opens Compose; it shows again until it is closed', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByTestId('getting-started')).toBeVisible();
  await app.listening();
  writeFileSync(join(app.hotFolder, 'Printed letter.pdf'), await makePdf({ pages: ['Printed letter'] }));
  await expect(page.getByTestId('document-row')).toContainText('Printed letter.pdf', { timeout: 15_000 });
  await expect(page.getByTestId('getting-started')).toHaveCount(0);
  // Not closed by the person: the next start offers it again.
  expect(app.services.settings.get().gettingStartedDone).toBe(false);
  await page.reload();
  await expect(page.getByTestId('getting-started')).toBeVisible();
  await page.getByTestId('getting-started').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('getting-started')).toHaveCount(0);
  await expect.poll(() => app.services.settings.get().gettingStartedDone).toBe(true);
  await page.reload();
  await expect(page.getByTestId('document-row')).toContainText('Printed letter.pdf');
  await expect(page.getByTestId('getting-started')).toHaveCount(0);
});

test('the shortcuts work while Getting started is open: Ctrl+O and Ctrl+N act on Compose', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByTestId('getting-started')).toBeVisible();

  // Ctrl+O (File → Add PDF…): the page gives way to Compose, whose file chooser opens.
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('ControlOrMeta+o');
  const memo = Buffer.from(await makePdf({ pages: ['Memo'] }));
  await (await chooser).setFiles({ name: 'memo.pdf', mimeType: 'application/pdf', buffer: memo });
  await expect(page.getByTestId('getting-started')).toHaveCount(0);
  await expect(page.getByTestId('document-row')).toContainText('memo.pdf');
  // Hidden as any navigation hides it, not closed for good.
  expect(app.services.settings.get().gettingStartedDone).toBe(false);

  // Ctrl+N (File → New Fax) from the page, shown again: Compose, with a new, empty fax, the keyboard in it.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Show Getting started' }).click();
  await expect(page.getByTestId('getting-started')).toBeVisible();
  await page.keyboard.press('ControlOrMeta+n');
  await expect(page.getByTestId('getting-started')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Compose', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('document-row')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Choose PDF files…' })).toBeFocused();
  expect(app.services.settings.get().gettingStartedDone).toBe(false);
});
