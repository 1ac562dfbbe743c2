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

  it('checks the account ID as it is typed, with the shared rule', async () => {
    const { el, field } = await section();
    await type(field('acct-id'), '12a');
    expect(describedError(el, field('acct-id'))).toBe('The account ID is the number shown in your Openfax portal (digits only).');
    await type(field('acct-id'), '123');
    expect(field('acct-id').getAttribute('aria-invalid')).toBeNull();
    expect(describedError(el, field('acct-id'))).toBeUndefined();
  });

  it('tests exactly what is typed, not the saved account, and names the address it reached', async () => {
    const { el, field, button } = await section();
    fakeMain.answer('testAccount', ({ accountId, apiUrl }) => ({ outcome: 'connected', credit: 12.5, accountId, apiUrl: apiUrl ?? '' }));
    fakeMain.answer('getAccount', () => account());
    await type(field('acct-id'), '123456');
    await type(field('acct-key'), 'typed-key');
    await type(field('acct-url'), 'http://127.0.0.1:4999');
    await user(() => button('Test connection').click());
    await until(() =>
      expect(el.querySelector('[data-testid=test-result]')?.textContent).toMatch(
        /Connected to Openfax account 123456 at http:\/\/127\.0\.0\.1:4999\. Credit: \$12\.50/,
      ),
    );
    expect(fakeMain.requestsTo('testAccount')).toEqual([{ accountId: '123456', apiKey: 'typed-key', apiUrl: 'http://127.0.0.1:4999' }]);
    expect(fakeMain.requestsTo('testConnection')).toEqual([]);
    expect(fakeMain.requestsTo('saveAccount')).toEqual([]);
  });

  it('asks for the key again when the server address changes, before sending anything', async () => {
    useStore.setState({ account: account({ accountId: '123456', keySet: true, liveReady: true }), settings: settings() });
    const el = await render(<AccountSection />);
    const url = el.querySelector<HTMLInputElement>('#acct-url')!;
    const key = el.querySelector<HTMLInputElement>('#acct-key')!;
    await type(url, 'https://elsewhere.example');
    expect(el.querySelector('[data-testid=key-status]')?.textContent).toMatch(/Type the key again/);
    await user(() => [...el.querySelectorAll('button')].find((b) => b.textContent === 'Save account')!.click());
    expect(describedError(el, key)).toMatch(/Paste the API key again: a new server address needs its key/);
    expect(fakeMain.requestsTo('saveAccount')).toEqual([]);
  });

  it('shows a failed switch to live with its reason, and switches only on "Switch anyway"', async () => {
    useStore.setState({ account: account({ accountId: '123456', keySet: true, liveReady: true }), settings: settings() });
    fakeMain.answer('setAccountMode', ({ anyway }) =>
      anyway
        ? { ok: true, account: account({ mode: 'live', accountId: '123456', keySet: true, liveReady: true, connection: 'error' }) }
        : {
            ok: false,
            reason: 'Still using the sandbox.',
            test: {
              apiUrl: 'https://api.openfax.com',
              error: {
                kind: 'auth',
                code: 'InvalidAuthentication',
                message: 'Openfax did not accept the account ID or API key.',
                action: 'Check them.',
              },
            },
          },
    );
    const el = await render(<AccountSection />);
    const button = (text: string) => [...el.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === text);
    await user(() => button('Switch to your Openfax account')!.click());
    await until(() =>
      expect(el.querySelector('[data-testid=switch-failed]')?.textContent).toMatch(
        /testing your Openfax account at https:\/\/api\.openfax\.com failed.*did not accept/,
      ),
    );
    expect(el.querySelector('[data-testid=switch-failed]')?.textContent).toMatch(/Code: InvalidAuthentication/);
    expect(useStore.getState().account?.mode).toBe('sandbox');
    await user(() => button('Switch anyway')!.click());
    await until(() => expect(useStore.getState().account?.mode).toBe('live'));
    expect(fakeMain.requestsTo('setAccountMode')).toEqual([{ mode: 'live' }, { mode: 'live', anyway: true }]);
  });

  it('says in plain words when the keychain is missing', async () => {
    const words =
      'Could not read the API key: Openfax Desktop keeps the API key in a Secret Service keyring, and none is running for this session.';
    useStore.setState({ account: account({ accountId: '123456', keychainError: words }), settings: settings() });
    const el = await render(<AccountSection />);
    expect(el.querySelector('[data-testid=keychain-error]')?.textContent).toBe(words);
    expect(el.querySelector('[data-testid=keychain-error]')?.getAttribute('role')).toBe('alert');
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

  it('in the browser, asks before the key goes to a server that is not Openfax, then saves with that yes', async () => {
    const { el, field, button } = await section();
    const company = 'https://fax.example.test';
    fakeMain.answer('saveAccount', ({ accountId, trustAddress }) =>
      trustAddress === company
        ? { ok: true, account: account({ accountId, apiUrl: company, keySet: true, liveReady: true }) }
        : { ok: false, field: 'apiUrl', reason: 'Confirm first.', confirmAddress: company },
    );
    await type(field('acct-id'), '123456');
    await type(field('acct-key'), 'company-key');
    await type(field('acct-url'), company);
    await user(() => button('Save account').click());
    const asked = () => el.querySelector('[data-testid=trust-question]');
    await until(() =>
      expect(asked()?.textContent).toMatch(/Send your Openfax API key to fax\.example\.test\?.*Only do this if your company runs its own/),
    );
    // Cancel is first and has the focus: Enter does not send the key.
    expect(document.activeElement?.textContent).toBe('Cancel');
    await user(() => button('Send the key to fax.example.test').click());
    await until(() => expect(el.querySelector('[data-testid=key-status]')?.textContent).toMatch(/API key: set/));
    expect(asked()).toBeNull();
    expect(fakeMain.requestsTo('saveAccount')).toEqual([
      { accountId: '123456', apiKey: 'company-key', apiUrl: company },
      { accountId: '123456', apiKey: 'company-key', apiUrl: company, trustAddress: company },
    ]);
  });

  it('sends nothing more when the person cancels the question, and says so under the address', async () => {
    const { el, field, button } = await section();
    const company = 'https://fax.example.test';
    fakeMain.answer('testAccount', () => ({ outcome: 'invalid', field: 'apiUrl', reason: 'Confirm first.', confirmAddress: company }));
    fakeMain.answer('getAccount', () => account());
    await type(field('acct-id'), '123456');
    await type(field('acct-key'), 'company-key');
    await type(field('acct-url'), company);
    await user(() => button('Test connection').click());
    await until(() => expect(el.querySelector('[data-testid=trust-question]')).not.toBeNull());
    await user(() => button('Cancel').click());
    expect(el.querySelector('[data-testid=trust-question]')).toBeNull();
    expect(describedError(el, field('acct-url'))).toBe('Nothing was sent to fax.example.test: your API key stays here.');
    expect(fakeMain.requestsTo('testAccount')).toHaveLength(1);
  });
});
