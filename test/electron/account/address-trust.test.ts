// The key goes to an address that is neither Openfax's nor loopback only after a person said
// yes, and never over plain http to another machine. "fax.example.test" is a company's own
// Openfax-compatible server: the client factory routes it to a capture server on loopback
// (after every check), so the capture server shows exactly what that address would have got.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAccountService } from '../../../electron/account/account-service.ts';
import { UnconfirmedAddressError } from '../../../electron/account/address-trust.ts';
import { createOpenfaxClient } from '../../../electron/openfax/client.ts';
import { createMemorySecretStore, type SecretStore } from '../../../electron/secrets/secret-store.ts';
import { createSettingsService } from '../../../electron/settings/settings-service.ts';
import { getSetting } from '../../../electron/store/settings-repo.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';
import { apiAddressKind } from '../../../shared/api-address.ts';
import { type OpenfaxStandIn, startOpenfaxStandIn } from '../../fakes/openfax-stand-in.ts';

const ID = '123456789';
const KEY = 'company-key-51c9e0';
const COMPANY = 'https://fax.example.test';

let dir: string;
let store: Store;
let capture: OpenfaxStandIn;
let secrets: SecretStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-address-trust-'));
  store = openStore(dir);
  capture = await startOpenfaxStandIn({ credit: 12 });
  secrets = createMemorySecretStore();
});
afterEach(async () => {
  store.close();
  await capture.close();
  rmSync(dir, { recursive: true, force: true });
});

function service() {
  return createAccountService({
    settings: createSettingsService(store.db),
    secrets,
    // The company's server is reached at the capture server; every other address as it is.
    createClient: (creds) => createOpenfaxClient({ ...creds, baseUrl: creds.baseUrl.startsWith(COMPANY) ? capture.url : creds.baseUrl }),
  });
}

describe('which addresses need a yes', () => {
  it('Openfax and loopback need none; another https server does; http elsewhere is refused', () => {
    expect(apiAddressKind('https://api.openfax.com')).toBe('openfax');
    expect(apiAddressKind('https://API.openfax.com:443/')).toBe('openfax');
    for (const url of ['http://127.0.0.1:8080', 'http://127.4.5.6', 'http://localhost:3000', 'http://[::1]:9', 'https://localhost']) {
      expect(apiAddressKind(url), url).toBe('loopback');
    }
    for (const url of ['https://api.openfax.com:8443', 'https://openfax.com', 'https://api.openfax.com.evil.example', COMPANY]) {
      expect(apiAddressKind(url), url).toBe('other');
    }
    expect(apiAddressKind('http://api.openfax.com')).toBe('cleartext');
    expect(apiAddressKind('http://192.168.1.20')).toBe('cleartext');
    expect(apiAddressKind('ftp://x')).toBe('invalid');
  });
});

describe('saving an unusual address', () => {
  it('refuses without a yes and stores nothing; a "no" is said as such', async () => {
    const account = await service();
    const error = await account.setCredentials({ accountId: ID, apiKey: KEY, apiUrl: COMPANY }).catch((e) => e);
    expect(error).toBeInstanceOf(UnconfirmedAddressError);
    expect(error).toMatchObject({ code: 'api-url-unconfirmed', field: 'apiUrl', origin: COMPANY, asked: false });
    expect(error.message).toMatch(/fax\.example\.test is not Openfax's own address\. Confirm/);

    const confirm = vi.fn(async () => false);
    await expect(account.setCredentials({ accountId: ID, apiKey: KEY, apiUrl: COMPANY, confirmAddress: confirm })).rejects.toMatchObject({
      code: 'api-url-declined',
      asked: true,
      message: 'Nothing was sent to fax.example.test: you chose not to send your API key there.',
    });
    expect(confirm).toHaveBeenCalledWith(COMPANY);
    expect(await secrets.get(ID)).toBeUndefined();
    expect(getSetting(store.db, 'apiUrl')).toBe('https://api.openfax.com');
    expect(capture.requests).toEqual([]);
  });

  it('saves after a yes, and the key then goes there; the saved address is not asked about again', async () => {
    const account = await service();
    const confirm = vi.fn(async () => true);
    await account.setCredentials({ accountId: ID, apiKey: KEY, apiUrl: COMPANY, confirmAddress: confirm });
    expect(getSetting(store.db, 'apiUrl')).toBe(COMPANY);
    expect(await account.setMode('live')).toMatchObject({ ok: true, status: { mode: 'live', credit: 12 } });
    expect(capture.received(KEY)).toBe(true);

    // A new key for the saved address, after a restart: no second question.
    const restarted = await service();
    await restarted.setCredentials({ accountId: ID, apiKey: 'company-key-2', apiUrl: COMPANY });
    expect(confirm).toHaveBeenCalledTimes(1);
  });

  it('never asks for Openfax itself or loopback', async () => {
    const account = await service();
    const confirm = vi.fn(async () => false);
    await account.setCredentials({ accountId: ID, apiKey: KEY, apiUrl: capture.url, confirmAddress: confirm });
    await account.setCredentials({ accountId: ID, apiKey: KEY, apiUrl: 'https://api.openfax.com', confirmAddress: confirm });
    expect(confirm).not.toHaveBeenCalled();
    expect(getSetting(store.db, 'apiUrl')).toBe('https://api.openfax.com');
  });

  it('refuses plain http to another machine outright, yes or no', async () => {
    const account = await service();
    const confirm = vi.fn(async () => true);
    await expect(
      account.setCredentials({ accountId: ID, apiKey: KEY, apiUrl: 'http://fax.example.test', confirmAddress: confirm }),
    ).rejects.toMatchObject({
      code: 'api-url-cleartext',
      field: 'apiUrl',
      message:
        "http://fax.example.test starts with http://, so your API key would cross the network unencrypted. Use the server's https:// address.",
    });
    expect(confirm).not.toHaveBeenCalled();
    expect(await secrets.get(ID)).toBeUndefined();
  });
});

describe('Test connection at an unusual address', () => {
  it('sends nothing until the person said yes, then tests there; one yes lasts the session', async () => {
    const account = await service();
    const draft = { accountId: ID, apiKey: KEY, apiUrl: COMPANY };
    expect(await account.testCredentials(draft)).toEqual({
      outcome: 'invalid',
      field: 'apiUrl',
      reason: expect.stringMatching(/not Openfax's own address/),
      confirmOrigin: COMPANY,
    });
    expect(await account.testCredentials(draft, async () => false)).toEqual({
      outcome: 'invalid',
      field: 'apiUrl',
      reason: 'Nothing was sent to fax.example.test: you chose not to send your API key there.',
    });
    expect(capture.requests).toEqual([]);

    const confirm = vi.fn(async () => true);
    expect(await account.testCredentials(draft, confirm)).toMatchObject({ outcome: 'connected', credit: 12, apiUrl: COMPANY });
    expect(capture.received(KEY)).toBe(true);
    // Save after the test: the same yes holds, no second dialog.
    await account.setCredentials({ ...draft, confirmAddress: confirm });
    expect(confirm).toHaveBeenCalledTimes(1);
  });

  it('refuses plain http to another machine before anything is sent', async () => {
    const account = await service();
    expect(
      await account.testCredentials({ accountId: ID, apiKey: KEY, apiUrl: 'http://fax.example.test' }, async () => true),
    ).toMatchObject({
      outcome: 'invalid',
      field: 'apiUrl',
      reason: expect.stringContaining('unencrypted'),
    });
    expect(capture.requests).toEqual([]);
  });
});
