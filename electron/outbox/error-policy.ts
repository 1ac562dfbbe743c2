// What a failed upload means for its job. The crux: an error that may have come after
// Openfax accepted the fax (a dropped connection, a timeout, a garbled or 5xx answer) is
// *uncertain*: the job is never simply retried, it waits until the report shows whether
// the fax arrived. Only answers that prove nothing was accepted are retried blindly.

import type { JobState } from '../../shared/domain.ts';
import type { OpenfaxError } from '../openfax/client.ts';
import type { JobError } from '../store/jobs-repo.ts';

export type Disposition =
  | { kind: 'final'; state: Extract<JobState, 'rejected' | 'auth-failed' | 'no-credit'>; pause?: 'auth' | 'no-credit' }
  | { kind: 'attention'; pause?: 'config' }
  | { kind: 'retry' }
  | { kind: 'uncertain' };

// Errors raised before a connection exists: the request never left this machine.
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

export function dispositionOf(e: OpenfaxError): Disposition {
  switch (e.kind) {
    case 'validation':
      // A file problem (spool file gone or changed) needs a person; a field problem never passes.
      return e.field === 'file' ? { kind: 'attention' } : { kind: 'final', state: 'rejected' };
    case 'bad-number':
    case 'restricted':
    case 'bad-resolution':
    case 'bad-paper-size':
    case 'bad-priority':
      return { kind: 'final', state: 'rejected' };
    case 'auth':
      return { kind: 'final', state: 'auth-failed', pause: 'auth' };
    case 'inactive':
      return { kind: 'final', state: 'no-credit', pause: 'no-credit' };
    case 'failed':
      return { kind: 'retry' };
    case 'network':
      return e.code && NEVER_CONNECTED.has(e.code) ? { kind: 'retry' } : { kind: 'uncertain' };
    case 'http': {
      const status = Number(e.code);
      // 3xx and most 4xx mean the request was turned away unprocessed: a settings problem.
      if (!e.retryable && status >= 300 && status < 500) return { kind: 'attention', pause: 'config' };
      return { kind: 'uncertain' };
    }
    default:
      // timeout, bad-response, unknown-response, canceled: the fax may be at Openfax.
      return { kind: 'uncertain' };
  }
}

export function jobErrorOf(e: OpenfaxError): JobError {
  return { kind: e.kind, code: e.code ?? null, message: e.message, action: e.action };
}

export const UNCERTAIN_NOTE =
  'The answer from Openfax was lost after the upload. The outbox is checking the Openfax report before sending again, so the fax is never sent twice.';
