// Account & Settings: sandbox by default with the magic numbers one click away; a live account
// (a second, in-memory sandbox standing in for Openfax) set with a key typed once; test
// connection reports the exact error and code; every setting saved on change, bad values
// refused with the reason under the field. Throughout, the key never reaches the page, any
// file in the data directory, or the log.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { startSandbox } from '../../electron/sandbox/index.ts';
import { ARTIFACTS, expect, test } from './fixtures.ts';

const LIVE_ID = '200000002';
const WRONG_KEY = 'wrong-key-7f3a9c1e5b';
const TEST_KEY = 'live-test-key-Q8w2Zr4Tn6Yp';

async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Files under `dir` whose bytes contain `secret` (plain, or as UTF-16 as some stores write). */
function filesContaining(dir: string, secret: string): string[] {
  const needles = [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le')];
  return filesUnder(dir).filter((f) => {
    const bytes = readFileSync(f);
    return needles.some((n) => bytes.includes(n));
  });
}

async function expectKeyNowhere(page: Page, dataDir: string): Promise<void> {
  for (const key of [TEST_KEY, WRONG_KEY]) {
    expect(await page.content()).not.toContain(key);
    expect(await page.evaluate(() => [...document.querySelectorAll('input')].map((i) => i.value).join('\n'))).not.toContain(key);
    expect(filesContaining(dataDir, key)).toEqual([]);
  }
}

const shot = (page: Page, step: string) => page.screenshot({ path: join(ARTIFACTS, `settings-${step}.png`) });

test('sandbox first; a live account set, tested and removed; the key never leaks', async ({ page, app }) => {
  test.setTimeout(90_000);
  mkdirSync(ARTIFACTS, { recursive: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Stands in for the real Openfax: nothing of it is written under the app's data directory.
  const vendor = await startSandbox({ speed: 240, accounts: [{ accountId: LIVE_ID, apiKey: TEST_KEY, credit: 3.5 }] });
  try {
    await page.goto(app.url);
    await expect(page.getByTestId('mode-badge')).toContainText('Sandbox');
    await page.getByTestId('mode-badge').click();
    const popover = page.getByRole('dialog', { name: 'Sandbox test numbers' });
    await expect(popover).toContainText('+1 202 555 0103');
    await expect(popover.getByRole('button', { name: 'Set up your Openfax account' })).toBeVisible();
    await shot(page, 'sandbox-popover');
    await popover.getByRole('button', { name: 'Set up your Openfax account' }).click();

    const banner = page.getByTestId('sandbox-banner');
    await expect(banner).toContainText('Sandbox mode: faxes are simulated');
    await expect(banner).toContainText('Busy twice, then delivered');
    await expect(page.getByRole('button', { name: 'Switch to your Openfax account' })).toBeDisabled();
    await expect(page.getByTestId('key-status')).toHaveText('API key: not set');
    await shot(page, 'sandbox');
    await expectNoSeriousAxeViolations(page);

    // Test connection tries what is typed in the form; with nothing typed it says what is missing.
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByText('The account ID is the number shown in your Openfax portal (digits only).')).toBeVisible();

    // A wrong key first: saved (shown only as set), then refused with the vendor's code, and the
    // switch to the real account refused with it (test/e2e/account-trust.spec.ts: "Switch anyway").
    await page.getByLabel('Account ID').fill(LIVE_ID);
    await page.getByLabel('API key').fill(WRONG_KEY);
    await page.getByText('Server address').click();
    await page.getByLabel('Openfax API address').fill(vendor.url);
    await page.getByRole('button', { name: 'Save account' }).click();
    await expect(page.getByTestId('key-status')).toContainText('API key: set');
    await expect(page.getByLabel('API key')).toHaveValue('');
    await page.getByRole('button', { name: 'Switch to your Openfax account' }).click();
    await expect(page.getByTestId('switch-failed')).toContainText('Code: InvalidAuthentication');
    await expect(page.getByTestId('mode-badge')).toContainText('Sandbox');
    await page.getByRole('button', { name: 'Test connection' }).click();
    const result = page.getByTestId('test-result');
    await expect(result).toContainText('The account ID or API key was not accepted.');
    await expect(result).toContainText('Code: InvalidAuthentication');
    await shot(page, 'wrong-key');
    await expectKeyNowhere(page, app.dataDir);

    // The right key replaces it; the credit shows in the top bar with the low-credit warning.
    await page.getByLabel('API key').fill(TEST_KEY);
    await page.getByRole('button', { name: 'Save account' }).click();
    await expect(page.getByLabel('API key')).toHaveValue('');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByTestId('test-result')).toContainText(`Connected to Openfax account ${LIVE_ID} at ${vendor.url}. Credit: $3.50.`);
    await page.getByRole('button', { name: 'Switch to your Openfax account' }).click();
    await expect(page.getByTestId('mode-badge')).toContainText(`Live account ${LIVE_ID}`);
    await expect(page.getByTestId('credit')).toContainText('$3.50');
    await expect(page.getByTestId('low-credit')).toBeVisible();
    await shot(page, 'live');

    // The warning level is a setting, applied at once.
    const threshold = page.getByLabel('Warn when credit falls below');
    await threshold.fill('2');
    await expect(page.getByTestId('low-credit')).toHaveCount(0);
    expect(app.services.settings.get().lowCreditThreshold).toBe(2);

    // Openfax unreachable at a typed address: a network error with its system code. The stored
    // key is not sent to the new address: the key is typed again for it.
    await page.getByLabel('Openfax API address').fill('http://127.0.0.1:9');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByText(/The stored API key was entered for http:\/\/127\.0\.0\.1:\d+\. Enter the key again/)).toBeVisible();
    await page.getByLabel('API key').fill(TEST_KEY);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByTestId('test-result')).toContainText('Could not reach Openfax');
    await expect(page.getByTestId('test-result')).toContainText('Code: ECONNREFUSED');
    await shot(page, 'network-error');
    await page.getByLabel('API key').fill('');
    await page.getByLabel('Openfax API address').fill(vendor.url);

    // Removing the key goes back to the sandbox.
    await page.getByRole('button', { name: 'Remove key' }).click();
    await expect(page.getByTestId('key-status')).toHaveText('API key: not set');
    await expect(page.getByTestId('mode-badge')).toContainText('Sandbox');
    await expectKeyNowhere(page, app.dataDir);
    expect(errors).toEqual([]);
  } finally {
    await vendor.close();
  }
  // The log lives in the data directory; check it once more after everything was written.
  expect(readFileSync(join(app.dataDir, 'openfax.log'), 'utf8')).not.toContain(TEST_KEY);
  expect(filesContaining(app.dataDir, TEST_KEY)).toEqual([]);
});

test('settings are saved on change; refused values say why under the field', async ({ page, app }) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const folder = mkdtempSync(join(tmpdir(), 'openfax-hot-'));
  try {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Settings' }).click();

    await page.getByLabel('Resolution').selectOption('fine');
    await expect.poll(() => app.services.settings.get().resolution).toBe('fine');
    await page.getByLabel('From header').fill('ACME LEGAL');
    await expect.poll(() => app.services.settings.get().fromHeader).toBe('ACME LEGAL');
    await page.getByLabel('Notify me when a fax is delivered or fails').uncheck();
    await expect.poll(() => app.services.settings.get().notifyOnResult).toBe(false);

    // Appearance applies at once, whatever the OS prefers, and back to following the OS.
    await page.emulateMedia({ colorScheme: 'light' });
    const background = () => page.evaluate(() => getComputedStyle(document.body.closest('html')!).backgroundColor);
    const light = await background();
    await page.getByLabel('Appearance').selectOption('dark');
    await expect.poll(() => app.services.settings.get().theme).toBe('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect.poll(background).not.toBe(light);
    await page.getByLabel('Appearance').selectOption('system');
    await expect.poll(background).toBe(light);

    // Out of range, refused here with the schema's reason, and nothing is stored.
    const fastest = page.getByLabel('Fastest result check');
    await fastest.fill('2');
    await expect(page.getByText(/>=\s*5|at least 5/i)).toBeVisible();
    await expect(fastest).toHaveAttribute('aria-invalid', 'true');
    expect(app.services.settings.get().pollIntervalSeconds).toBe(15);
    await fastest.fill('60');
    await expect.poll(() => app.services.settings.get().pollIntervalSeconds).toBe(60);
    // Two settings tied together: the slowest check cannot be faster than the fastest.
    await page.getByLabel('Slowest result check').fill('45');
    await expect(page.getByText('Must be at least the fastest check (60 seconds).')).toBeVisible();
    expect(app.services.settings.get().pollMaxIntervalSeconds).toBe(300);
    await page.getByLabel('From header').fill('THIS IS FAR TOO LONG');
    await expect(page.getByText("At most 15 characters (the vendor's limit).")).toBeVisible();

    // The hot folder (a typed path in the browser): relative refused here, a system folder refused by main.
    const path = page.getByLabel('Folder path');
    await path.fill('faxes/in');
    await expect(page.getByText('Use a full folder path, e.g. /home/you/Faxes or C:\\Faxes.')).toBeVisible();
    await path.fill('/proc/openfax-hot-folder');
    await expect(page.getByText(/is a system folder\. Choose a folder of your own/)).toBeVisible();
    await shot(page, 'refused');
    expect(app.services.settings.get().hotFolderPath).toBe('');
    await path.fill(folder);
    await expect.poll(() => app.services.settings.get().hotFolderPath).toBe(folder);
    await expect(page.getByText(/is a system folder/)).toHaveCount(0);

    await expectNoSeriousAxeViolations(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'dark');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a typed hot folder that holds files is shown before it is used; Cancel keeps the old folder and moves nothing', async ({
  page,
  app,
}) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const folder = mkdtempSync(join(tmpdir(), 'openfax-full-'));
  writeFileSync(join(folder, 'Tax return 2024.pdf'), 'not really a PDF');
  writeFileSync(join(folder, 'notes.txt'), 'x');
  mkdirSync(join(folder, 'Receipts'));
  try {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    const path = page.getByLabel('Folder path');

    // The home folder is never one, with the fix named.
    await path.fill(homedir());
    await expect(page.getByText(/is your home folder\. .*make a new, empty folder/)).toBeVisible();

    await path.fill(folder);
    const question = page.getByRole('dialog', { name: 'This folder is not empty' });
    await expect(question).toContainText(`${folder} already holds 3 items. Use it as the hot folder anyway?`);
    await expect(question.getByTestId('folder-listing').locator('li')).toHaveText(['notes.txt', 'Receipts/', 'Tax return 2024.pdf']);
    await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await shot(page, 'folder-not-empty');
    await expectNoSeriousAxeViolations(page);
    await question.getByRole('button', { name: 'Cancel' }).click();
    await expect(question).toBeHidden();
    await expect(page.getByText(`Not changed: the hot folder is still ${app.hotFolder}.`)).toBeVisible();
    expect(app.services.settings.get().hotFolderPath).toBe('');
    expect(app.services.hotfolder?.view().folder).toBe(app.hotFolder);
    expect(readdirSync(folder).sort()).toEqual(['Receipts', 'Tax return 2024.pdf', 'notes.txt']);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
