// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { AccountSection } from '../../../renderer/src/screens/settings/account-section.tsx';
import { account, settings } from '../fixtures.ts';
import { fakeMain, render, type, until, useStore, user } from '../harness.ts';

async function section() {
  useStore.setState({ account: account(), settings: settings() });
  const el = await render(<AccountSection />);
  const field = (id: string) => el.querySelector<HTMLInputElement>(`#${id}`)!;
  const button = (text: string) => [...el.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === text)!;
  return { el, field, button };
}

/** The error text that a field points to with aria-describedby. */
function describedError(el: HTMLElement, field: HTMLInputElement): string | undefined {
  const ids = field.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => el.querySelector(`#${id}.field-error`)?.textContent).find(Boolean) ?? undefined;
}

describe('Settings account section', () => {
  it('shows under the Account ID why it is not one, without asking main', async () => {
    const { el, field, button } = await section();
    await type(field('acct-id'), '12-34');
    await type(field('acct-key'), 'secret');
    await user(() => button('Save account').click());
    expect(field('acct-id').getAttribute('aria-invalid')).toBe('true');
    expect(describedError(el, field('acct-id'))).toBe('The account ID is the number shown in your Openfax portal (digits only).');
    expect(fakeMain.requestsTo('saveAccount')).toEqual([]);
  });

  it("shows main's refusal under the field it names", async () => {
    const { el, field, button } = await section();
    fakeMain.answer('saveAccount', () => ({ ok: false, field: 'apiKey', reason: 'Openfax did not accept this API key.' }));
    await type(field('acct-id'), '123456');
    await type(field('acct-key'), 'wrong-key');
    await user(() => button('Save account').click());
    await until(() => expect(describedError(el, field('acct-key'))).toBe('Openfax did not accept this API key.'));
    expect(field('acct-key').getAttribute('aria-invalid')).toBe('true');
    expect(field('acct-id').getAttribute('aria-invalid')).toBeNull();
    expect(fakeMain.requestsTo('saveAccount')).toEqual([{ accountId: '123456', apiKey: 'wrong-key', apiUrl: 'https://api.openfax.com' }]);
  });

  it('saves the account and shows the key as stored', async () => {
    const { el, field, button } = await section();
    fakeMain.answer('saveAccount', ({ accountId }) => ({ ok: true, account: account({ accountId, keySet: true, liveReady: true }) }));
    await type(field('acct-id'), '123456');
    await type(field('acct-key'), 'good-key');
    await user(() => button('Save account').click());
    await until(() =>
      expect(el.querySelector('[data-testid=key-status]')?.textContent).toBe('API key: set (kept in the Secret Service keyring)'),
    );
    expect(field('acct-key').value).toBe('');
    expect(useStore.getState().toasts.map((t) => t.title)).toEqual(['Account saved']);
  });
});
