import { describe, expect, it } from 'vitest';
import type { AccountStatus } from '../../../electron/account/account-service.ts';
import { sandboxFacts, toAccountView, toConnectionView, toHotFolderView } from '../../../electron/account/account-view.ts';

const status: AccountStatus = {
  mode: 'live',
  accountId: '200000002',
  apiUrl: 'https://api.openfax.com',
  keySet: true,
  liveReady: true,
  keychain: 'Secret Service keyring',
  credit: 3.5,
  creditCheckedAt: 1000,
  connection: 'error',
  lastError: { kind: 'auth', code: 'InvalidAuthentication', message: 'The account ID or API key was not accepted.', action: 'Check them.' },
};

describe('account views', () => {
  it('carries everything but the key, with the low-credit flag and the magic numbers', () => {
    const v = toAccountView(status, { lowCreditThreshold: 5 }, sandboxFacts({ demoAccount: { accountId: '100000001' } }));
    expect(v).toMatchObject({
      mode: 'live',
      keySet: true,
      credit: 3.5,
      lowCredit: true,
      keychainError: null,
      lastError: { code: 'InvalidAuthentication' },
    });
    expect(JSON.stringify(v)).not.toMatch(/apiKey/i);
    expect(v.sandbox.magicNumbers.find((m) => m.example === '12025550103')?.outcome).toMatch(/voice line/);
    expect(toAccountView({ ...status, credit: undefined }, { lowCreditThreshold: 5 }, v.sandbox).lowCredit).toBe(false);
  });

  it('shows the connection as offline only after a failed report read', () => {
    expect(toConnectionView(undefined).state).toBe('idle');
    expect(toConnectionView({ state: 'ok', lastSuccessAt: 5, lastError: null, consecutiveFailures: 0, nextPollAt: 9 })).toEqual({
      state: 'ok',
      message: null,
      since: 5,
      nextTryAt: 9,
    });
    expect(
      toConnectionView({
        state: 'error',
        lastSuccessAt: 5,
        lastError: 'Could not reach Openfax (the connection was refused).',
        consecutiveFailures: 2,
        nextPollAt: 20,
      }),
    ).toEqual({ state: 'offline', message: 'Could not reach Openfax (the connection was refused).', since: 5, nextTryAt: 20 });
  });

  it('names the hot folder by its last segment', () => {
    expect(toHotFolderView({ status: 'watching', folder: '/home/ann/Faxes/' })).toEqual({
      status: 'watching',
      folder: '/home/ann/Faxes/',
      folderName: 'Faxes',
      detail: null,
    });
    expect(toHotFolderView({ status: 'paused', folder: 'C:\\Users\\ann\\Fax in' }).folderName).toBe('Fax in');
    expect(toHotFolderView(undefined).status).toBe('off');
  });
});
