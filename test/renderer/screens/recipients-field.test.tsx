// @vitest-environment happy-dom
// Recipients as a person types them: a comma or semicolon ends a number (it becomes a chip), an
// extension is kept off the dialled number with a note, and a number not in use is refused
// with the reason, its text left in the field to correct.
import { describe, expect, it } from 'vitest';
import { RecipientsField } from '../../../renderer/src/screens/compose/recipients-field.tsx';
import { draft } from '../fixtures.ts';
import { fakeMain, render, type, until, useStore } from '../harness.ts';

function composeReady() {
  const { documents: _d, send: _s, updatedAt: _u, ...fields } = draft();
  useStore.setState({
    composeFields: fields,
    composeDefaults: { fromHeader: 'Acme', resolution: 'standard', priority: 'Normal', paperSize: 'letter', defaultCountry: 'US' },
  });
  fakeMain.answer('searchContacts', () => ({ items: [] }));
}

const chips = (el: HTMLElement) =>
  [...el.querySelectorAll('[data-testid=recipient-chip]')].map((c) =>
    [c.querySelector('.recipient-chip-text')?.textContent, c.querySelector('[data-testid=recipient-chip-extension]')?.textContent]
      .filter(Boolean)
      .join(' · '),
  );

describe('Recipients field', () => {
  it('splits typed text at commas and semicolons into chips, with the extension note and the refusal', async () => {
    composeReady();
    const field = await render(<RecipientsField />);
    const input = field.querySelector<HTMLInputElement>('input[role=combobox]')!;
    // What a person types, key by key, reaches the field as growing text.
    const text = '212 555 0100 x12, 2125550111; 999 555 0100';
    for (const ch of text) await type(input, input.value + ch);
    await until(() => expect(chips(field)).toEqual(['+1 212 555 0100 · ext. 12 not dialled', '+1 212 555 0111']));
    expect(useStore.getState().composeFields?.recipients).toEqual([
      { number: '12125550100', display: '+1 212 555 0100', extension: '12' },
      { number: '12125550111', display: '+1 212 555 0111' },
    ]);
    expect(field.querySelector('[data-testid=recipients-extension-note]')?.textContent).toMatch(
      /^\+1 212 555 0100: Extension 12 is left out: a fax cannot dial extensions/,
    );
    expect(input.value).toBe('999 555 0100');
    expect(field.querySelector('[data-testid=recipients-live]')?.textContent).toMatch(/^Area code 999 is not in use in North America/);
  });

  it('keeps a refused entry in the field when its separator is typed, so nothing typed is lost', async () => {
    composeReady();
    const field = await render(<RecipientsField />);
    const input = field.querySelector<HTMLInputElement>('input[role=combobox]')!;
    await type(input, '999 555 0100;');
    expect(chips(field)).toEqual([]);
    expect(input.value).toBe('999 555 0100');
    expect(field.querySelector('[data-testid=recipients-error]')?.textContent).toMatch(/0 added\. Area code 999 is not in use/);
  });
});
