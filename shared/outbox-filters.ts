// The Outbox's filter chips, declared once: the IPC contract, the store's queries and counts,
// the renderer's chips and live updates, and the CLI's `status --filter` all read this list.
// (Four hand-kept copies drifted, and two of them lost `canceled`.)

import type { JobState } from './domain.ts';

export const JOB_FILTERS = ['all', 'in-progress', 'delivered', 'failed', 'canceled', 'needs-attention'] as const;
export type JobFilter = (typeof JOB_FILTERS)[number];

/** The job states each filter shows (`all` shows every state). */
export const FILTER_STATES: Record<Exclude<JobFilter, 'all'>, readonly JobState[]> = {
  'in-progress': ['draft', 'queued', 'submitting', 'submitted'],
  delivered: ['delivered'],
  failed: ['failed', 'rejected', 'auth-failed', 'no-credit'],
  canceled: ['canceled'],
  'needs-attention': ['needs-attention'],
};

/** Words on the filter chips. */
export const JOB_FILTER_LABEL: Record<JobFilter, string> = {
  all: 'All',
  'in-progress': 'In progress',
  delivered: 'Delivered',
  failed: 'Failed',
  canceled: 'Canceled',
  'needs-attention': 'Needs attention',
};

export function isJobFilter(value: string): value is JobFilter {
  return (JOB_FILTERS as readonly string[]).includes(value);
}

// Sandbox and live history are apart: the Outbox, its counts, the badge, the CSV export and the
// CLI's `status` show the side of the account in use unless the person asks for the other.

/** The sandbox's endpoint name in an account key (its port changes every start; its history does not). */
export const LOCAL_SANDBOX_ENDPOINT = 'openfax-sandbox:local';

export const JOB_SIDES = ['sandbox', 'live'] as const;
export type JobSide = (typeof JOB_SIDES)[number];

/** Which history a list shows: one side, or both. */
export const ACCOUNT_VIEWS = ['sandbox', 'live', 'both'] as const;
export type AccountView = (typeof ACCOUNT_VIEWS)[number];

export const ACCOUNT_VIEW_LABEL: Record<AccountView, string> = {
  sandbox: 'Sandbox only',
  live: 'Live only',
  both: 'Sandbox and live',
};

export function isAccountView(value: string): value is AccountView {
  return (ACCOUNT_VIEWS as readonly string[]).includes(value);
}

/**
 * The side a job's account key belongs to. Jobs carry the key of the account they were queued
 * in from the moment they are queued; only jobs queued by an older version have none (null):
 * they are sent by whichever account is in use when their turn comes, so they count with that side.
 */
export function sideOfAccountKey(accountKey: string | null): JobSide | null {
  if (accountKey == null) return null;
  return accountKey.startsWith(`${LOCAL_SANDBOX_ENDPOINT}#`) ? 'sandbox' : 'live';
}

/** Whether a job of `side` shows in `view` while the app uses the `mode` account. */
export function sideShown(view: AccountView, side: JobSide | null, mode: JobSide): boolean {
  return view === 'both' || (side ?? mode) === view;
}

/** What a list shows: `view` (default: the side in use) while the app uses `mode`. */
export interface AccountScope {
  view: AccountView;
  mode: JobSide;
}

/** The key of a job queued while its side had no account set up: the first account of that side to be used sends it. */
export function unsetAccountKey(side: JobSide): string {
  return side === 'sandbox' ? `${LOCAL_SANDBOX_ENDPOINT}#` : 'live#';
}

/** Whether the account with key `inUse` sends a job stamped `jobKey` (its own, its side's unset key, or an older unstamped job). */
function accountSendsJob(inUse: string, jobKey: string | null): boolean {
  return jobKey == null || jobKey === inUse || jobKey === unsetAccountKey(sideOfAccountKey(inUse) ?? 'live');
}

/**
 * Why a queued job waits for an account, in plain words (a chip's label and the panel's detail),
 * or null when the account in use sends it. `inUse` is the key of the account in use, or its
 * side's unset key when that side has none set up.
 */
export function waitingForAccount(jobKey: string | null, inUse: string): { label: string; detail: string } | null {
  const inSide = sideOfAccountKey(inUse) ?? 'live';
  if (accountSendsJob(inUse, jobKey)) {
    if (inUse !== unsetAccountKey(inSide)) return null;
    return inSide === 'live'
      ? {
          label: 'Waiting for a live account',
          detail: 'Waiting for a live account: none is set up. Set it up in Settings → Account to send it, or cancel it.',
        }
      : {
          label: 'Waiting for the sandbox',
          detail: 'Waiting for the sandbox: it is not running. Restart Openfax Desktop to send it, or cancel it.',
        };
  }
  const side = sideOfAccountKey(jobKey);
  if (side === 'sandbox') {
    return {
      label: 'Waiting for the sandbox',
      detail: 'Waiting for the sandbox: it was queued there. Switch back to send it, or cancel it.',
    };
  }
  if (inSide === 'sandbox') {
    return {
      label: 'Waiting for the live account',
      detail: 'Waiting for the live account: it was queued there. Switch back to send it, or cancel it.',
    };
  }
  const id = jobKey?.slice(jobKey.lastIndexOf('#') + 1) || 'another';
  return {
    label: 'Waiting for its account',
    detail: `Waiting for live account ${id}: it was queued there. Switch back to it to send it, or cancel it.`,
  };
}
