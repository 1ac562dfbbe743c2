// The page's Content Security Policy (renderer/index.html) holds without 'unsafe-inline' styles:
// every screen, a PDF preview in both views, a cover page, a sent fax with its thumbnail and
// timeline, the address book's form and the settings, in light and dark, with no violation
// reported. React's `style={{…}}` goes through the CSSOM, which style-src does not govern; an
// inline <style> or style="" attribute from a library would be refused and reported here.

import type { Page } from '@playwright/test';
import { insertContact } from '../../electron/store/contacts-repo.ts';
import { expect, test } from './fixtures.ts';
import { canvasInk } from './page-checks.ts';
import { dropFile, threePagePdf } from './sample-documents.ts';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}

/** Every CSP violation the page reported since it loaded (a listener set before any script ran). */
function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: Violation[] }).__cspViolations);
}

test('no screen, preview or dialog needs anything the CSP refuses', async ({ page, app }) => {
  test.setTimeout(90_000);
  await page.addInitScript(() => {
    const seen: Violation[] = [];
    (window as unknown as { __cspViolations: Violation[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: `${e.sourceFile}:${e.lineNumber}` });
    });
  });
  const refusals: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) refusals.push(m.text());
  });
  app.services.settings.update({ pollIntervalSeconds: 5 });
  insertContact(app.services.store.db, { name: 'Alice Ames', company: 'Ames & Co', faxRaw: '+1 202 555 0150', faxNumber: '12025550150' });

  // pdf.js's worker runs under the policy of the response that carried its script, not the page's meta tag.
  const workerPolicy = page.waitForResponse((r) => /pdf\.worker/.test(r.url())).then((r) => r.headers()['content-security-policy']);
  await page.goto(app.url);
  // The policy under test is the built page's own: a stricter or looser one would make this moot.
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("style-src 'self';");
  expect(policy).not.toContain('unsafe-inline');

  // Compose: a PDF in the preview (pdf.js's worker, fonts and canvas), fax view, a cover page.
  await dropFile(page, 'report.pdf', await threePagePdf());
  await expect(page.getByTestId('page-count')).toHaveText('Page 1 of 3');
  await expect.poll(() => canvasInk(page, '[data-testid=page-view-canvas]'), { timeout: 15_000 }).toBeGreaterThan(0.01);
  expect((await workerPolicy)?.replace(/\s+/g, ' ')).toBe(policy?.replace(/\s+/g, ' ').trim());
  await page.getByRole('button', { name: 'Fax view' }).click();
  await expect(page.getByTestId('fax-info')).toContainText('1728 ×');
  await page.getByRole('button', { name: 'Fax view' }).click();
  const recipients = page.getByRole('combobox', { name: 'Recipients' });
  await recipients.fill('Ali');
  await expect(page.getByRole('option', { name: /Alice Ames/ })).toBeVisible();
  await recipients.press('ArrowDown');
  await recipients.press('Enter');
  await page.getByRole('checkbox', { name: 'Add a cover page' }).check();
  await page.getByRole('textbox', { name: 'Subject' }).fill('Signed contract');
  await expect(page.locator('section.preview')).toHaveAttribute('data-cover-fresh', 'true');

  // Send it, so the Outbox has a row with a document to show.
  await page.getByTestId('send').click();
  await page.getByRole('dialog', { name: 'Send this fax?' }).getByRole('button', { name: 'Send now' }).click();
  await expect(page.getByTestId('send-status')).toHaveAttribute('data-phase', 'sent', { timeout: 20_000 });

  // Outbox: the list, then the job's panel (thumbnail, timeline).
  await page.getByRole('button', { name: /^Outbox/ }).click();
  const row = page.getByTestId('outbox-row').filter({ hasText: 'Alice Ames' });
  await expect(row).toContainText('Delivered', { timeout: 45_000 });
  await row.click();
  await expect(page.getByTestId('job-panel')).toBeVisible();

  // Address book: the list, a contact, the new-contact form, the import/export menu.
  await page.getByRole('button', { name: /^Address book/ }).click();
  await page.getByText('Alice Ames').first().click();
  await page.getByRole('button', { name: 'New contact' }).first().click();
  await expect(page.getByRole('form', { name: 'New contact' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Import / export' }).click();
  await expect(page.getByRole('menuitem', { name: 'Import CSV or vCard…' })).toBeVisible();
  await page.keyboard.press('Escape');

  // Settings, then everything once more in dark mode.
  await page.getByRole('button', { name: /^Settings/ }).click();
  await expect(page.getByRole('button', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
  await page.emulateMedia({ colorScheme: 'dark' });
  for (const screen of ['Compose', 'Outbox', 'Address book', 'Settings']) {
    await page.getByRole('button', { name: new RegExp(`^${screen}`) }).click();
    await expect(page.getByRole('button', { name: new RegExp(`^${screen}`) })).toHaveAttribute('aria-current', 'page');
  }

  expect(await violations(page)).toEqual([]);
  expect(refusals).toEqual([]);
});
