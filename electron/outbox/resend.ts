// Sending a finished fax again: a new job with the same document, through the same duplicate
// guard as every other way in. A number that cannot work (bad number, not a fax, restricted)
// is never dialled again in one click: the resend needs a corrected number. A job whose page 1
// is its own cover, resent to a corrected number, gets a fresh cover naming the new number
// (the rest of its document unchanged; the guard still compares the body).

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { FINAL_JOB_STATES } from '../../shared/domain.ts';
import type { DuplicateSend } from '../../shared/duplicate-sends.ts';
import { formatFaxNumber, normalizeFaxNumber } from '../../shared/fax-number.ts';
import { replaceCover } from '../pdf/recipient-cover.ts';
import { deadNumberReason, sameNumberIsRefused } from '../../shared/resend-rules.ts';
import { type DocumentRow, getDocument, insertDocument } from '../store/documents-repo.ts';
import { getJob, getJobViews, insertJob, type Job, type JobView } from '../store/jobs-repo.ts';
import { getSettings } from '../store/settings-repo.ts';
import { transaction } from '../store/sql.ts';
import { type EngineContext, queueAccountKey } from './context.ts';
import { duplicateError, findDuplicates } from './duplicate-guard.ts';
import { nodeSpoolFs } from './spool.ts';
import { prepareDocument, type SubmitDeps } from './submit.ts';
import type { OutboxError, OutboxResult, ResendManyResult, ResendOptions } from './types.ts';

type Plan = { job: Job; faxNumber: string; numberRaw: string; contentKey: string };

const refuse = (kind: OutboxError['kind'], message: string, action: string, field?: string) => ({
  ok: false as const,
  error: { kind, message, action, ...(field ? { field } : {}) },
});

/** Checks one job can go again (to `number` when given) and says where to. */
function planResend(ctx: EngineContext, id: number, number: string | undefined): OutboxResult<Plan> {
  const job = getJob(ctx.db, id);
  if (!job) return refuse('not-found', `There is no fax job ${id}.`, 'Refresh the outbox.');
  if (!FINAL_JOB_STATES.includes(job.state)) {
    return refuse(
      'not-allowed',
      `Only a finished fax can be sent again; this one is ${job.state}.`,
      job.state === 'needs-attention' ? 'Choose Retry instead.' : 'Wait for its result.',
    );
  }
  const doc = getDocument(ctx.db, job.documentId);
  if (!doc || doc.deletedAt !== null || !existsSync(doc.spoolPath)) {
    return refuse(
      'file',
      `The PDF of this fax${doc ? ` ("${doc.originalName}")` : ''} is no longer kept${doc?.deletedAt ? ' (removed after the retention period)' : ''}.`,
      'Send the original file again as a new fax.',
    );
  }
  const contentKey = job.contentKey ?? doc.sha256;
  const dead = deadNumberReason({ state: job.state, lastStatus: job.lastStatus, errorKind: job.error?.kind ?? null });
  if (number === undefined) {
    if (dead || !job.faxNumber) {
      return refuse(
        'validation',
        `${dead ?? 'This fax has no valid number.'} Sending to the same number again would fail the same way.`,
        'Enter a corrected fax number, then send.',
        'number',
      );
    }
    return { ok: true, value: { job, faxNumber: job.faxNumber, numberRaw: job.numberRaw, contentKey } };
  }
  const n = normalizeFaxNumber(number, getSettings(ctx.db).defaultCountry);
  if (!n.ok) return refuse('validation', n.reason, 'Correct the number, then send.', 'number');
  if (
    n.value.digits === job.faxNumber &&
    sameNumberIsRefused({ state: job.state, lastStatus: job.lastStatus, errorKind: job.error?.kind ?? null })
  ) {
    return refuse('validation', `Openfax refused ${n.value.display} for this fax: ${dead}`, 'Enter a different fax number.', 'number');
  }
  return { ok: true, value: { job, faxNumber: n.value.digits, numberRaw: number.trim(), contentKey } };
}

function insertResend(ctx: EngineContext, p: Plan, now: number, documentId = p.job.documentId): number {
  const { job } = p;
  return insertJob(
    ctx.db,
    {
      documentId,
      broadcastId: null,
      // Still the same person with a corrected number: the row keeps their name.
      contactId: job.contactId,
      resendOf: job.id,
      numberRaw: p.numberRaw,
      faxNumber: p.faxNumber,
      toHeader: job.toHeader,
      fromHeader: job.fromHeader,
      paperSize: job.paperSize,
      resolution: job.resolution,
      priority: job.priority,
      pages: job.pages,
      contentKey: p.contentKey,
      // The account in use now sends it, whichever sent the original.
      accountKey: queueAccountKey(ctx),
      // Page 1 is still the person's cover (a fresh one for a corrected number).
      cover: job.cover,
      state: 'queued',
    },
    now,
  );
}

export async function resendJob(
  ctx: EngineContext,
  deps: SubmitDeps,
  id: number,
  opts: ResendOptions = {},
): Promise<OutboxResult<JobView>> {
  const plan = planResend(ctx, id, opts.number);
  if (!plan.ok) return plan;
  const dup = opts.allowDuplicate ? [] : findDuplicates(ctx, plan.value.contentKey, [plan.value.faxNumber]);
  if (dup.length) return { ok: false, error: duplicateError(ctx, dup, 1) };
  const fresh = await freshCover(ctx, deps, plan.value);
  if (!fresh.ok) return fresh;
  const doc = fresh.value;
  let newId: number;
  try {
    newId = transaction(ctx.db, () => {
      if (doc) insertDocument(ctx.db, doc);
      return insertResend(ctx, plan.value, ctx.now(), doc?.id);
    });
  } catch (err) {
    if (doc) await (deps.fs ?? nodeSpoolFs).unlink(doc.spoolPath).catch(() => undefined);
    throw err;
  }
  ctx.jobsChanged([newId]);
  return { ok: true, value: getJobViews(ctx.db, [newId])[0] as JobView };
}

/**
 * For a job with its own cover going to another number: its document with page 1 replaced by
 * the same cover naming the new number, spooled (not yet inserted). Undefined: the document as it was.
 */
async function freshCover(
  ctx: EngineContext,
  deps: SubmitDeps,
  p: Plan,
): Promise<OutboxResult<Omit<DocumentRow, 'deletedAt'> | undefined>> {
  const { job } = p;
  if (!job.cover || p.faxNumber === job.faxNumber) return { ok: true, value: undefined };
  const old = getDocument(ctx.db, job.documentId);
  if (!old)
    return refuse('not-found', 'The document of this fax is not in the outbox any more.', 'Send the original file again as a new fax.');
  let bytes: Uint8Array;
  try {
    bytes = await replaceCover(new Uint8Array(await readFile(old.spoolPath)), job.cover, formatFaxNumber(p.faxNumber), {
      pages: job.pages,
      paperSize: job.paperSize,
      date: new Date(ctx.now()),
    });
  } catch (err) {
    return refuse(
      'file',
      `A cover page for the new number could not be made (${(err as Error).message}). Nothing was queued.`,
      'Send the original document again from Compose.',
    );
  }
  const r = await prepareDocument(
    ctx,
    { pdfBytes: bytes, pages: job.pages, originalName: old.originalName, source: old.source },
    old.paperSize,
    deps,
  );
  return r.ok ? { ok: true, value: r.value.doc } : r;
}

/**
 * Resends several jobs under one guard: any duplicate refuses them all (listing each number)
 * unless the person said yes (`allowDuplicate`) or "the others only" (`skipDuplicates`).
 * Jobs whose number cannot work are left for their own panel, never re-dialled.
 */
export function resendJobs(
  ctx: EngineContext,
  ids: readonly number[],
  opts: Omit<ResendOptions, 'number'> = {},
): OutboxResult<ResendManyResult> {
  const plans: Plan[] = [];
  const needNumber: number[] = [];
  const notResent: ResendManyResult['notResent'] = [];
  let firstProblem: OutboxError | undefined;
  for (const id of ids) {
    const p = planResend(ctx, id, undefined);
    if (p.ok) plans.push(p.value);
    else if (p.error.field === 'number') needNumber.push(id);
    else {
      firstProblem ??= p.error;
      notResent.push({ jobId: id, reason: p.error.message });
    }
  }
  let skipped: DuplicateSend[] = [];
  if (!opts.allowDuplicate) {
    const dups = plans.flatMap((p) => findDuplicates(ctx, p.contentKey, [p.faxNumber]));
    if (dups.length) {
      const others = plans.filter((p) => !dups.some((d) => d.faxNumber === p.faxNumber));
      if (!opts.skipDuplicates || !others.length) return { ok: false, error: duplicateError(ctx, dups, plans.length) };
      plans.splice(0, plans.length, ...others);
      skipped = dups;
    }
  }
  if (!plans.length) {
    return firstProblem
      ? { ok: false, error: firstProblem }
      : refuse(
          'validation',
          needNumber.length
            ? `${needNumber.length === 1 ? 'The recipient' : `All ${needNumber.length} recipients`} failed for a reason redialling cannot fix (a bad number or no fax machine).`
            : 'There was nothing to send again.',
          needNumber.length ? 'Open each failed recipient and enter a corrected number.' : 'Nothing to do.',
          needNumber.length ? 'number' : undefined,
        );
  }
  const now = ctx.now();
  const newIds = transaction(ctx.db, () => plans.map((p) => insertResend(ctx, p, now)));
  ctx.jobsChanged(newIds);
  return { ok: true, value: { jobs: getJobViews(ctx.db, newIds), needNumber, notResent, skippedDuplicates: skipped } };
}
