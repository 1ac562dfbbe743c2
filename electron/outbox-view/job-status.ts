// A job's state in plain words, with the vendor's code beside it. The chip's tone decides its
// icon and colour; the words always carry the meaning on their own.

import type { JobStatusView } from '../../shared/ipc/contract/jobs.ts';
import { waitingForAccount } from '../../shared/outbox-filters.ts';
import { currentStateInfo, lastStatusInfo } from '../../shared/vendor-codes.ts';
import type { Job } from '../store/jobs-repo.ts';

export type StatusInput = Pick<Job, 'state' | 'currentState' | 'lastStatus' | 'error' | 'submitTries' | 'nextTryAt'> &
  Partial<Pick<Job, 'accountKey'>>;

function view(
  tone: JobStatusView['tone'],
  label: string,
  detail: string | null = null,
  code: string | null = null,
  action: string | null = null,
): JobStatusView {
  return { tone, label, detail, code, action };
}

function lastStatusCode(code: number | null): string | null {
  return code == null ? null : `LastStatus ${code}`;
}

function errorCode(job: StatusInput): string | null {
  return job.error?.code ?? null;
}

/** The vendor's result for a final failed call, or our local error when there is no vendor row. */
function failureDetail(job: StatusInput): { detail: string | null; code: string | null; action: string | null } {
  const last = job.lastStatus != null && job.lastStatus > 0 ? lastStatusInfo(job.lastStatus) : undefined;
  if (last) return { detail: last.plain, code: lastStatusCode(job.lastStatus), action: job.error?.action ?? null };
  const state = currentStateInfo(job.currentState);
  if (state?.outcome === 'failed' && job.currentState !== 9) {
    return { detail: state.plain, code: `CurrentState ${job.currentState}`, action: job.error?.action ?? null };
  }
  if (job.error) return { detail: job.error.message, code: errorCode(job), action: job.error.action };
  return { detail: null, code: lastStatusCode(job.lastStatus), action: null };
}

/**
 * Plain-language status of one job. `inUse`: the key of the account in use (or its side's unset
 * key), so a job queued in another account says it waits for that one.
 */
export function jobStatus(job: StatusInput, inUse?: string): JobStatusView {
  switch (job.state) {
    case 'draft':
      return view('draft', 'Draft', 'Not sent yet');
    case 'queued': {
      const other = inUse !== undefined ? waitingForAccount(job.accountKey ?? null, inUse) : null;
      if (other) return view('waiting', other.label, other.detail, null, 'Switch accounts, or cancel it.');
      if (job.submitTries > 0 && job.error) {
        return view('waiting', 'Waiting to retry', job.error.message, errorCode(job), job.error.action);
      }
      return view('in-progress', 'Queued', 'Waiting its turn to upload');
    }
    case 'submitting':
      return view('in-progress', 'Uploading', 'Sending the document to Openfax');
    case 'submitted': {
      const info = currentStateInfo(job.currentState);
      if (!info) return view('in-progress', 'In progress', 'Accepted by Openfax, waiting for the first report');
      const code = `CurrentState ${info.code}`;
      if (info.outcome === 'waiting-redial') {
        const last = lastStatusInfo(job.lastStatus);
        return view(
          'waiting',
          'Waiting to redial',
          last && job.lastStatus !== 0 ? `Last call: ${last.plain}` : info.plain,
          last && job.lastStatus !== 0 ? `${code} · LastStatus ${job.lastStatus}` : code,
        );
      }
      if (info.code === 11) {
        return view('waiting', 'On credit hold', info.plain, code, 'Add credit in the Openfax portal; the fax then goes on.');
      }
      return view('in-progress', 'In progress', info.plain, code);
    }
    case 'delivered':
      return view('delivered', 'Delivered', null, lastStatusCode(job.lastStatus ?? 0));
    case 'failed': {
      const f = failureDetail(job);
      return view('failed', 'Failed', f.detail, f.code, f.action);
    }
    case 'rejected':
      return view('failed', 'Refused', job.error?.message ?? 'Openfax refused this fax.', errorCode(job), job.error?.action ?? null);
    case 'auth-failed':
      return view(
        'failed',
        'Account refused',
        job.error?.message ?? 'The account ID or API key was not accepted.',
        errorCode(job) ?? 'InvalidAuthentication',
        job.error?.action ?? 'Check the account ID and API key in Settings → Account, then resend.',
      );
    case 'no-credit':
      return view(
        'failed',
        'No credit',
        job.error?.message ?? 'The Openfax account is out of credit.',
        errorCode(job) ?? 'AccountInactive',
        job.error?.action ?? 'Add credit in the Openfax portal, then resend.',
      );
    case 'canceled':
      return view('canceled', 'Canceled', null, job.currentState === 13 ? 'CurrentState 13' : null);
    case 'needs-attention':
      return view(
        'attention',
        'Needs attention',
        job.error?.message ?? 'The outcome of this fax is not known.',
        errorCode(job),
        job.error?.action ?? 'Check it, then retry or cancel.',
      );
  }
}
