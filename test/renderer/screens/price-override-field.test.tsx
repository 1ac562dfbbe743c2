// @vitest-environment happy-dom
// The price per page is an optional override: empty shows as empty (not "null"), a typed price
// is saved, and emptying the box unsets it so the learned price is used again.
import { describe, expect, it } from 'vitest';
import { SettingField } from '../../../renderer/src/screens/settings/setting-field.tsx';
import { settings } from '../fixtures.ts';
import { fakeMain, render, type, until, useStore } from '../harness.ts';

describe('the price per page override', () => {
  it('starts empty, saves a typed price, and unsets it when emptied', async () => {
    useStore.setState({ settings: settings() });
    fakeMain.answer('updateSettings', ({ patch }) => ({ ok: true, settings: settings({ ...patch }) }));
    const el = await render(<SettingField k="pricePerPage" />);
    const box = el.querySelector<HTMLInputElement>('input')!;
    expect(box.value).toBe('');
    expect(box.placeholder).toBe('learned from your faxes');
    await type(box, '0.09');
    await until(() => expect(useStore.getState().settings?.pricePerPage).toBe(0.09));
    await type(box, '');
    await until(() => expect(useStore.getState().settings?.pricePerPage).toBeNull());
    expect(fakeMain.requestsTo('updateSettings')).toEqual([{ patch: { pricePerPage: 0.09 } }, { patch: { pricePerPage: null } }]);
    expect(el.querySelector('.field-error')).toBeNull();
  });
});
