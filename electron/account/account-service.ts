// Which Openfax the app talks to, and with what credentials. The API key lives in the OS
// keychain and in this module's memory only: it is registered for redaction the moment it
// is read, and nothing here ever returns it. The key is bound to the API origin it was
// entered for (key-binding.ts), and `clientFor` below, the one place a key becomes a client,
// refuses any other origin. A typed address that is neither Openfax's nor loopback gets a key
// only after the person said yes (address-trust.ts). Live mode is entered only after the saved credentials answered
// (or the person chose "switch anyway"), and the account is shown healthy only after a call
// succeeded (`connection`).

import { LOCAL_SANDBOX_ENDPOINT } from '../store/account-state-repo.ts';
import { accountIdProblem } from '../../shared/account-id.ts';
import type { Settings } from '../../shared/settings.ts';
import { AppError } from '../core/app-error.ts';
import { createLogger, registerSecret } from '../core/logger.ts';
import { createOpenfaxClient } from '../openfax/client.ts';
import type { OpenfaxClient, OpenfaxCredentials, OpenfaxError, Result } from '../openfax/types.ts';
import { type ConfirmAddress, cleartextProblem, createAddressTrust, UnconfirmedAddressError } from './address-trust.ts';
import { apiKeyProblem, apiUrlProblem } from './credential-input.ts';
import { type BoundKey, decodeBoundKey, encodeBoundKey, isLegacyEntry, keyAddressProblem, originOf } from './key-binding.ts';
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
  /** The origin the stored key was entered for (an address, not a secret). */
  keyOrigin?: string;
  /** Why the stored key cannot be used with `apiUrl` (it was entered for another address), in words. */
  keyProblem?: string;
  /** Live mode needs an account ID and a key entered for `apiUrl`. */
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

/** Credentials as typed in Settings, before they are saved; an empty key means "the stored one". */
export interface AccountDraft {
  accountId: string;
  apiKey?: string;
  apiUrl?: string;
}

export type DraftTestResult =
  | { outcome: 'connected'; credit: number; accountId: string; apiUrl: string }
  | { outcome: 'failed'; error: OpenfaxError; accountId: string; apiUrl: string }
  /** `confirmOrigin`: the address is not Openfax's and nobody was asked; a yes for this origin lets the test run. */
  | { outcome: 'invalid'; field: 'accountId' | 'apiKey' | 'apiUrl'; reason: string; confirmOrigin?: string };

/** Live mode is entered only after its credentials answered, unless the person chose "anyway". */
export type SetModeResult = { ok: true; status: AccountStatus } | { ok: false; error: OpenfaxError; apiUrl: string };

export interface AccountService {
  status(): AccountStatus;
  mode(): AccountMode;
  /** The client for the current mode, or undefined when live mode lacks credentials. */
  getClient(): OpenfaxClient | undefined;
  /** The account the outbox sends with: which endpoint and account ID scope its jobs. */
  current(): { accountId: string; endpoint: string; client: OpenfaxClient } | undefined;
  /**
   * Saves the account ID and, when given, a new key (to the keychain). A new address that is
   * neither Openfax's nor loopback needs `confirmAddress` to say yes (else UnconfirmedAddressError).
   */
  setCredentials(input: { accountId: string; apiKey?: string; apiUrl?: string; confirmAddress?: ConfirmAddress }): Promise<AccountStatus>;
  removeKey(): Promise<AccountStatus>;
  /**
   * Live: tests the saved credentials first and stays put when they fail, unless `anyway`
   * (then the failure is what the status shows). Either way the new mode's credit is read.
   */
  setMode(mode: AccountMode, opts?: { anyway?: boolean }): Promise<SetModeResult>;
  /** Reads the credit with the current credentials; records the outcome in the status. */
  testConnection(): Promise<CheckResult>;
  /** Reads the credit with exactly these typed credentials, at their own address (agreed to, as for setCredentials); saves nothing. */
  testCredentials(draft: AccountDraft, confirmAddress?: ConfirmAddress): Promise<DraftTestResult>;
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
  let stored: BoundKey | undefined;
  let keychainError: string | undefined;
  let credit: number | undefined;
  let creditCheckedAt: number | undefined;
  let connection: AccountStatus['connection'] = 'unknown';
  let lastError: AccountStatus['lastError'];
  let client: { key: string; client: OpenfaxClient } | undefined;
  const trust = createAddressTrust();

  /** The keychain entry for `accountId`, with the origin it was entered for. */
  async function readKey(accountId: string): Promise<BoundKey | undefined> {
    const raw = await deps.secrets.get(accountId);
    if (!raw) return undefined;
    // A bare key from before keys were bound goes with the saved address (never a pin's).
    const k = decodeBoundKey(raw, originOf(deps.settings.get().apiUrl));
    registerSecret(k?.apiKey);
    if (k && isLegacyEntry(raw) && !pin) {
      // Bound from now on, so a later change of the address setting cannot carry the key along.
      await deps.secrets.set(accountId, encodeBoundKey(k)).catch((err) => log.info('could not rewrite the keychain entry bound', err));
    }
    return k;
  }

  async function loadKey(accountId: string): Promise<void> {
    stored = undefined;
    keychainError = undefined;
    if (livePin?.apiKey) {
      // A key given on the command line belongs to the address given with it (else the saved one).
      registerSecret(livePin.apiKey);
      const origin = originOf(settings().apiUrl);
      if (origin) stored = { apiKey: livePin.apiKey, origin };
      return;
    }
    if (!accountId || pin?.kind === 'sandbox') return;
    try {
      stored = await readKey(accountId);
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

  /**
   * The one place a key becomes a client, so the one place the rule is kept: a key goes only
   * to the origin it was entered for, whatever address a setting, a form or a flag names.
   */
  function clientFor(creds: OpenfaxCredentials, keyOrigin: string): OpenfaxClient {
    if (originOf(creds.baseUrl) !== keyOrigin) {
      throw new AccountError(keyAddressProblem({ origin: keyOrigin }, creds.baseUrl) ?? 'The API key belongs to another address.', {
        code: 'api-key-other-address',
        field: 'apiKey',
      });
    }
    return make(creds);
  }

  /** The saved live credentials, when the stored key was entered for the saved address. */
  function liveCredentials(): { creds: OpenfaxCredentials; keyOrigin: string } | undefined {
    const s = settings();
    if (!s.accountId || !stored || keyAddressProblem(stored, s.apiUrl)) return undefined;
    return { creds: { baseUrl: s.apiUrl, accountId: s.accountId, apiKey: stored.apiKey }, keyOrigin: stored.origin };
  }

  function credentials(): { creds: OpenfaxCredentials; keyOrigin: string } | undefined {
    if (mode() === 'live') return liveCredentials();
    const sb = deps.sandbox;
    const origin = sb && originOf(sb.url);
    if (!sb || !origin) return undefined;
    return { creds: { baseUrl: sb.url, ...sb.demoAccount }, keyOrigin: origin };
  }

  function status(): AccountStatus {
    const s = settings();
    const keyProblem = stored ? keyAddressProblem(stored, s.apiUrl) : undefined;
    return {
      mode: s.accountMode,
      accountId: s.accountId,
      apiUrl: s.apiUrl,
      keySet: !!stored,
      keyOrigin: stored?.origin,
      keyProblem,
      liveReady: !!s.accountId && !!stored && !keyProblem,
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

  function record(r: Result<number>): void {
    if (r.ok) {
      credit = r.value;
      creditCheckedAt = now();
      connection = 'ok';
      lastError = undefined;
    } else {
      connection = 'error';
      lastError = { kind: r.error.kind, code: r.error.code, message: r.error.message, action: r.error.action };
    }
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
    const c = credentials();
    if (!c) return undefined;
    const key = `${c.creds.baseUrl}|${c.creds.accountId}|${c.creds.apiKey}`;
    if (client?.key !== key) client = { key, client: clientFor(c.creds, c.keyOrigin) };
    return client.client;
  }

  async function testConnection(): Promise<CheckResult> {
    const c = getClient();
    if (!c) {
      const error: OpenfaxError = {
        kind: 'auth',
        message: status().keyProblem ?? 'No account is set up.',
        action: 'Enter your account ID and API key in Settings → Account, or use the sandbox.',
        retryable: false,
      };
      record({ ok: false, error });
      changed();
      return { ok: false, error };
    }
    const r = await c.getCredit();
    record(r);
    changed();
    return r.ok ? { ok: true, credit: r.value } : { ok: false, error: r.error };
  }

  /** The key a draft is tested with: the typed one, or the stored one if it is this account's and this address's. */
  function draftKey(
    accountId: string,
    typed: string | undefined,
    url: string,
    origin: string,
  ): BoundKey | { field: 'apiKey'; reason: string } {
    if (typed !== undefined && typed !== '') {
      const key = typed.trim();
      const problem = apiKeyProblem(key);
      if (problem) return { field: 'apiKey', reason: problem };
      registerSecret(key);
      return { apiKey: key, origin };
    }
    const mine = accountId === settings().accountId ? stored : undefined;
    if (!mine) {
      return { field: 'apiKey', reason: keychainError ?? 'Paste the API key from your Openfax portal settings to test this account.' };
    }
    const problem = keyAddressProblem(mine, url);
    return problem ? { field: 'apiKey', reason: problem } : mine;
  }

  return {
    status,
    mode,
    getClient,
    current() {
      const c = credentials();
      const cl = getClient();
      if (!c || !cl) return undefined;
      // The sandbox's port changes every start while its faxes persist: scope jobs to a fixed name.
      const endpoint = mode() === 'sandbox' ? LOCAL_SANDBOX_ENDPOINT : c.creds.baseUrl;
      return { accountId: c.creds.accountId, endpoint, client: cl };
    },
    async setCredentials({ accountId, apiKey: newKey, apiUrl, confirmAddress }) {
      refusePinned();
      const id = accountId.trim();
      const idProblem = accountIdProblem(id);
      if (idProblem) throw new AccountError(idProblem, { code: 'account-id-invalid', field: 'accountId' });
      const key = newKey?.trim();
      if (newKey !== undefined) {
        const problem = apiKeyProblem(key ?? '');
        if (problem) throw new AccountError(problem, { code: key ? 'api-key-spaces' : 'api-key-empty', field: 'apiKey' });
      }
      const url = apiUrl ?? settings().apiUrl;
      const urlProblem = apiUrlProblem(url);
      const origin = originOf(url);
      if (urlProblem || !origin)
        throw new AccountError(urlProblem ?? 'Enter the server address as a full URL.', { code: 'api-url-invalid', field: 'apiUrl' });
      const cleartext = cleartextProblem(url);
      if (cleartext) throw new AccountError(cleartext, { code: 'api-url-cleartext', field: 'apiUrl' });
      const previous = settings().accountId;
      let next: BoundKey | undefined;
      let readError: string | undefined;
      if (key) next = { apiKey: key, origin };
      else if (id === previous) next = stored;
      else {
        try {
          next = await readKey(id);
        } catch (err) {
          readError = err instanceof Error ? err.message : String(err);
        }
      }
      // A new address with the old key would send that key somewhere it was never meant for.
      const moved = !key && next ? keyAddressProblem(next, url) : undefined;
      if (moved) throw new AccountError(moved, { code: 'api-key-other-address', field: 'apiKey' });
      // Last, so the question comes only when nothing else stands in the way; before anything is stored.
      await trust.check(url, settings().apiUrl, confirmAddress);
      if (key) {
        registerSecret(key);
        await deps.secrets.set(id, encodeBoundKey({ apiKey: key, origin }));
      }
      update({ accountId: id, ...(apiUrl ? { apiUrl } : {}) });
      stored = next;
      keychainError = key ? undefined : id === previous ? keychainError : readError;
      return changed(true);
    },
    async removeKey() {
      refusePinned();
      const id = settings().accountId;
      if (id) await deps.secrets.delete(id);
      stored = undefined;
      if (mode() === 'live') update({ accountMode: 'sandbox' });
      return changed(true);
    },
    async setMode(next, opts = {}) {
      refusePinned();
      if (next === 'live') {
        const live = liveCredentials();
        if (!live) {
          const keyProblem = status().keyProblem;
          throw new AccountError(keyProblem ?? 'Enter your account ID and API key before switching to the real account.', {
            code: keyProblem ? 'api-key-other-address' : 'live-needs-credentials',
            field: keyProblem ? 'apiKey' : 'accountId',
          });
        }
        if (!opts.anyway) {
          const r = await clientFor(live.creds, live.keyOrigin).getCredit();
          if (!r.ok) return { ok: false, error: r.error, apiUrl: live.creds.baseUrl };
          update({ accountMode: 'live' });
          changed(true);
          record(r);
          return { ok: true, status: changed() };
        }
      }
      update({ accountMode: next });
      changed(true);
      // The credit shown is the new mode's, read now; after "anyway" the failure shows instead.
      await testConnection();
      return { ok: true, status: status() };
    },
    testConnection,
    async testCredentials(draft, confirmAddress) {
      const id = draft.accountId.trim();
      const idProblem = accountIdProblem(id);
      if (idProblem) return { outcome: 'invalid', field: 'accountId', reason: idProblem };
      const url = draft.apiUrl?.trim() || settings().apiUrl;
      const urlProblem = apiUrlProblem(url);
      const origin = originOf(url);
      if (urlProblem || !origin)
        return { outcome: 'invalid', field: 'apiUrl', reason: urlProblem ?? 'Enter the server address as a full URL.' };
      const cleartext = cleartextProblem(url);
      if (cleartext) return { outcome: 'invalid', field: 'apiUrl', reason: cleartext };
      const key = draftKey(id, draft.apiKey, url, origin);
      if ('reason' in key) return { outcome: 'invalid', field: key.field, reason: key.reason };
      try {
        await trust.check(url, settings().apiUrl, confirmAddress);
      } catch (err) {
        if (!(err instanceof UnconfirmedAddressError)) throw err;
        return { outcome: 'invalid', field: 'apiUrl', reason: err.message, ...(err.asked ? {} : { confirmOrigin: err.origin }) };
      }
      const creds: OpenfaxCredentials = { baseUrl: url, accountId: id, apiKey: key.apiKey };
      const r = await clientFor(creds, key.origin).getCredit();
      // The live account in use, typed again: its health is this outcome too.
      const live = mode() === 'live' ? liveCredentials()?.creds : undefined;
      if (live && live.accountId === id && live.apiKey === key.apiKey && originOf(live.baseUrl) === origin) {
        record(r);
        changed();
      }
      return r.ok
        ? { outcome: 'connected', credit: r.value, accountId: id, apiUrl: url }
        : { outcome: 'failed', error: r.error, accountId: id, apiUrl: url };
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
