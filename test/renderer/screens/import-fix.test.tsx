// @vitest-environment happy-dom
// A problem row fixed in the import preview: the cell is sent to main, the answer replaces the
// row and the counts, and the row can then be imported.
import { describe, expect, it } from 'vitest';
import { ImportDialog } from '../../../renderer/src/screens/contacts/import-dialog.tsx';
import type { ImportRow } from '../../../shared/ipc/contract/contacts.ts';
import { fakeMain, render, type, until, user, withViewport } from '../harness.ts';

const ready: ImportRow = {
  row: 1,
  name: 'Ann Lee',
  company: 'Acme',
  faxRaw: '212 555 0100',
  faxDisplay: '+1 212 555 0100',
  status: 'ready',
  reason: '',
  warnings: [],
};
const bad: ImportRow = {
  row: 2,
  name: 'Bad Area',
  company: '',
  faxRaw: '999 555 0100',
  faxDisplay: '999 555 0100',
  status: 'invalid',
  reason:
    'Area code 999 is not in use in North America, so +1 999 555 0100 cannot reach a fax machine: check the number (e.g. 212 555 0100).',
  warnings: [],
};

function answerImport() {
  fakeMain.answer('importOpen', () => ({
    ok: true,
    importId: 'imp-1',
    fileName: 'cards.vcf',
    format: 'vcard',
    layout: 'vcard',
    columns: [],
    mapping: { name: [], company: [], fax: [], toHeader: [], notes: [], groups: [], favourite: [] },
    sample: [],
    rowCount: 2,
  }));
  fakeMain.answer('importAnalyze', ({ importId }) => ({
    importId,
    counts: { total: 2, ready: 1, invalid: 1, duplicateInFile: 0, duplicateInBook: 0 },
    rows: [ready, bad],
  }));
  fakeMain.answer('importFixRow', ({ importId, row, value }) => ({
    importId,
    counts: { total: 2, ready: 2, invalid: 0, duplicateInFile: 0, duplicateInBook: 0 },
    rows: [{ ...bad, row, faxRaw: value.trim(), faxDisplay: '+1 212 555 0133', status: 'ready', reason: '', edited: true }],
  }));
}

async function openPreview() {
  withViewport(900, 700);
  answerImport();
  const dialog = await render(<ImportDialog open onClose={() => {}} />);
  const input = document.querySelector<HTMLInputElement>('[data-testid=import-file-input]')!;
  const file = new File(['BEGIN:VCARD\r\nEND:VCARD\r\n'], 'cards.vcf', { type: 'text/vcard' });
  Object.defineProperty(input, 'files', { configurable: true, value: [file] });
  await user(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
  await until(() => expect(document.body.innerHTML).toContain('import-rows'));
  return dialog;
}

describe('Import preview: fixing a row in place', () => {
  it('sends the fixed number, shows the row ready and the new counts, and imports it', async () => {
    await openPreview();
    const fax = document.querySelector<HTMLInputElement>('[data-testid=import-fix-fax]')!;
    expect(fax.getAttribute('aria-label')).toBe('Fax number, row 2');
    expect(document.querySelector('.row-problem .import-reason')?.textContent).toMatch(/^Area code 999 is not in use/);
    expect(document.body.textContent).toContain('Import 1 contact');
    await type(fax, '212 555 0133 ');
    await user(() => void fax.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect(fakeMain.requestsTo('importFixRow')).toEqual([{ importId: 'imp-1', row: 2, field: 'fax', value: '212 555 0133 ' }]);
    await until(() => expect(document.querySelector('[data-testid=import-counts]')?.textContent).toContain('2 ready'));
    // The fixed row stays in view (it was a problem), now ready, dialled as main says.
    expect(document.querySelector('.row-problem')).toBeNull();
    expect(document.querySelector('[data-testid=import-rows]')?.textContent).toContain('Dialled as +1 212 555 0133');
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Import 2 contacts');
    expect(button?.disabled).toBe(false);
  });

  it('sends nothing for a cell left unchanged, and a changed cell when it is left', async () => {
    await openPreview();
    const name = document.querySelector<HTMLInputElement>('[data-testid=import-fix-name]')!;
    await user(() => void name.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    await user(() => void name.dispatchEvent(new FocusEvent('focusout', { bubbles: true })));
    expect(fakeMain.requestsTo('importFixRow')).toEqual([]);
    // Leaving a changed cell sends it (React's onBlur listens to focusout).
    await type(name, 'Bo Chan');
    await user(() => void name.dispatchEvent(new FocusEvent('focusout', { bubbles: true })));
    expect(fakeMain.requestsTo('importFixRow')).toEqual([{ importId: 'imp-1', row: 2, field: 'name', value: 'Bo Chan' }]);
  });
});
