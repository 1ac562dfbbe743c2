// @vitest-environment happy-dom
// A choice (a checkbox, a list) shows at once while main stores it, and springs back with the
// reason under it when main refuses.
import { describe, expect, it } from 'vitest';
import { SettingField } from '../../../renderer/src/screens/settings/setting-field.tsx';
import { settings } from '../fixtures.ts';
import { fakeMain, render, until, useStore, user } from '../harness.ts';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('a setting that is a choice', () => {
  it('shows the new value while main stores it, then the stored one', async () => {
    useStore.setState({ settings: settings({ notifyOnResult: true }) });
    const answer = deferred<void>();
    fakeMain.answer('updateSettings', async ({ patch }) => {
      await answer.promise;
      return { ok: true, settings: settings({ ...patch }) };
    });
    const el = await render(<SettingField k="notifyOnResult" />);
    const box = el.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    expect(box.checked).toBe(true);
    await user(() => box.click());
    expect(box.checked).toBe(false);
    expect(fakeMain.requestsTo('updateSettings')).toEqual([{ patch: { notifyOnResult: false } }]);
    answer.resolve();
    await until(() => expect(useStore.getState().settings?.notifyOnResult).toBe(false));
    expect(box.checked).toBe(false);
  });

  it('springs back with the reason when main refuses', async () => {
    useStore.setState({ settings: settings({ notifyOnResult: true }) });
    fakeMain.answer('updateSettings', () => ({ ok: false, errors: { notifyOnResult: 'The settings file is read-only.' } }));
    const el = await render(<SettingField k="notifyOnResult" />);
    const box = el.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    await user(() => box.click());
    await until(() => expect(el.querySelector('.field-error')?.textContent).toBe('The settings file is read-only.'));
    expect(box.checked).toBe(true);
  });
});
