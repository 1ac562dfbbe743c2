import { join } from 'node:path';
import { ARTIFACTS, expect, test } from './fixtures.ts';

test('the app shell renders and shows answers from the real handlers', async ({ page, app }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(app.url);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  for (const name of ['Compose', 'Outbox', 'Address book', 'Settings']) {
    await expect(page.getByRole('button', { name: new RegExp(`^${name}`) })).toBeVisible();
  }
  await expect(page.getByTestId('app-version')).toHaveText('Openfax Desktop 0.0.0-e2e');
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('button', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
  await page.screenshot({ path: join(ARTIFACTS, 'smoke-shell.png') });
  expect(errors).toEqual([]);
});

// The page is the host's own, so its Origin is always right: a foreign Origin, or none, is sent
// with the `ws` client in test/electron/web/web-host.test.ts.
test('the WebSocket refuses a wrong token', async ({ page, app }) => {
  const origin = new URL(app.url).origin;
  await page.goto(`${origin}/?token=wrong`);
  await expect(page.getByText(/Not connected/)).toBeVisible();
  const status = await page.evaluate(
    async (wsUrl) => {
      return new Promise<string>((resolve) => {
        const ws = new WebSocket(wsUrl);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      });
    },
    `${origin.replace('http', 'ws')}/ipc?token=wrong`,
  );
  expect(status).toBe('refused');
});
