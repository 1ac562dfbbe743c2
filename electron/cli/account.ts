// Which account the CLI sends with: environment first (servers, CI), then the app's own
// settings and keychain entry, or an in-process sandbox with --sandbox.

import { join } from 'node:path';
import { createOpenfaxClient } from '../openfax/client.ts';
import { LOCAL_SANDBOX_ENDPOINT } from '../store/account-state-repo.ts';
import { getSettings } from '../store/settings-repo.ts';
import type { Store } from '../store/store.ts';
import { CliError, EXIT, type CliIo, type GlobalOptions, type ResolvedAccount } from './types.ts';

export const NO_ACCOUNT_HELP = [
  'No Openfax account is configured.',
  'Set one of:',
  '  OPENFAX_ACCOUNT_ID and OPENFAX_API_KEY in the environment (OPENFAX_API_URL or --api-url for another server),',
  '  or sign in once in Openfax Desktop (Settings → Account): the CLI uses the same account and keychain entry,',
  '  or try it without an account: add --sandbox (a local simulator; nothing is really faxed).',
].join('\n');

export async function resolveAccount(io: CliIo, globals: GlobalOptions, store: () => Store): Promise<ResolvedAccount | undefined> {
  const settings = getSettings(store().db);
  const env = io.env;
  const accountId = (env.OPENFAX_ACCOUNT_ID ?? '').trim() || settings.accountId;
  if (!accountId) return undefined;
  const baseUrl = globals.apiUrl ?? (env.OPENFAX_API_URL?.trim() || settings.apiUrl);
  let apiKey = env.OPENFAX_API_KEY?.trim();
  let source: ResolvedAccount['source'] = 'env';
  if (!apiKey && io.readApiKey) {
    try {
      apiKey = await io.readApiKey(accountId);
      source = 'app';
    } catch (err) {
      throw new CliError(
        `The API key for account ${accountId} could not be read from the keychain: ${(err as Error).message}`,
        EXIT.account,
        'Set OPENFAX_API_KEY instead, or unlock the keychain.',
      );
    }
  }
  if (!apiKey) {
    throw new CliError(
      `No API key is stored for Openfax account ${accountId}.`,
      EXIT.account,
      'Set OPENFAX_API_KEY, or enter the key in Openfax Desktop (Settings → Account).',
    );
  }
  return { accountId, endpoint: baseUrl, client: createOpenfaxClient({ accountId, apiKey, baseUrl }), source };
}

/** Starts the sandbox inside this process, with its data beside ours so its faxes outlive the command. */
export async function startLocalSandbox(globals: GlobalOptions, port = 0) {
  const { startSandbox } = await import('../sandbox/index.ts');
  return startSandbox({ dataDir: join(globals.dataDir, 'sandbox'), speed: globals.sandboxSpeed, port });
}

export function sandboxAccount(sb: { url: string; demoAccount: { accountId: string; apiKey: string } }): ResolvedAccount {
  return {
    accountId: sb.demoAccount.accountId,
    endpoint: LOCAL_SANDBOX_ENDPOINT,
    client: createOpenfaxClient({ ...sb.demoAccount, baseUrl: sb.url }),
    source: 'sandbox',
  };
}
