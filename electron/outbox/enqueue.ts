// The submit and broadcast requests: check, spool, credit check (broadcasts), queue.
// Whatever fails, nothing half-made stays behind: no rows, no spool file.

import { averageCostPerPage } from '../store/jobs-repo.ts';
import type { EngineContext } from './context.ts';
import { nodeSpoolFs, type SpoolFs } from './spool.ts';
import { prepareDocument, prepareRecipients, queueJobs, resolveOptions, type SubmitDeps } from './submit.ts';
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
  const prepared = prepareRecipients(ctx, recipients, options.value.toHeader);
  const valid = prepared.filter((p) => !p.reason);
  if (!valid.length) {
    const why =
      prepared.length === 1
        ? (prepared[0].reason ?? '')
        : `None of the ${prepared.length} recipients can be dialled: ${prepared[0].reason}`;
    return fail('validation', why, 'Correct the number; nothing was queued.', 'to');
  }
  const docResult = await prepareDocument(ctx, input, options.value.paperSize, deps);
  if (!docResult.ok) return docResult;
  const { doc, existing } = docResult.value;
  const discard = async () => {
    if (!existing) await (deps.fs ?? nodeSpoolFs).unlink(doc.spoolPath).catch(() => undefined);
  };
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
    submitted = queueJobs(ctx, doc, existing, options.value, prepared, b);
  } catch (err) {
    await discard();
    ctx.log.error('could not queue the fax', err);
    const full = /full|SQLITE_FULL|disk/i.test((err as Error).message);
    return fail(
      'store',
      full
        ? 'The disk is full: the fax could not be saved to the outbox. Nothing was queued.'
        : `The fax could not be saved to the outbox (${(err as Error).message}). Nothing was queued.`,
      full ? 'Free some disk space, then send again.' : 'Try again; if it repeats, restart Openfax Desktop.',
    );
  }
  deps.queued(submitted.jobIds);
  return { ok: true, value: submitted };
}

/**
 * Before a broadcast: the credit must be positive and, once we know what a page costs from
 * recent faxes, enough for every page to every recipient. Without an account or when the
 * credit cannot be read the broadcast goes ahead: Openfax refuses what it cannot charge.
 */
async function creditCheck(
  ctx: EngineContext,
  deps: EnqueueDeps,
  pages: number,
): Promise<OutboxResult<{ creditAtStart: number | null; estimate: number | null }>> {
  const perPage = averageCostPerPage(ctx.db);
  const estimate = perPage !== undefined ? Math.round(perPage * pages * 100) / 100 : null;
  if (!ctx.getAccount()) return { ok: true, value: { creditAtStart: null, estimate } };
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

function fail(kind: OutboxError['kind'], message: string, action: string, field?: string): { ok: false; error: OutboxError } {
  return { ok: false, error: { kind, message, action, ...(field ? { field } : {}) } };
}
