// Where the API key lives. The app uses the OS keychain; tests and the CLI's environment
// path use the in-memory store. Nothing here writes a secret to disk in plain text.

import { AppError } from '../core/app-error.ts';

export interface SecretStore {
  /** Which keychain, for messages ("macOS Keychain", "Secret Service"…). */
  readonly label: string;
  get(account: string): Promise<string | undefined>;
  set(account: string, secret: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
}

/** The keychain refused or is unreachable; the message says which one and how to fix it. */
export class SecretStoreError extends AppError {
  override name = 'SecretStoreError';
}

export function createMemorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const map = new Map(Object.entries(initial));
  return {
    label: 'memory',
    async get(account) {
      return map.get(account);
    },
    async set(account, secret) {
      map.set(account, secret);
    },
    async delete(account) {
      return map.delete(account);
    },
  };
}
