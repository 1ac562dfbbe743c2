// Which account the CLI sends with, said as a pin on the core's account service: --sandbox, or
// the environment (servers, CI) over the app's own settings and keychain entry. The core then
// decides endpoints, sandbox scoping and pacing exactly as it does for the app.

import { join } from 'node:path';
import { apiAddressKind } from '../../shared/api-address.ts';
import type { AccountPin } from '../account/account-service.ts';
import { cleartextProblem } from '../account/address-trust.ts';
import { originOf } from '../account/key-binding.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { getSettings } from '../store/settings-repo.ts';
import type { Store } from '../store/store.ts';
import { CliError, EXIT, type CliIo, type GlobalOptions } from './types.ts';

export const NO_ACCOUNT_HELP = [
  'No Openfax account is configured.',
  'Set one of:',
  '  OPENFAX_ACCOUNT_ID and OPENFAX_API_KEY in the environment (OPENFAX_API_URL or --api-url for another server),',
  '  or sign in once in Openfax Desktop (Settings → Account): the CLI uses the same account and keychain entry,',
  '  or try it without an account: add --sandbox (a local simulator; nothing is really faxed).',
].join('\n');

export interface AccountChoice {
  pin: AccountPin;
  /** Where the account came from, for messages. */
  source: 'env' | 'app' | 'sandbox';
}

/**
 * The app's rule for an address typed here (--api-url, OPENFAX_API_URL): Openfax's own, loopback
 * and the address saved in the app take the key; another https server only with --trust-address
 * (the person at the terminal says yes, as the app's dialog asks); plain http elsewhere never.
 */
function addressRefusal(apiUrl: string, savedUrl: string, trusted: boolean): CliError | undefined {
  const cleartext = cleartextProblem(apiUrl);
  if (cleartext) return new CliError(`Not sending the API key: ${cleartext}`, EXIT.account, 'Give the https:// address in --api-url.');
  const origin = originOf(apiUrl);
  if (trusted || !origin || apiAddressKind(apiUrl) !== 'other' || origin === originOf(savedUrl)) return undefined;
  return new CliError(
    `Not sending the API key to ${new URL(origin).host}: it is not Openfax's own address.`,
    EXIT.account,
    'Add --trust-address if your company runs its own Openfax-compatible server there.',
  );
}

/** The account this command line names, or undefined when there is none to use. */
export function chooseAccount(io: CliIo, globals: GlobalOptions, store: () => Store): AccountChoice | undefined {
  if (globals.sandbox) return { pin: { kind: 'sandbox' }, source: 'sandbox' };
  const env = io.env;
  const accountId = (env.OPENFAX_ACCOUNT_ID ?? '').trim();
  const saved = getSettings(store().db);
  if (!accountId && !saved.accountId) return undefined;
  const apiKey = env.OPENFAX_API_KEY?.trim() || undefined;
  const apiUrl = globals.apiUrl ?? (env.OPENFAX_API_URL?.trim() || undefined);
  const refused = apiUrl && addressRefusal(apiUrl, saved.apiUrl, globals.trustAddress);
  if (refused) throw refused;
  return { pin: { kind: 'live', accountId: accountId || undefined, apiKey, apiUrl }, source: apiKey ? 'env' : 'app' };
}

/** The app's keychain entry, read only (the CLI never stores or deletes a key). */
export function readOnlyKeychain(io: CliIo): SecretStore {
  const refuse = async (): Promise<never> => {
    throw new CliError('The CLI does not change the keychain; use Openfax Desktop (Settings → Account).', EXIT.account);
  };
  return { label: 'keychain', get: async (id) => io.readApiKey?.(id), set: refuse, delete: refuse };
}

/** Why the chosen live account cannot send, as the CLI says it; undefined when it can. */
export function accountProblem(status: {
  accountId: string;
  apiUrl: string;
  keySet: boolean;
  keychainError?: string;
  keyProblem?: string;
}): CliError | undefined {
  if (status.keychainError) {
    return new CliError(
      `The API key for account ${status.accountId} could not be read. ${status.keychainError.replace(/^Could not read the API key: /, '')}`,
      EXIT.account,
      'Or set OPENFAX_API_KEY in the environment instead.',
    );
  }
  if (status.keyProblem) {
    // --api-url (or OPENFAX_API_URL) names another server than the key was entered for.
    return new CliError(
      `Not sending the API key of account ${status.accountId} to ${status.apiUrl}. ${status.keyProblem}`,
      EXIT.account,
      'Leave out --api-url, or set OPENFAX_API_KEY with the key meant for that address.',
    );
  }
  if (!status.keySet) {
    return new CliError(
      `No API key is stored for Openfax account ${status.accountId}.`,
      EXIT.account,
      'Set OPENFAX_API_KEY, or enter the key in Openfax Desktop (Settings → Account).',
    );
  }
  return undefined;
}

/** Starts the sandbox inside this process, with its data beside ours so its faxes outlive the command. */
export async function startLocalSandbox(globals: GlobalOptions, port = 0) {
  const { startSandbox } = await import('../sandbox/index.ts');
  return startSandbox({ dataDir: join(globals.dataDir, 'sandbox'), speed: globals.sandboxSpeed, port, faults: globals.sandboxFaults });
}
