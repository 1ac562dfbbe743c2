// Address book end to end: a 1,000-row Outlook CSV with bad rows and duplicates goes through
// the column step, the preview (right counts and reasons) and into SQLite; search finds a
// contact by part of its company; the screen passes axe in light and dark; export downloads.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { insertContact } from '../../electron/store/contacts-repo.ts';
import { all, get } from '../../electron/store/sql.ts';
import { ARTIFACTS, expect, test } from './fixtures.ts';

const OUTLOOK = [
  'Title',
  'First Name',
  'Middle Name',
  'Last Name',
  'Company',
  'Business Fax',
  'Business Phone',
  'Home Fax',
  'Categories',
  'Notes',
];

/** Unique, dialable numbers: (212) 4NN-00NN for rows 0…999. */
const numberOf = (i: number) => `(212) 4${String(Math.floor(i / 100)).padStart(2, '0')}-${String(i % 100).padStart(4, '0')}`;
const digitsOf = (i: number) => `12124${String(Math.floor(i / 100)).padStart(2, '0')}${String(i % 100).padStart(4, '0')}`;

const BAD: Record<number, string> = {
  40: '212-555-FAXX',
  140: '212-555-FAXY',
  240: '(212) 4O2-0040', // the letter O for a zero
  340: '212 4#3 0040',
  90: '555-0190',
  190: '4-0190',
  290: '212 40',
  390: '212 402 00',
  440: '',
  540: '',
  640: '',
  740: '',
};
const IN_FILE_REPEATS = [860, 861, 862, 863, 864, 865, 866, 867, 868, 869]; // repeat rows 10…19 (other punctuation)
const IN_BOOK = [900, 901, 902, 903, 904]; // numbers already in the address book

function buildCsv(): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [OUTLOOK.join(',')];
  for (let i = 0; i < 1000; i++) {
    let fax = numberOf(i);
    if (i in BAD) fax = BAD[i] as string;
    const repeat = IN_FILE_REPEATS.indexOf(i);
    if (repeat >= 0) fax = `+1 212.40${0}.${String(10 + repeat).padStart(4, '0')}`;
    const company = i === 500 ? 'Zephyrine Shipping Lines' : `Acme Logistics ${i % 50}`;
    const row = ['', `Person`, '', `Number ${i}`, company, fax, '212 555 0100', '', i % 3 === 0 ? 'Clients;Suppliers' : '', `Row ${i}`];
    lines.push(row.map(quote).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function axe(page: Page, label: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${label}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}

test('imports 1,000 contacts with bad rows and duplicates, reports each, and search finds one by its company', async ({ page, app }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const db = app.services.store.db;
  for (const i of IN_BOOK) {
    insertContact(db, { name: `Existing ${i}`, company: 'Already Here Inc', faxRaw: numberOf(i), faxNumber: digitsOf(i) });
  }

  await page.goto(app.url);
  await page.getByRole('button', { name: 'Address book' }).click();
  await expect(page.getByTestId('contact-count')).toHaveText('5 contacts');

  await page.getByRole('button', { name: 'Import / export' }).click();
  await page.getByRole('menuitem', { name: 'Import CSV or vCard…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import contacts' });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: join(ARTIFACTS, 'contacts-import-choose.png') });
  await page
    .getByTestId('import-file-input')
    .setInputFiles({ name: 'outlook-export.csv', mimeType: 'text/csv', buffer: Buffer.from(buildCsv()) });

  // Column step: Outlook recognised, fax columns in Outlook's order.
  const mapping = page.getByRole('dialog', { name: 'Import outlook-export.csv' });
  await expect(mapping.getByText('This looks like an Outlook export')).toBeVisible();
  await expect(mapping.getByLabel('Fax number')).toHaveValue(JSON.stringify(['Business Fax', 'Home Fax']));
  await expect(mapping.getByLabel('Name')).toHaveValue(JSON.stringify(['First Name', 'Middle Name', 'Last Name']));
  await page.screenshot({ path: join(ARTIFACTS, 'contacts-import-mapping.png') });
  await axe(page, 'mapping');
  await mapping.getByRole('button', { name: 'Check 1,000 rows' }).click();

  // Preview: the counts, and each problem with its reason.
  const counts = mapping.getByTestId('import-counts');
  await expect(counts).toContainText('973 ready');
  await expect(counts).toContainText('12 with problems');
  await expect(counts).toContainText('10 repeated in the file');
  await expect(counts).toContainText('5 already in the address book');
  const rows = mapping.getByTestId('import-rows');
  await expect(rows.getByRole('row', { name: /^42 Person Number 40 .*Problem/ })).toContainText("'F' at position 9 is a letter");
  await expect(rows.getByRole('row', { name: /^92 Person Number 90 / })).toContainText('7 digits is too short');
  await expect(rows.getByRole('row', { name: /^442 Person Number 440 / })).toContainText('No fax number');
  await expect(rows.getByRole('row', { name: /^862 Person Number 860 / })).toContainText(
    'Same number as row 12 (Person Number 10, Acme Logistics 10).',
  );
  await page.screenshot({ path: join(ARTIFACTS, 'contacts-import-preview.png') });
  // The table is virtualised: the last rows exist once scrolled to.
  await mapping.getByRole('region', { name: 'Rows of the file' }).evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(rows.getByRole('row', { name: /^902 Person Number 900 / })).toContainText(
    'Already in the address book as Existing 900, Already Here Inc',
  );
  await axe(page, 'preview');

  await mapping.getByRole('radio', { name: /^Skip/ }).check();
  await mapping.getByRole('button', { name: 'Import 973 contacts' }).click();
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('973 contacts added');
  await expect(report).toContainText('15 duplicates skipped');
  await expect(report).toContainText('12 rows not imported because of problems');
  await page.screenshot({ path: join(ARTIFACTS, 'contacts-import-report.png') });
  await page.getByRole('button', { name: 'Done' }).click();

  // The rows are in SQLite, normalised; no bad row and no duplicate slipped in.
  expect(get<{ n: number }>(db, 'SELECT count(*) AS n FROM contacts')?.n).toBe(978);
  expect(get<{ n: number }>(db, 'SELECT count(DISTINCT fax_number) AS n FROM contacts')?.n).toBe(978);
  expect(
    get<{ n: number }>(db, "SELECT count(*) AS n FROM contacts WHERE name = 'Person Number 40' OR name = 'Person Number 860'")?.n,
  ).toBe(0);
  expect(
    get(db, "SELECT name, company, fax_raw AS faxRaw, fax_number AS faxNumber, notes FROM contacts WHERE name = 'Person Number 123'"),
  ).toEqual({
    name: 'Person Number 123',
    company: 'Acme Logistics 23',
    faxRaw: '(212) 401-0023',
    faxNumber: '12124010023',
    notes: 'Row 123',
  });
  expect(all<{ name: string }>(db, 'SELECT name FROM groups ORDER BY name').map((g) => g.name)).toEqual(['Clients', 'Suppliers']);
  await expect(page.getByTestId('contact-count')).toHaveText('978 contacts');

  // Search by part of the company, then the detail and "Fax this contact".
  const search = page.getByRole('searchbox', { name: 'Search contacts' });
  await search.fill('phyrin');
  await expect(page.getByTestId('contact-count')).toHaveText('1 contact found');
  await page.getByRole('option', { name: /Person Number 500/ }).click();
  const detail = page.getByRole('article', { name: 'Person Number 500' });
  await expect(detail).toContainText('Zephyrine Shipping Lines');
  await expect(detail).toContainText('+1 212 405 0000');
  await page.screenshot({ path: join(ARTIFACTS, 'contacts-search-company.png') });
  await axe(page, 'detail');

  // Digits typed with other punctuation find the number.
  await search.fill('212.401.00');
  await expect(page.getByTestId('contact-count')).toHaveText('98 contacts found'); // rows 100…199 less two bad ones

  // Keyboard: the list moves with the arrow keys.
  await search.fill('acme logistics 7');
  await expect(page.getByTestId('contact-count')).toHaveText(/contacts found/);
  const list = page.getByRole('listbox', { name: 'Address book' });
  await list.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const second = list.getByRole('option').nth(1);
  await expect(second).toHaveAttribute('aria-selected', 'true');
  await expect(list.getByRole('option', { selected: true })).toHaveCount(1);
  const secondName = ((await second.textContent()) ?? '').match(/^Person Number \d+/)?.[0] ?? 'missing';
  await expect(page.getByRole('article', { name: secondName })).toBeVisible();

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(ARTIFACTS, 'contacts-dark.png') });
  await axe(page, 'dark');

  await page.getByRole('button', { name: 'Fax this contact' }).click();
  await expect(page.getByRole('button', { name: 'Compose' })).toHaveAttribute('aria-current', 'page');
  expect(errors).toEqual([]);
});

test('adds a contact by hand with checked fields, groups it, and exports CSV', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Address book' }).click();
  await expect(page.getByText('Your address book is empty')).toBeVisible();
  await page.screenshot({ path: join(ARTIFACTS, 'contacts-empty.png') });

  await page.getByRole('button', { name: 'New group' }).click();
  await page.getByRole('textbox', { name: 'Group name' }).fill('Pharmacies');
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByRole('button', { name: 'Pharmacies (0)' })).toHaveAttribute('aria-pressed', 'true');

  await page.getByRole('button', { name: 'New contact' }).first().click();
  const form = page.getByRole('form', { name: 'New contact' });
  await form.getByLabel('Name', { exact: true }).fill('Zoë Müller');
  await form.getByLabel('Fax number').fill('555 0100');
  await form.getByLabel('Fax number').blur();
  await expect(form.getByText(/too short/)).toBeVisible();
  await form.getByLabel('Fax number').fill('+44 20 7946 0000');
  await expect(form.getByText('Dialled as +44 20 7946 0000')).toBeVisible();
  await form.getByLabel('To header').fill('Zoë’s pharmacy');
  await expect(form.getByText(/'ë' at position 3/)).toBeVisible();
  await form.getByLabel('To header').fill('Zoe Pharmacy');
  await form.getByRole('checkbox', { name: 'Pharmacies' }).check();
  await page.screenshot({ path: join(ARTIFACTS, 'contacts-new-form.png') });
  await axe(page, 'form');
  await form.getByRole('button', { name: 'Add contact' }).click();

  const detail = page.getByRole('article', { name: 'Zoë Müller' });
  await expect(detail).toContainText('+44 20 7946 0000');
  await expect(detail).toContainText('Zoe Pharmacy');
  await expect(page.getByRole('button', { name: 'Pharmacies (1)' })).toBeVisible();
  expect(get(app.services.store.db, 'SELECT fax_number AS n, to_header AS h FROM contacts')).toEqual({
    n: '442079460000',
    h: 'Zoe Pharmacy',
  });

  await page.getByRole('button', { name: 'Import / export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Export “Pharmacies” as CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^openfax-contacts-\d{4}-\d\d-\d\d\.csv$/);
  const csv = readFileSync((await download.path()) as string, 'utf8');
  // The number is marked as text for spreadsheets, so its '+' survives (core/spreadsheet-csv.ts).
  expect(csv).toContain("Zoë Müller,,'+44 20 7946 0000,Zoe Pharmacy,,Pharmacies,");
  await page.screenshot({ path: join(ARTIFACTS, 'contacts-after-add.png') });
});
