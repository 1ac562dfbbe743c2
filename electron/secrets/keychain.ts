// The OS keychain through @napi-rs/keyring: macOS Keychain, Windows Credential Manager,
// Secret Service on Linux. On Linux we pin the Secret Service: the library's fallback, the
// kernel keyring, forgets everything at reboot, which would look like a lost key.

import { AsyncEntry } from '@napi-rs/keyring';
import { type SecretStore, SecretStoreError } from './secret-store.ts';

const KEYCHAIN_SERVICE = 'Openfax Desktop';

function keychainLabel(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service keyring';
}

function explain(platform: NodeJS.Platform, action: string, err: unknown): SecretStoreError {
  const why = err instanceof Error ? err.message : String(err);
  const fix =
    platform === 'linux'
      ? 'Make sure a Secret Service keyring (GNOME Keyring or KWallet) is running and unlocked, then try again.'
      : `Make sure the ${keychainLabel(platform)} is unlocked and allows Openfax Desktop, then try again.`;
  return new SecretStoreError(`Could not ${action} the API key in the ${keychainLabel(platform)} (${why}). ${fix}`, {
    code: 'keychain-failed',
  });
}

export function createKeychainStore(service = KEYCHAIN_SERVICE, platform: NodeJS.Platform = process.platform): SecretStore {
  const entry = (account: string) =>
    new AsyncEntry(service, account, platform === 'linux' ? { linux: { store: 'secret-service' } } : undefined);
  return {
    label: keychainLabel(platform),
    async get(account) {
      try {
        return (await entry(account).getPassword()) ?? undefined;
      } catch (err) {
        throw explain(platform, 'read', err);
      }
    },
    async set(account, secret) {
      try {
        await entry(account).setPassword(secret);
      } catch (err) {
        throw explain(platform, 'save', err);
      }
    },
    async delete(account) {
      try {
        return await entry(account).deleteCredential();
      } catch (err) {
        throw explain(platform, 'remove', err);
      }
    },
  };
}
