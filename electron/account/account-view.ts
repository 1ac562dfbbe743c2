// What the renderer may know about the account: everything but the key. Also the poller's
// health as the top bar's connection indicator, and the hot folder's state for the sidebar.

import type { AccountView, ConnectionView, HotFolderView, MagicNumber } from '../../shared/ipc/contract/account.ts';
import type { Settings } from '../../shared/settings.ts';
import type { AccountStatus } from './account-service.ts';
import type { HotFolderState } from '../hotfolder/events.ts';
import type { PollerHealth } from '../outbox/types.ts';
import { DEFAULT_OUTCOME, MAGIC_NUMBERS } from '../sandbox/magic-numbers.ts';

export interface SandboxFacts {
  accountId: string;
  magicNumbers: readonly MagicNumber[];
  otherNumbers: string;
}

/** The sandbox banner's facts: the demo account and the magic numbers. */
export function sandboxFacts(sandbox: { demoAccount: { accountId: string } }): SandboxFacts {
  return {
    accountId: sandbox.demoAccount.accountId,
    magicNumbers: MAGIC_NUMBERS.map((m) => ({ example: m.example, pattern: m.pattern, outcome: m.outcome })),
    otherNumbers: DEFAULT_OUTCOME,
  };
}

export function toAccountView(status: AccountStatus, settings: Pick<Settings, 'lowCreditThreshold'>, sandbox: SandboxFacts): AccountView {
  const credit = status.credit ?? null;
  return {
    mode: status.mode,
    accountId: status.accountId,
    apiUrl: status.apiUrl,
    keySet: status.keySet,
    keyProblem: status.keyProblem ?? null,
    liveReady: status.liveReady,
    keychain: status.keychain,
    keychainError: status.keychainError ?? null,
    credit,
    creditCheckedAt: status.creditCheckedAt ?? null,
    lowCreditThreshold: settings.lowCreditThreshold,
    lowCredit: credit !== null && credit < settings.lowCreditThreshold,
    connection: status.connection,
    lastError: status.lastError
      ? {
          kind: status.lastError.kind,
          code: status.lastError.code ?? null,
          message: status.lastError.message,
          action: status.lastError.action,
        }
      : null,
    sandbox: {
      accountId: sandbox.accountId,
      magicNumbers: sandbox.magicNumbers.map((m) => ({ ...m })),
      otherNumbers: sandbox.otherNumbers,
    },
  };
}

/** The poller's health for people: offline only after a failed read, with when it tries again. */
export function toConnectionView(h: PollerHealth | undefined): ConnectionView {
  if (!h) return { state: 'idle', message: null, since: null, nextTryAt: null };
  if (h.state === 'error') {
    return {
      state: 'offline',
      message: h.lastError ?? 'Openfax could not be reached.',
      since: h.lastSuccessAt,
      nextTryAt: h.nextPollAt,
    };
  }
  return { state: h.state === 'ok' ? 'ok' : 'idle', message: null, since: h.lastSuccessAt, nextTryAt: h.nextPollAt };
}

function lastSegment(path: string): string {
  const parts = path.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

export function toHotFolderView(state: HotFolderState | undefined): HotFolderView {
  if (!state) return { status: 'off', folder: '', folderName: '', detail: null };
  return { status: state.status, folder: state.folder, folderName: lastSegment(state.folder), detail: state.detail ?? null };
}
