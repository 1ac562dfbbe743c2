// Which Openfax the app talks to, and with what credentials. The API key lives in the OS
// keychain and in this module's memory only: it is registered for redaction the moment it
// is read, and nothing here ever returns it.

import { LOCAL_SANDBOX_ENDPOINT } from '../store/account-state-repo.ts';
import { accountIdProblem } from '../../shared/account-id.ts';
import type { Settings } from '../../shared/settings.ts';
import { AppError } from '../core/app-error.ts';
import { createLogger, registerSecret } from '../core/logger.ts';
import { createOpenfaxClient } from '../openfax/client.ts';
import type { OpenfaxClient, OpenfaxCredentials, OpenfaxError } from '../openfax/types.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { SettingsAccess } from '../settings/settings-service.ts';

const log = createLogger('account');

export type AccountMode = 'sandbox' | 'live';

export interface AccountStatus {
  mode: AccountMode;
  accountId: string;
  apiUrl: string;
  /** Whether an API key is stored for `accountId` (the key itself never leaves main). */
  keySet: boolean;
  /** Live mode needs an account ID and a key. */
  liveReady: boolean;
  keychain: string;
  /** Problem reading the keychain, in words. */
  keychainError?: string;
  credit?: number;
  creditCheckedAt?: number;
  connection: 'unknown' | 'ok' | 'error';
  lastError?: Pick<OpenfaxError, 'kind' | 'code' | 'message' | 'action'>;
  sandboxUrl?: string;
}

export interface SandboxEndpoint {
  url: string;
  demoAccount: { accountId: string; apiKey: string };
}

export type CheckResult = { ok: true; credit: number } | { ok: false; error: OpenfaxError };

export interface AccountService {
  status(): AccountStatus;
  mode(): AccountMode;
  /** The client for the current mode, or undefined when live mode lacks credentials. */
  getClient(): OpenfaxClient | undefined;
  /** The account the outbox sends with: which endpoint and account ID scope its jobs. */
  current(): { accountId: string; endpoint: string; client: OpenfaxClient } | undefined;
  /** Saves the account ID and, when given, a new key (to the keychain). */
  setCredentials(input: { accountId: string; apiKey?: string; apiUrl?: string }): Promise<AccountStatus>;
  removeKey(): Promise<AccountStatus>;
  setMode(mode: AccountMode): Promise<AccountStatus>;
  /** Reads the credit with the current credentials; records the outcome in the status. */
  testConnection(): Promise<CheckResult>;
  /** Records a credit value learnt elsewhere (the outbox after results). */
  noteCredit(credit: number): void;
  /** Called on every status change; returns a disposer. */
  onChange(listener: (status: AccountStatus) => void): () => void;
}

/**
 * An account a process is told to use instead of the one in the settings (the CLI's --sandbox,
 * or its OPENFAX_ACCOUNT_ID / OPENFAX_API_KEY / --api-url). A pin is never saved; what it
 * leaves out comes from the settings and the keychain as usual.
 */
export type AccountPin = { kind: 'sandbox' } | { kind: 'live'; accountId?: string; apiKey?: string; apiUrl?: string };

export interface AccountDeps {
  settings: SettingsAccess;
  pin?: AccountPin;
  secrets: SecretStore;
  sandbox?: SandboxEndpoint;
  createClient?: (creds: OpenfaxCredentials) => OpenfaxClient;
  now?: () => number;
}

export class AccountError extends AppError {
  override name = 'AccountError';
}

/** Builds the service and reads the stored key once (the keychain may prompt; do it at start-up). */
export async function createAccountService(deps: AccountDeps): Promise<AccountService> {
  const make = deps.createClient ?? createOpenfaxClient;
  const now = deps.now ?? Date.now;
  const listeners = new Set<(s: AccountStatus) => void>();
  let apiKey: string | undefined;
  let keychainError: string | undefined;
  let credit: number | undefined;
  let creditCheckedAt: number | undefined;
  let connection: AccountStatus['connection'] = 'unknown';
  let lastError: AccountStatus['lastError'];
  let client: { key: string; client: OpenfaxClient } | undefined;

  async function loadKey(accountId: string): Promise<void> {
    apiKey = undefined;
    keychainError = undefined;
    if (livePin?.apiKey) {
      apiKey = livePin.apiKey;
      registerSecret(apiKey);
      return;
    }
    if (!accountId || pin?.kind === 'sandbox') return;
    try {
      apiKey = await deps.secrets.get(accountId);
      registerSecret(apiKey);
    } catch (err) {
      keychainError = err instanceof Error ? err.message : String(err);
      // Shown where it matters (Settings, the CLI's message) from the status; the log keeps a note.
      log.info('could not read the API key from the keychain', err);
    }
  }

  const pin = deps.pin;
  const livePin = pin?.kind === 'live' ? pin : undefined;
  // The settings as this process sees them: a pin's values over the saved ones.
  const settings = (): Settings => {
    const s = deps.settings.get();
    if (!pin) return s;
    if (pin.kind === 'sandbox') return { ...s, accountMode: 'sandbox' };
    return { ...s, accountMode: 'live', accountId: pin.accountId || s.accountId, apiUrl: pin.apiUrl || s.apiUrl };
  };
  const mode = (): AccountMode => settings().accountMode;

  function credentials(): OpenfaxCredentials | undefined {
    if (mode() === 'sandbox') {
      if (!deps.sandbox) return undefined;
      return { baseUrl: deps.sandbox.url, ...deps.sandbox.demoAccount };
    }
    const s = settings();
    if (!s.accountId || !apiKey) return undefined;
    return { baseUrl: s.apiUrl, accountId: s.accountId, apiKey };
  }

  function status(): AccountStatus {
    const s = settings();
    return {
      mode: s.accountMode,
      accountId: s.accountId,
      apiUrl: s.apiUrl,
      keySet: !!apiKey,
      liveReady: !!s.accountId && !!apiKey,
      keychain: deps.secrets.label,
      keychainError,
      credit,
      creditCheckedAt,
      connection,
      lastError,
      sandboxUrl: deps.sandbox?.url,
    };
  }

  function changed(resetConnection = false): AccountStatus {
    if (resetConnection) {
      client = undefined;
      credit = undefined;
      creditCheckedAt = undefined;
      connection = 'unknown';
      lastError = undefined;
    }
    const st = status();
    for (const l of [...listeners]) l(st);
    return st;
  }

  function refusePinned(): void {
    if (pin) {
      throw new AccountError('This account was given on the command line or in the environment; change it there.', {
        code: 'account-pinned',
        field: 'accountId',
      });
    }
  }

  function update(patch: Partial<Settings>): void {
    const r = deps.settings.update(patch);
    if (!r.ok) throw new AccountError(Object.values(r.errors).join(' '), { code: 'settings-refused', field: Object.keys(r.errors)[0] });
  }

  await loadKey(settings().accountId);

  function getClient(): OpenfaxClient | undefined {
    const creds = credentials();
    if (!creds) return undefined;
    const key = `${creds.baseUrl}|${creds.accountId}|${creds.apiKey}`;
    if (client?.key !== key) client = { key, client: make(creds) };
    return client.client;
  }

  return {
    status,
    mode,
    getClient,
    current() {
      const creds = credentials();
      const c = getClient();
      if (!creds || !c) return undefined;
      // The sandbox's port changes every start while its faxes persist: scope jobs to a fixed name.
      const endpoint = mode() === 'sandbox' ? LOCAL_SANDBOX_ENDPOINT : creds.baseUrl;
      return { accountId: creds.accountId, endpoint, client: c };
    },
    async setCredentials({ accountId, apiKey: newKey, apiUrl }) {
      refusePinned();
      const id = accountId.trim();
      const idProblem = accountIdProblem(id);
      if (idProblem) throw new AccountError(idProblem, { code: 'account-id-invalid', field: 'accountId' });
      const key = newKey?.trim();
      if (newKey !== undefined && !key) {
        throw new AccountError('The API key is empty. Paste the key from your Openfax portal settings.', {
          code: 'api-key-empty',
          field: 'apiKey',
        });
      }
      if (key && /\s/.test(key)) {
        throw new AccountError('The API key contains spaces. Paste it exactly as the portal shows it.', {
          code: 'api-key-spaces',
          field: 'apiKey',
        });
      }
      const previous = settings().accountId;
      update({ accountId: id, ...(apiUrl ? { apiUrl } : {}) });
      if (key) {
        registerSecret(key);
        await deps.secrets.set(id, key);
        apiKey = key;
        keychainError = undefined;
      } else if (id !== previous) {
        await loadKey(id);
      }
      return changed(true);
    },
    async removeKey() {
      refusePinned();
      const id = settings().accountId;
      if (id) await deps.secrets.delete(id);
      apiKey = undefined;
      if (mode() === 'live') update({ accountMode: 'sandbox' });
      return changed(true);
    },
    async setMode(next) {
      refusePinned();
      if (next === 'live' && !(settings().accountId && apiKey)) {
        throw new AccountError('Enter your account ID and API key before switching to the real account.', {
          code: 'live-needs-credentials',
          field: 'accountId',
        });
      }
      update({ accountMode: next });
      return changed(true);
    },
    async testConnection() {
      const c = getClient();
      if (!c) {
        const error: OpenfaxError = {
          kind: 'auth',
          message: 'No account is set up.',
          action: 'Enter your account ID and API key in Settings → Account, or use the sandbox.',
          retryable: false,
        };
        connection = 'error';
        lastError = error;
        changed();
        return { ok: false, error };
      }
      const r = await c.getCredit();
      if (r.ok) {
        credit = r.value;
        creditCheckedAt = now();
        connection = 'ok';
        lastError = undefined;
        changed();
        return { ok: true, credit: r.value };
      }
      connection = 'error';
      lastError = { kind: r.error.kind, code: r.error.code, message: r.error.message, action: r.error.action };
      changed();
      return { ok: false, error: r.error };
    },
    noteCredit(value) {
      credit = value;
      creditCheckedAt = now();
      connection = 'ok';
      changed();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
