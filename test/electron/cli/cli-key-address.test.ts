// The CLI keeps the app's rule: the key in the keychain goes only to the address it was
// entered for, so `--api-url` to another server is refused before anything is sent; and a
// missing keyring is said in plain words.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeBoundKey } from '../../../electron/account/key-binding.ts';
import { keychainMessage } from '../../../electron/secrets/keychain-words.ts';
import { SecretStoreError } from '../../../electron/secrets/secret-store.ts';
import { setSetting } from '../../../electron/store/settings-repo.ts';
import { openStore } from '../../../electron/store/store.ts';
import { type OpenfaxStandIn, startOpenfaxStandIn } from '../../fakes/openfax-stand-in.ts';
import { runCliIn } from './run-cli.ts';

const ID = '123456789';
const KEY = 'cli-key-8d7e6f55';
let dir: string;
let home: OpenfaxStandIn;
let other: OpenfaxStandIn;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-cli-key-'));
  [home, other] = await Promise.all([startOpenfaxStandIn({ credit: 8 }), startOpenfaxStandIn()]);
  const store = openStore(dir);
  setSetting(store.db, 'accountId', ID);
  setSetting(store.db, 'apiUrl', home.url);
  store.close();
});
afterEach(async () => {
  await Promise.all([home.close(), other.close()]);
  rmSync(dir, { recursive: true, force: true });
});

const keychain = { readApiKey: async () => encodeBoundKey({ apiKey: KEY, origin: new URL(home.url).origin }) };

describe('openfax and the key’s own address', () => {
  it('reads the credit at the address the key was entered for', async () => {
    const r = await runCliIn(dir, ['credit'], {}, keychain);
    expect(r).toMatchObject({ code: 0, out: `Available credit on account ${ID}: 8.00\n` });
    expect(home.received(KEY)).toBe(true);
  });

  it('refuses --api-url to another server for the stored key, and sends it nothing', async () => {
    const r = await runCliIn(dir, ['credit', '--api-url', other.url], {}, keychain);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(new RegExp(`Not sending the API key of account ${ID} to ${other.url}`));
    expect(r.err).toMatch(/OPENFAX_API_KEY/);
    const viaEnv = await runCliIn(dir, ['credit'], { OPENFAX_API_URL: other.url }, keychain);
    expect(viaEnv.code).toBe(3);
    expect(other.requests).toEqual([]);
    expect(r.err + r.out).not.toContain(KEY);
  });

  it('sends a key to a server that is neither Openfax nor this computer only with --trust-address, and never over http', async () => {
    const env = { OPENFAX_API_KEY: 'company-key-0c4d' };
    const r = await runCliIn(dir, ['credit', '--api-url', 'https://fax.example.test'], env, keychain);
    expect(r.code).toBe(3);
    expect(r.err).toBe(
      "openfax: Not sending the API key to fax.example.test: it is not Openfax's own address.\nAdd --trust-address if your company runs its own Openfax-compatible server there.\n",
    );
    const viaEnv = await runCliIn(dir, ['credit'], { ...env, OPENFAX_API_URL: 'https://fax.example.test' }, keychain);
    expect(viaEnv.err).toMatch(/--trust-address/);

    const http = await runCliIn(dir, ['credit', '--trust-address', '--api-url', 'http://fax.example.test'], env, keychain);
    expect(http.code).toBe(3);
    expect(http.err).toMatch(/^openfax: Not sending the API key: http:\/\/fax\.example\.test starts with http:\/\/.*unencrypted/);

    // With the flag the key goes there: here a closed port on this machine (0.0.0.0 is not loopback by name).
    const trusted = await runCliIn(dir, ['credit', '--trust-address', '--api-url', 'https://0.0.0.0:9'], env, keychain);
    expect(trusted.err).not.toMatch(/trust-address|Not sending/);
    expect(trusted.err).toMatch(/Could not reach Openfax/);
    expect(home.requests).toEqual([]);
    expect((await runCliIn(dir, ['help', 'credit'])).out).toMatch(/--trust-address/);
  });

  it('says what is missing when there is no keyring, without the D-Bus text', async () => {
    const words = keychainMessage('linux', 'read', 'Platform failure: DBus error: set your DBUS_SESSION_BUS_ADDRESS instead');
    const r = await runCliIn(
      dir,
      ['credit'],
      {},
      {
        readApiKey: async () => {
          throw new SecretStoreError(words, { code: 'keychain-failed' });
        },
      },
    );
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/could not be read\. Openfax Desktop keeps the API key in a Secret Service keyring/);
    expect(r.err).toMatch(/GNOME Keyring or KWallet/);
    expect(r.err).not.toMatch(/DBus|DBUS_SESSION/);
  });
});
