// The keyboard alone, with the shortcuts: skip link, Ctrl+O to add a PDF (the file chooser),
// focus landing in Recipients once it loads, Ctrl+Enter through the confirm, Ctrl+2 and
// Ctrl+F to find the fax in the Outbox, Ctrl+3 and Ctrl+F in the Address book, Ctrl+1 and
// Ctrl+N for a new fax. The judge is the sandbox's own record: one fax, to that number.

import { join } from 'node:path';
import { ARTIFACTS, expect, test } from './fixtures.ts';
import { threePagePdf } from './sample-documents.ts';

// Playwright's "ControlOrMeta" is Cmd on macOS and Ctrl elsewhere, as the app's shortcuts are.
const mod = (key: string) => `ControlOrMeta+${key}`;

test('a fax from the keyboard alone, with the shortcuts', async ({ page, app }) => {
  test.setTimeout(60_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.url);
  await expect(page.getByTestId('drop-target')).toBeVisible();

  // The first Tab reaches the skip link; it takes the keyboard past the sidebar.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  // Ctrl+O opens the file chooser; once the file loads, the keyboard is in Recipients, not lost.
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press(mod('o'));
  await (await chooser).setFiles({ name: 'memo.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await threePagePdf()) });
  await expect(page.getByTestId('document-row')).toHaveCount(1);
  const recipients = page.getByRole('combobox', { name: 'Recipients' });
  await expect(recipients).toBeFocused();

  await page.keyboard.type('(202) 555-0160');
  await expect(page.getByText('Will dial +1 202 555 0160')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('recipient-chip')).toHaveCount(1);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'To header' })).toBeFocused();
  await page.keyboard.type('Front desk');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Acme');
  const focusVisible = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    return getComputedStyle(el).outlineStyle !== 'none' || getComputedStyle(el).boxShadow !== 'none';
  });
  expect(focusVisible).toBe(true);

  // The tooltips name the keys, from the same table the keys use.
  await expect(page.getByTestId('send')).toHaveAttribute('title', /Ctrl\+Enter|⌘Enter/);
  await expect(page.getByTestId('new-draft')).toHaveAttribute('title', /Ctrl\+N|⌘N/);

  // Ctrl+Enter asks first, like the button; Enter on "Send now" sends.
  await page.keyboard.press(mod('Enter'));
  const dialog = page.getByRole('dialog', { name: 'Send this fax?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Send now' })).toBeFocused();
  // A second Ctrl+Enter behind the dialog sends nothing by itself.
  await page.keyboard.press(mod('Enter'));
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('send-status')).toHaveAttribute('data-phase', 'sent', { timeout: 20_000 });
  await expect.poll(() => app.services.sandbox.faxes().length).toBe(1);
  const shownDraft = page.locator('[data-testid=draft-item][data-shown=true]');
  await expect(shownDraft).toContainText('sent');
  expect(app.services.sandbox.faxes()[0]).toMatchObject({ faxNumber: '12025550160', pages: 3, toHeader: 'Front desk', fromHeader: 'Acme' });

  // Ctrl+2: the Outbox; Ctrl+F: its search, where typing finds the fax.
  await page.keyboard.press(mod('2'));
  await expect(page.getByRole('heading', { name: 'Outbox', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Outbox', exact: true })).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press(mod('f'));
  const outboxSearch = page.getByRole('searchbox', { name: 'Search faxes' });
  await expect(outboxSearch).toBeFocused();
  await page.keyboard.type('0160');
  await expect(page.getByTestId('outbox-row')).toHaveCount(1);
  await expect(page.getByTestId('outbox-row')).toContainText(/555.?0160/);
  await page.keyboard.type('999');
  await expect(page.getByTestId('outbox-row')).toHaveCount(0);

  // Ctrl+3: the Address book; Ctrl+F: its search. Ctrl+4: Settings.
  await page.keyboard.press(mod('3'));
  await expect(page.getByRole('heading', { name: 'Address book', level: 1 })).toBeVisible();
  await page.keyboard.press(mod('f'));
  await expect(page.getByRole('searchbox', { name: 'Search contacts' })).toBeFocused();
  await page.keyboard.press(mod('4'));
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  // Settings lists every key, from the same table.
  await expect(page.getByTestId('shortcut-list')).toContainText(/(Ctrl\+|⌘)NStart a new fax/);
  await expect(page.getByTestId('shortcut-list').locator('kbd')).toHaveCount(8);
  // The focus was on a box of the screen that left: it is kept on the page, not dropped on <body>.
  expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);

  // Ctrl+N from another screen: Compose, with a new, empty fax, and the keyboard in it.
  await page.keyboard.press(mod('n'));
  await expect(page.getByRole('button', { name: 'Compose', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('drop-target')).toBeVisible();
  await expect(page.getByTestId('send-status')).toHaveCount(0);
  await expect(shownDraft).not.toContainText('sent');
  await expect(page.getByRole('button', { name: 'Choose PDF files…' })).toBeFocused();
  await page.screenshot({ path: join(ARTIFACTS, 'shortcuts-new-fax.png') });

  // Ctrl+1 is Compose from anywhere; nothing else was sent along the way.
  await page.keyboard.press(mod('2'));
  await page.keyboard.press(mod('1'));
  await expect(page.getByRole('heading', { name: 'Compose a fax' })).toBeAttached();
  expect(app.services.sandbox.faxes()).toHaveLength(1);
  expect(errors).toEqual([]);
});

test('after "Choose PDF files…" and Enter, the keyboard lands in Recipients, not on the page body', async ({ page, app }) => {
  await page.goto(app.url);
  const choose = page.getByRole('button', { name: 'Choose PDF files…' });
  await expect(choose).toHaveAttribute('title', /Ctrl\+O|⌘O/);
  const chooser = page.waitForEvent('filechooser');
  await choose.focus();
  await page.keyboard.press('Enter');
  await (await chooser).setFiles({ name: 'memo.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await threePagePdf()) });
  await expect(page.getByTestId('document-row')).toHaveCount(1);
  // The button that had the focus is gone with the empty page; the next field to fill has it.
  await expect(page.getByRole('combobox', { name: 'Recipients' })).toBeFocused();
  // Ctrl+O again adds to this fax (the file chooser comes from "Add PDF…").
  const again = page.waitForEvent('filechooser');
  await page.keyboard.press(mod('o'));
  await (await again).setFiles({ name: 'annex.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await threePagePdf()) });
  await expect(page.getByTestId('document-row')).toHaveCount(2);
  await expect(page.getByRole('combobox', { name: 'Recipients' })).toBeFocused();
});
