// The API key goes only to the address it was entered for, whatever names another one: the
// Settings form, the generic settings channel, the CLI's --api-url or a key saved by an older
// version. Real client, real HTTP: two stand-in servers record every byte they are sent.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AccountPin, createAccountService } from '../../../electron/account/account-service.ts';
import { encodeBoundKey } from '../../../electron/account/key-binding.ts';
import { createMemorySecretStore, type SecretStore } from '../../../electron/secrets/secret-store.ts';
import { createSettingsService } from '../../../electron/settings/settings-service.ts';
import { getSetting } from '../../../electron/store/settings-repo.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';
import { type OpenfaxStandIn, startOpenfaxStandIn } from '../../fakes/openfax-stand-in.ts';

const ID = '123456789';
const KEY = 'live-key-7f3a9c21';

let dir: string;
let store: Store;
let home: OpenfaxStandIn;
let other: OpenfaxStandIn;
let sandbox: OpenfaxStandIn;
let secrets: SecretStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-trust-'));
  store = openStore(dir);
  [home, other, sandbox] = await Promise.all([
    startOpenfaxStandIn({ credit: 42.5 }),
    startOpenfaxStandIn(),
    startOpenfaxStandIn({ credit: 9 }),
  ]);
  secrets = createMemorySecretStore();
});
afterEach(async () => {
  store.close();
  await Promise.all([home.close(), other.close(), sandbox.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function service(pin?: AccountPin) {
  return createAccountService({
    settings: createSettingsService(store.db),
    secrets,
    pin,
    sandbox: { url: sandbox.url, demoAccount: { accountId: '100000001', apiKey: 'sandbox-demo-key' } },
  });
}

describe('the API key and its address', () => {
  it('never sends the key to an address it was not entered for, however the address changes', async () => {
    const account = await service();
    await account.setCredentials({ accountId: ID, apiKey: KEY, apiUrl: home.url });
    expect(await account.setMode('live')).toMatchObject({ ok: true, status: { mode: 'live', connection: 'ok', credit: 42.5 } });
    expect(home.received(KEY)).toBe(true);

    // Settings → Account with a new address and the key field left empty: refused, nothing saved.
    await expect(account.setCredentials({ accountId: ID, apiUrl: other.url })).rejects.toMatchObject({
      field: 'apiKey',
      code: 'api-key-other-address',
      message: expect.stringMatching(/entered for http:\/\/127\.0\.0\.1:\d+\. Enter the key again/),
    });
    expect(getSetting(store.db, 'apiUrl')).toBe(home.url);

    // Test connection with the new address and no key: refused before any call.
    expect(await account.testCredentials({ accountId: ID, apiUrl: other.url })).toMatchObject({ outcome: 'invalid', field: 'apiKey' });

    // The address changed behind the form's back (the generic settings channel): the key stays home.
    createSettingsService(store.db).update({ apiUrl: other.url });
    expect(account.status()).toMatchObject({ liveReady: false, keySet: true, keyProblem: expect.stringMatching(/entered for/) });
    expect(account.getClient()).toBeUndefined();
    expect(account.current()).toBeUndefined();
    expect(await account.testConnection()).toMatchObject({ ok: false });

    // The same on the next start, which reads the entry from the keychain again.
    const restarted = await service();
    expect(restarted.current()).toBeUndefined();
    await restarted.testConnection();

    expect(other.requests).toEqual([]);
    expect(other.received(KEY)).toBe(false);
  });

  it("refuses the CLI's --api-url for a stored key, and a pre-binding key for any but the saved address", async () => {
    await secrets.set(ID, encodeBoundKey({ apiKey: KEY, origin: new URL(home.url).origin }));
    createSettingsService(store.db).update({ accountId: ID, apiUrl: home.url });
    const pinned = await service({ kind: 'live', apiUrl: other.url });
    expect(pinned.status()).toMatchObject({
      apiUrl: other.url,
      keySet: true,
      liveReady: false,
      keyProblem: expect.stringMatching(/entered for/),
    });
    expect(pinned.current()).toBeUndefined();
    await pinned.testConnection();

    // An entry saved before keys were bound is a bare key: it belongs to the saved address only.
    await secrets.set(ID, KEY);
    const legacyPinned = await service({ kind: 'live', apiUrl: other.url });
    expect(legacyPinned.current()).toBeUndefined();
    const legacy = await service();
    expect(await secrets.get(ID)).toBe(encodeBoundKey({ apiKey: KEY, origin: new URL(home.url).origin }));
    expect(legacy.status()).toMatchObject({ liveReady: true, keyProblem: undefined });

    // A key given with the address (OPENFAX_API_KEY with --api-url) is meant for it.
    const withKey = await service({ kind: 'live', apiUrl: other.url, apiKey: 'other-key-5521aa' });
    expect(await withKey.testConnection()).toMatchObject({ ok: true });
    expect(other.received('other-key-5521aa')).toBe(true);
    expect(other.received(KEY)).toBe(false);
  });

  it('sends a new key typed for a new address there, and only that key', async () => {
    const account = await service();
    await account.setCredentials({ accountId: ID, apiKey: KEY, apiUrl: home.url });
    await account.setCredentials({ accountId: ID, apiKey: 'second-key-99d1', apiUrl: other.url });
    expect(account.status()).toMatchObject({ liveReady: true, keyOrigin: new URL(other.url).origin });
    expect(await account.setMode('live')).toMatchObject({ ok: true });
    expect(other.received('second-key-99d1')).toBe(true);
    expect(other.received(KEY)).toBe(false);
  });
});

describe('Test connection and the switch to live', () => {
  it('tests exactly what was typed, at its address, while the sandbox is in use, and saves nothing', async () => {
    const account = await service();
    const before = sandbox.requests.length;
    const r = await account.testCredentials({ accountId: ID, apiKey: KEY, apiUrl: home.url });
    expect(r).toEqual({ outcome: 'connected', credit: 42.5, accountId: ID, apiUrl: home.url });
    expect(home.requests.map((q) => q.path)).toEqual(['/getAvailableCredit.php']);
    expect(home.requests[0]?.body).toContain(ID);
    expect(home.received(KEY)).toBe(true);
    expect(sandbox.requests.length).toBe(before);
    expect(getSetting(store.db, 'accountId')).toBe('');
    expect(await secrets.get(ID)).toBeUndefined();
    expect(account.status().mode).toBe('sandbox');

    home.behaviour = 'refuse';
    expect(await account.testCredentials({ accountId: ID, apiKey: KEY, apiUrl: home.url })).toMatchObject({
      outcome: 'failed',
      apiUrl: home.url,
      error: { kind: 'auth' },
    });
    expect(await account.testCredentials({ accountId: '12-3', apiKey: KEY, apiUrl: home.url })).toMatchObject({
      outcome: 'invalid',
      field: 'accountId',
    });
    expect(await account.testCredentials({ accountId: ID, apiKey: 'two words', apiUrl: home.url })).toMatchObject({
      outcome: 'invalid',
      field: 'apiKey',
    });
    expect(await account.testCredentials({ accountId: ID, apiKey: KEY, apiUrl: 'ftp://x' })).toMatchObject({
      outcome: 'invalid',
      field: 'apiUrl',
    });
  });

  it('goes live only after a passing test, or "anyway", which then shows the failure', async () => {
    const account = await service();
    await account.setCredentials({ accountId: ID, apiKey: KEY, apiUrl: home.url });
    home.behaviour = 'refuse';
    const refused = await account.setMode('live');
    expect(refused).toMatchObject({ ok: false, apiUrl: home.url, error: { kind: 'auth' } });
    expect(getSetting(store.db, 'accountMode')).toBe('sandbox');

    const anyway = await account.setMode('live', { anyway: true });
    expect(anyway).toMatchObject({ ok: true, status: { mode: 'live', connection: 'error', lastError: { kind: 'auth' } } });
    expect(getSetting(store.db, 'accountMode')).toBe('live');

    // Back to the sandbox: its credit is read at once, not left blank.
    const back = await account.setMode('sandbox');
    expect(back).toMatchObject({ ok: true, status: { mode: 'sandbox', connection: 'ok', credit: 9 } });
    expect(sandbox.received('sandbox-demo-key')).toBe(true);
    expect(sandbox.received(KEY)).toBe(false);
  });
});
