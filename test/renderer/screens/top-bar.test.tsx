// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { TopBar } from '../../../renderer/src/components/top-bar.tsx';
import { account, settings } from '../fixtures.ts';
import { fakeMain, render, until, useStore } from '../harness.ts';

const badge = (el: HTMLElement) => el.querySelector<HTMLElement>('[data-testid=mode-badge]')!;

describe('the top bar and the live account', () => {
  it('is not green before a call to the live account has answered', async () => {
    useStore.setState({
      account: account({ mode: 'live', accountId: '123456', connection: 'unknown', credit: null }),
      settings: settings(),
    });
    const el = await render(<TopBar />);
    expect(badge(el).dataset.health).toBe('unknown');
    expect(badge(el).className).not.toMatch(/badge-green/);
    expect(badge(el).textContent).toMatch(/Live account 123456 · checking…/);
  });

  it('is green once a call answered, and says "not working" with the reason after one failed', async () => {
    useStore.setState({ account: account({ mode: 'live', accountId: '123456', connection: 'ok' }), settings: settings() });
    const el = await render(<TopBar />);
    expect(badge(el).dataset.health).toBe('ok');
    expect(badge(el).className).toMatch(/badge-green/);
    await act(async () =>
      useStore.setState({
        account: account({
          mode: 'live',
          accountId: '123456',
          connection: 'error',
          lastError: { kind: 'auth', code: 'InvalidAuthentication', message: 'Openfax did not accept the API key.', action: 'Check it.' },
        }),
      }),
    );
    await until(() => expect(badge(el).dataset.health).toBe('error'));
    expect(badge(el).textContent).toMatch(/Live account 123456: not working/);
    expect(badge(el).textContent).toMatch(/did not accept the API key/);
    expect(badge(el).className).not.toMatch(/badge-green/);
  });

  it('asks main once when it does not know yet how the account is', async () => {
    fakeMain.answer('testConnection', () => ({ ok: true, mode: 'live', credit: 3 }));
    fakeMain.answer('getAccount', () => account({ mode: 'live', accountId: '123456', connection: 'ok', credit: 3 }));
    useStore.setState({
      account: account({ mode: 'live', accountId: '123456', connection: 'unknown', credit: null }),
      settings: settings(),
    });
    await Promise.all([useStore.getState().checkAccountIfUnknown(), useStore.getState().checkAccountIfUnknown()]);
    expect(fakeMain.requestsTo('testConnection')).toHaveLength(1);
    expect(useStore.getState().account).toMatchObject({ connection: 'ok', credit: 3 });
    await useStore.getState().checkAccountIfUnknown();
    expect(fakeMain.requestsTo('testConnection')).toHaveLength(1);
  });
});
