// An account a person can trust before going live, through the browser host: Test connection
// tries exactly what was typed at the address typed (a stand-in Openfax on loopback records
// what it got; the embedded sandbox gets nothing); a failing test keeps the sandbox until
// "Switch anyway"; the top bar is green only after a call answered; a changed address needs
// the key again and gets nothing; back in the sandbox its credit shows at once.

import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { type OpenfaxStandIn, startOpenfaxStandIn } from '../fakes/openfax-stand-in.ts';
import { ARTIFACTS, expect, test } from './fixtures.ts';

const ID = '300000003';
const KEY = 'trust-key-Hq7Lm2Xv9Rb4';

const shot = (page: Page, step: string) => page.screenshot({ path: join(ARTIFACTS, `account-trust-${step}.png`) });

/** Every request the embedded sandbox's HTTP server starts, read from Node's own HTTP diagnostics. */
function watchServer(port: number): { paths: string[]; stop(): void } {
  const paths: string[] = [];
  const onRequest = (msg: unknown) => {
    const req = (msg as { request: IncomingMessage }).request;
    if (req.socket.localPort === port) paths.push(req.url ?? '');
  };
  subscribe('http.server.request.start', onRequest);
  return { paths, stop: () => unsubscribe('http.server.request.start', onRequest) };
}

async function openAccountSettings(page: Page, url: string): Promise<void> {
  await page.goto(url);
  // The sandbox's credit is read at start; wait for it so no start-up call is counted below.
  await expect(page.getByTestId('credit')).toContainText('$1,000.00');
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('sandbox-banner')).toBeVisible();
}

async function typeAccount(page: Page, fields: { id?: string; key?: string; url?: string }): Promise<void> {
  if (fields.id !== undefined) await page.getByLabel('Account ID').fill(fields.id);
  if (fields.key !== undefined) await page.getByLabel('API key').fill(fields.key);
  if (fields.url !== undefined) {
    const address = page.getByLabel('Openfax API address');
    if (!(await address.isVisible())) await page.getByText('Server address').click();
    await address.fill(fields.url);
  }
}

let standIn: OpenfaxStandIn;
test.beforeEach(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  standIn = await startOpenfaxStandIn({ credit: 42.5 });
});
test.afterEach(() => standIn.close());

test('Test connection tries the typed live credentials at the typed address, not the sandbox, and saves nothing', async ({ page, app }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openAccountSettings(page, app.url);
  const sandbox = watchServer(Number(new URL(app.services.sandbox.url).port));
  try {
    // Checked as typed, by the shared rule.
    await typeAccount(page, { id: '3000-3' });
    await expect(page.getByText('The account ID is the number shown in your Openfax portal (digits only).')).toBeVisible();
    await typeAccount(page, { id: ID, key: KEY, url: standIn.url });
    await expect(page.getByText('The account ID is the number shown in your Openfax portal (digits only).')).toHaveCount(0);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByTestId('test-result')).toContainText(`Connected to Openfax account ${ID} at ${standIn.url}. Credit: $42.50.`);
    await shot(page, 'test-typed');
    expect(standIn.requests.map((r) => r.path)).toEqual(['/getAvailableCredit.php']);
    expect(standIn.requests[0]?.body).toContain(ID);
    expect(standIn.received(KEY)).toBe(true);
    expect(sandbox.paths).toEqual([]);
    // The watch does see the sandbox: the top bar's refresh (the current mode's credit) reaches it.
    await page.getByRole('button', { name: 'Refresh the credit' }).click();
    await expect.poll(() => sandbox.paths).toContain('/getAvailableCredit.php');
    expect(standIn.requests).toHaveLength(1);
  } finally {
    sandbox.stop();
  }
  // Nothing was saved, and the app still uses the sandbox.
  expect(app.services.settings.get()).toMatchObject({ accountId: '', accountMode: 'sandbox' });
  await expect(page.getByTestId('mode-badge')).toContainText('Sandbox');

  // Refused by the typed server: its words and code, naming where it asked.
  standIn.behaviour = 'refuse';
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('test-result')).toContainText(`Account ${ID} at ${standIn.url}`);
  await expect(page.getByTestId('test-result')).toContainText('Code: InvalidAuthentication');
  // The key is only in the field the person typed it into, never in what main sent back.
  expect(await page.getByTestId('test-result').textContent()).not.toContain(KEY);
  expect(errors).toEqual([]);
});

test('a failing test keeps the sandbox until "Switch anyway"; the top bar is green only after a call answered', async ({ page, app }) => {
  test.setTimeout(60_000);
  const other = await startOpenfaxStandIn();
  try {
    await openAccountSettings(page, app.url);
    await typeAccount(page, { id: ID, key: KEY, url: standIn.url });
    await page.getByRole('button', { name: 'Save account' }).click();
    await expect(page.getByTestId('key-status')).toContainText('API key: set');

    // The stand-in refuses: no switch, the failure shown, "Switch anyway" offered.
    standIn.behaviour = 'refuse';
    await page.getByRole('button', { name: 'Switch to your Openfax account' }).click();
    const failed = page.getByTestId('switch-failed');
    await expect(failed).toContainText(`testing your Openfax account at ${standIn.url} failed`);
    await expect(failed).toContainText('Code: InvalidAuthentication');
    await expect(page.getByTestId('mode-badge')).toContainText('Sandbox');
    expect(app.services.settings.get().accountMode).toBe('sandbox');
    await shot(page, 'switch-failed');

    await failed.getByRole('button', { name: 'Switch anyway' }).click();
    const badge = page.getByTestId('mode-badge');
    await expect(badge).toHaveAttribute('data-health', 'error');
    await expect(badge).toContainText(`Live account ${ID}: not working`);
    await expect(badge).not.toHaveClass(/badge-green/);
    expect(app.services.settings.get().accountMode).toBe('live');
    await shot(page, 'live-not-working');

    // Another address with the key field empty: refused under the key, and it gets nothing.
    await typeAccount(page, { key: '', url: other.url });
    await page.getByRole('button', { name: 'Save account' }).click();
    await expect(page.getByText(/Paste the API key again: a new server address needs its key/)).toBeVisible();
    await typeAccount(page, { url: standIn.url });

    // The key typed again while the stand-in holds its answer: "checking", never green, until it answers.
    standIn.behaviour = 'answer';
    const release = standIn.hold();
    await typeAccount(page, { key: KEY });
    await page.getByRole('button', { name: 'Save account' }).click();
    await expect(badge).toHaveAttribute('data-health', 'unknown');
    await expect(badge).toContainText(`Live account ${ID} · checking…`);
    await expect(badge).not.toHaveClass(/badge-green/);
    await shot(page, 'live-checking');
    release();
    await expect(badge).toHaveAttribute('data-health', 'ok');
    await expect(badge).toHaveClass(/badge-green/);
    await expect(page.getByTestId('credit')).toContainText('$42.50');
    await shot(page, 'live-ok');

    // Back to the sandbox: its credit at once, not "—".
    await page.getByRole('button', { name: 'Switch to the sandbox' }).click();
    await expect(page.getByTestId('mode-badge')).toContainText('Sandbox');
    await expect(page.getByTestId('credit')).toContainText('$1,000.00');
    await shot(page, 'back-to-sandbox');

    expect(other.requests).toEqual([]);
    expect(standIn.received(KEY)).toBe(true);
    expect(await page.content()).not.toContain(KEY);
  } finally {
    await other.close();
  }
});

test('a server that is not Openfax gets the key only after "Send the key"; Cancel saves and sends nothing', async ({ page, app }) => {
  const company = 'https://fax.example.test';
  await openAccountSettings(page, app.url);
  await typeAccount(page, { id: ID, key: KEY, url: company });
  await page.getByRole('button', { name: 'Save account' }).click();
  const question = page.getByRole('dialog', { name: 'Another Openfax server' });
  await expect(question).toContainText('Send your Openfax API key to fax.example.test?');
  await expect(question).toContainText('Only do this if your company runs its own Openfax-compatible server.');
  await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await shot(page, 'unusual-address');
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(question).toBeHidden();
  await expect(page.getByText('Nothing was sent to fax.example.test: your API key stays here.')).toBeVisible();
  expect(app.services.settings.get()).toMatchObject({ accountId: '', apiUrl: 'https://api.openfax.com' });
  expect(app.services.account.status().keySet).toBe(false);

  // Plain http to another machine is refused outright: no question, nothing saved.
  await typeAccount(page, { url: 'http://fax.example.test' });
  await page.getByRole('button', { name: 'Save account' }).click();
  await expect(page.getByText(/starts with http:\/\/, so your API key would cross the network unencrypted/)).toBeVisible();
  await expect(question).toBeHidden();

  await typeAccount(page, { url: company });
  await page.getByRole('button', { name: 'Save account' }).click();
  await question.getByRole('button', { name: 'Send the key to fax.example.test' }).click();
  await expect(page.getByTestId('key-status')).toContainText('API key: set');
  expect(app.services.settings.get()).toMatchObject({ accountId: ID, apiUrl: company });
  // Once the save has finished the typed key leaves the form (it shows "Saving…" until then).
  await expect.poll(() => page.content()).not.toContain(KEY);
});
