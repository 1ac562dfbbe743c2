// Runs against the real Secret Service. `.ci/run` starts a D-Bus session with an unlocked
// gnome-keyring; under CI a missing keyring fails this test instead of skipping it.

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeychainStore } from '../../../electron/secrets/keychain.ts';

const hasSession = !!process.env.DBUS_SESSION_BUS_ADDRESS;
const required = !!process.env.CI;

describe.runIf(process.platform === 'linux' && (hasSession || required))('OS keychain (Secret Service)', () => {
  it('stores, reads, replaces and deletes an API key', async () => {
    const store = createKeychainStore('Openfax Desktop Test');
    const account = `test-${randomUUID()}`;
    const key = `key-${randomUUID()}`;
    expect(await store.get(account)).toBeUndefined();
    await store.set(account, key);
    expect(await store.get(account)).toBe(key);
    await store.set(account, `${key}-2`);
    expect(await store.get(account)).toBe(`${key}-2`);
    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeUndefined();
    expect(await store.delete(account)).toBe(false);
  });
});

describe.runIf(process.platform === 'linux' && !hasSession && !required)('OS keychain without a session bus', () => {
  it('explains what is missing instead of failing obscurely', async () => {
    const store = createKeychainStore('Openfax Desktop Test');
    await expect(store.get('nobody')).rejects.toThrow(/Secret Service keyring/);
  });
});
