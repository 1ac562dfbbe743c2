// The duplicate guard every way into the outbox shares (Compose, Outbox resend, the CLI, the
// hot folder): a document with the same content going to a number that Openfax already
// accepted it for, in the same account, within the window (setting duplicateWindowHours),
// needs an explicit yes. What was accepted counts whatever its ending: a failed fax may still
// have printed pages at the other end, and a delivered one surely did. So does one still in the
// Outbox, not sent yet (queued, uploading, waiting to retry its upload): a double print or a
// second click would otherwise send twice.

import { type DuplicateSend, duplicateMessage } from '../../shared/duplicate-sends.ts';
import { formatFaxNumber } from '../../shared/fax-number.ts';
import { lastStatusInfo } from '../../shared/vendor-codes.ts';
import { acceptedSends, pendingSends } from '../store/jobs-queue-repo.ts';
import { getSetting } from '../store/settings-repo.ts';
import { accountKey, type EngineContext, queueAccountKey } from './context.ts';
import type { OutboxError } from './types.ts';

const HOUR_MS = 3_600_000;

/**
 * How an accepted fax ended, by its state. A refusal after acceptance (a credit hold, CurrentState
 * 11) ended it too: Openfax does not redial it. Only `submitted` (and a job held for a person,
 * whose ending is unknown) reads as still in progress.
 */
const ACCEPTED_OUTCOME: Partial<Record<string, DuplicateSend['outcome']>> = {
  delivered: 'delivered',
  failed: 'failed',
  'no-credit': 'failed',
  rejected: 'failed',
  'auth-failed': 'failed',
  canceled: 'canceled',
};

/**
 * The earlier sends of `contentKey` to any of `faxNumbers` (vendor digits): one still in the
 * Outbox first, else the newest Openfax accepted inside the window, one per number. None when the
 * guard is off (window 0). Accepted jobs belong to an account: without one set up, only those
 * waiting in the Outbox count.
 */
export function findDuplicates(ctx: EngineContext, contentKey: string, faxNumbers: readonly string[]): DuplicateSend[] {
  const hours = getSetting(ctx.db, 'duplicateWindowHours');
  const account = ctx.getAccount();
  if (hours <= 0 || !faxNumbers.length) return [];
  const newest = new Map<string, DuplicateSend>();
  for (const p of pendingSends(ctx.db, { accountKey: queueAccountKey(ctx), contentKey, faxNumbers })) {
    if (newest.has(p.faxNumber)) continue;
    newest.set(p.faxNumber, {
      jobId: p.id,
      faxNumber: p.faxNumber,
      number: formatFaxNumber(p.faxNumber),
      sentAt: p.createdAt,
      outcome: 'not-sent',
      detail: null,
    });
  }
  const rows = account
    ? acceptedSends(ctx.db, { accountKey: accountKey(account), contentKey, faxNumbers, since: ctx.now() - hours * HOUR_MS })
    : [];
  for (const r of rows) {
    if (newest.has(r.faxNumber)) continue;
    const outcome = ACCEPTED_OUTCOME[r.state] ?? 'in-progress';
    newest.set(r.faxNumber, {
      jobId: r.id,
      faxNumber: r.faxNumber,
      number: formatFaxNumber(r.faxNumber),
      sentAt: r.submittedAt,
      outcome,
      detail: outcome === 'failed' ? (lastStatusInfo(r.lastStatus)?.plain ?? null) : null,
    });
  }
  // In the order the caller listed the numbers, so a broadcast's list reads like its recipients.
  return faxNumbers.flatMap((n) => {
    const d = newest.get(n);
    newest.delete(n);
    return d ? [d] : [];
  });
}

/** The refusal: names each number, when it went and how it ended. Callers replace `action` with their own way to say yes. */
export function duplicateError(ctx: EngineContext, duplicates: DuplicateSend[], total: number): OutboxError {
  const others = total - duplicates.length;
  return {
    kind: 'duplicate',
    message: `${duplicateMessage(duplicates, ctx.now())} Nothing was queued.`,
    action:
      others > 0
        ? `Confirm to send it to ${duplicates.length === 1 ? 'this number' : 'these numbers'} again too, or send it to the other ${others === 1 ? 'recipient' : `${others} recipients`} only.`
        : 'Send it again only if you mean to: confirm, or leave it.',
    field: 'to',
    duplicates,
  };
}
