// The submit and broadcast requests: check, spool, credit check (broadcasts), queue.
// Whatever fails, nothing half-made stays behind: no rows, no spool file.

import { learnedPricePerPage } from '../store/account-state-repo.ts';
import { accountKey, type EngineContext } from './context.ts';
import { duplicateError, findDuplicates } from './duplicate-guard.ts';
import type { SpoolFs } from './spool.ts';
import { prepareDocuments } from './recipient-documents.ts';
import { prepareRecipients, queueJobs, resolveOptions, type SubmitDeps } from './submit.ts';
import type { BroadcastInput, OutboxError, OutboxResult, Submitted, SubmitInput } from './types.ts';

export interface EnqueueDeps extends SubmitDeps {
  fs?: SpoolFs;
  /** Reads the credit now (and announces it). */
  refreshCredit: () => Promise<OutboxResult<number>>;
  /** The jobs were queued: announce them and wake the queue. */
  queued: (jobIds: number[]) => void;
}

export async function enqueue(
  ctx: EngineContext,
  deps: EnqueueDeps,
  input: SubmitInput | BroadcastInput,
): Promise<OutboxResult<Submitted>> {
  const broadcast = 'recipients' in input;
  const options = resolveOptions(ctx, input.options);
  if (!options.ok) return options;
  const recipients = broadcast ? input.recipients : [input.to];
  if (!recipients.length) return fail('validation', 'No recipient was given.', 'Add at least one fax number.', 'to');
  let prepared = prepareRecipients(ctx, recipients, options.value.toHeader);
  let valid = prepared.filter((p) => !p.reason);
  if (!valid.length) {
    const why =
      prepared.length === 1
        ? (prepared[0].reason ?? '')
        : `None of the ${prepared.length} recipients can be dialled: ${prepared[0].reason}`;
    return fail('validation', why, 'Correct the number; nothing was queued.', 'to');
  }
  // One document for all, or each recipient's own (their cover in front of the shared body).
  const docs = await prepareDocuments(ctx, input, prepared, options.value.paperSize, deps);
  if (!docs.ok) return docs;
  const discard = () => docs.value.discard();
  const contentKey = input.contentHash ?? docs.value.primary().doc.sha256;
  const duplicates = input.allowDuplicate
    ? []
    : findDuplicates(
        ctx,
        contentKey,
        valid.map((p) => p.faxNumber),
      );
  if (duplicates.length) {
    const others = valid.filter((p) => !duplicates.some((d) => d.faxNumber === p.faxNumber));
    if (!input.skipDuplicates || !others.length) {
      await discard();
      return { ok: false, error: duplicateError(ctx, duplicates, valid.length) };
    }
    prepared = prepared.filter((p) => p.reason || others.includes(p));
    valid = others;
    await docs.value.keep(prepared);
  }
  const { doc, existing } = docs.value.primary();
  let credit: { creditAtStart: number | null; estimate: number | null } = { creditAtStart: null, estimate: null };
  if (broadcast && !input.skipCreditCheck) {
    const check = await creditCheck(ctx, deps, doc.pages * valid.length);
    if (!check.ok) {
      await discard();
      return check;
    }
    credit = check.value;
  }
  let submitted: Submitted;
  try {
    const b = broadcast
      ? { name: input.name ?? doc.originalName, creditAtStart: credit.creditAtStart, estimatedCost: credit.estimate }
      : undefined;
    // The credit check awaited the network: a twin of this fax may have been queued meanwhile
    // (a second click, the CLI beside the app). Looked at again inside the insert's transaction.
    const recheck = input.allowDuplicate
      ? undefined
      : () => {
          const raced = findDuplicates(
            ctx,
            contentKey,
            valid.map((p) => p.faxNumber),
          );
          if (raced.length) throw new DuplicateRace(raced);
        };
    submitted = queueJobs(ctx, doc, existing, options.value, prepared, b, { contentKey, documentOf: docs.value.of, recheck });
  } catch (err) {
    await discard();
    if (err instanceof DuplicateRace) return { ok: false, error: duplicateError(ctx, err.duplicates, valid.length) };
    ctx.log.error('could not queue the fax', err);
    return storeFailure(err);
  }
  deps.queued(submitted.jobIds);
  if (duplicates.length) submitted.skippedDuplicates = duplicates;
  return { ok: true, value: submitted };
}

/**
 * Before a broadcast: the credit must be positive and, once we know what a page costs from
 * recent faxes, enough for every page to every recipient. Without an account or when the
 * credit cannot be read the broadcast goes ahead: Openfax refuses what it cannot charge.
 */
export async function creditCheck(
  ctx: EngineContext,
  deps: Pick<EnqueueDeps, 'refreshCredit'>,
  /** Null: not known yet (a merge whose template states no page count and was never previewed): no estimate is made up. */
  pages: number | null,
): Promise<OutboxResult<{ creditAtStart: number | null; estimate: number | null }>> {
  // What a page cost this account (never the sandbox's price for a live account, or back).
  const account = ctx.getAccount();
  const perPage = account ? learnedPricePerPage(ctx.db, accountKey(account))?.perPage : undefined;
  const estimate = perPage !== undefined && pages !== null ? Math.round(perPage * pages * 100) / 100 : null;
  if (!account) return { ok: true, value: { creditAtStart: null, estimate } };
  const r = await deps.refreshCredit();
  if (!r.ok) {
    if (r.error.kind === 'auth') return r;
    ctx.log.warn(`credit check skipped: ${r.error.message}`);
    return { ok: true, value: { creditAtStart: null, estimate } };
  }
  if (r.value <= 0 || (estimate !== null && r.value < estimate)) {
    return fail(
      'no-credit',
      r.value <= 0
        ? `The account has no credit left (${r.value.toFixed(2)}). Nothing was queued.`
        : `This broadcast of ${pages} page(s) needs about ${estimate?.toFixed(2)} (at ${perPage?.toFixed(3)} a page, from your recent faxes); the account has ${r.value.toFixed(2)}. Nothing was queued.`,
      'Add credit in the Openfax portal, or send to fewer recipients.',
    );
  }
  return { ok: true, value: { creditAtStart: r.value, estimate } };
}

/** The duplicate guard's last look, inside the insert's transaction, found a twin queued meanwhile. */
export class DuplicateRace extends Error {
  readonly duplicates: ReturnType<typeof findDuplicates>;
  constructor(duplicates: ReturnType<typeof findDuplicates>) {
    super('a duplicate was queued while this one was being prepared');
    this.duplicates = duplicates;
  }
}

/** A failure to write the queue, in words: a full disk says so. */
export function storeFailure(err: unknown): { ok: false; error: OutboxError } {
  const full = /full|SQLITE_FULL|disk/i.test((err as Error).message);
  return fail(
    'store',
    full
      ? 'The disk is full: the fax could not be saved to the outbox. Nothing was queued.'
      : `The fax could not be saved to the outbox (${(err as Error).message}). Nothing was queued.`,
    full ? 'Free some disk space, then send again.' : 'Try again; if it repeats, restart Openfax Desktop.',
  );
}

function fail(kind: OutboxError['kind'], message: string, action: string, field?: string): { ok: false; error: OutboxError } {
  return { ok: false, error: { kind, message, action, ...(field ? { field } : {}) } };
}
