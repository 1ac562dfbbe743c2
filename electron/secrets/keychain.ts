// The OS keychain through @napi-rs/keyring: macOS Keychain, Windows Credential Manager,
// Secret Service on Linux. On Linux we pin the Secret Service: the library's fallback, the
// kernel keyring, forgets everything at reboot, which would look like a lost key.

import { AsyncEntry } from '@napi-rs/keyring';
import { createLogger } from '../core/logger.ts';
import { keychainLabel, keychainMessage } from './keychain-words.ts';
import { type SecretStore, SecretStoreError } from './secret-store.ts';

const KEYCHAIN_SERVICE = 'Openfax Desktop';
const log = createLogger('keychain');

function explain(platform: NodeJS.Platform, action: 'read' | 'save' | 'remove', err: unknown): SecretStoreError {
  const raw = err instanceof Error ? err.message : String(err);
  // The library's words (a D-Bus error) are for the log; the person gets what to do.
  log.info(`could not ${action} the API key in the ${keychainLabel(platform)}: ${raw}`);
  return new SecretStoreError(keychainMessage(platform, action, raw), { code: 'keychain-failed' });
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
