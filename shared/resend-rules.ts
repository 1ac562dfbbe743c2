// Which finished faxes cannot be fixed by sending to the same number again: the number itself
// was refused or reached no fax machine. Their resend asks for a corrected number first. One
// rule for main (which refuses the same dead number) and the Outbox panel (which asks).

import { lastStatusInfo, SUBMIT_ERRORS } from './vendor-codes.ts';

/** LastStatus results redialling cannot fix: 3 Not Fax, 5 Bad Number. */
const DEAD_LAST_STATUS: readonly number[] = [3, 5];
/** Upload answers about the number itself (ours, 'validation', when we refused the number before sending). */
const DEAD_SUBMIT_KINDS: readonly string[] = ['bad-number', 'restricted', 'validation'];

export interface ResendFacts {
  state: string;
  lastStatus: number | null;
  errorKind: string | null;
}

/**
 * Why sending to this number again cannot work, in plain words, or null when a plain resend may.
 * Only for a final failure: a delivered fax's number is fine.
 */
export function deadNumberReason(job: ResendFacts): string | null {
  if (job.state === 'failed' && job.lastStatus !== null && DEAD_LAST_STATUS.includes(job.lastStatus)) {
    return `${lastStatusInfo(job.lastStatus)?.plain ?? 'The number did not reach a fax machine'}.`;
  }
  if (job.state === 'rejected' && job.errorKind !== null && DEAD_SUBMIT_KINDS.includes(job.errorKind)) {
    return SUBMIT_ERRORS.find((e) => e.kind === job.errorKind)?.plain ?? 'The number was refused.';
  }
  return null;
}

/**
 * The very same number would only be refused again: it was refused outright. (A number that
 * reached no fax machine may be right after all, a machine switched off: a person may confirm it.)
 */
export function sameNumberIsRefused(job: ResendFacts): boolean {
  return job.state === 'rejected' && deadNumberReason(job) !== null;
}
