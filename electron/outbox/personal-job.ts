// One personalised document queued as its own job of a broadcast that grows as its documents
// are made (a mail merge: electron/merge/). The same rules as every way in: the PDF is spooled
// before any row exists, the duplicate guard looks before and again inside the insert's
// transaction, and whatever fails leaves nothing behind (no row, no spool file). The caller's
// `inTransaction` hook commits with the job, so its own record of the job can never disagree.

import type { FaxOptions } from '../../shared/domain.ts';
import type { DocumentSource } from '../store/documents-repo.ts';
import type { EngineContext } from './context.ts';
import { DuplicateRace, type EnqueueDeps, storeFailure } from './enqueue.ts';
import { duplicateError, findDuplicates } from './duplicate-guard.ts';
import { nodeSpoolFs } from './spool.ts';
import { prepareDocument, prepareRecipients, queueJobs, resolveOptions } from './submit.ts';
import type { OutboxResult, Recipient } from './types.ts';
import { queueAccountKey } from './context.ts';

/** The account in use is not the one the job must go from (PersonalJobInput.accountKey). */
class AccountChanged extends Error {}

/** The field of the error a personal job refused for another account in use carries. */
export const ACCOUNT_CHANGED_FIELD = 'accountKey';

export interface PersonalJobInput {
  /** The recipient's own PDF (their cover in front when there is one); copied into the spool. */
  pdfPath: string;
  pages: number;
  originalName: string;
  source?: DocumentSource;
  recipient: Recipient;
  options?: Partial<FaxOptions>;
  /** The duplicate guard's key: what makes this document what it is (not its bytes, which a converter stamps). */
  contentKey: string;
  allowDuplicate?: boolean;
  /**
   * The account the job must go from (a merge's, fixed when it started). Compared inside the
   * insert's transaction with the account in use, the key the job would be stamped with: a
   * switch meanwhile queues nothing (error kind 'not-allowed', field 'accountKey').
   */
  accountKey?: string;
  /** Join this broadcast, or start one filed under this job's document. */
  broadcast: { id: number } | { name: string; recipients: number; creditAtStart: number | null; estimatedCost: number | null };
  /** Runs inside the transaction that inserts the job, after it; throwing rolls it all back (the spool file goes too). */
  inTransaction?: (queued: PersonalJobQueued) => void;
}

export interface PersonalJobQueued {
  jobId: number;
  documentId: string;
  broadcastId: number;
}

export async function queuePersonalJob(
  ctx: EngineContext,
  deps: EnqueueDeps,
  input: PersonalJobInput,
): Promise<OutboxResult<PersonalJobQueued>> {
  const options = resolveOptions(ctx, input.options);
  if (!options.ok) return options;
  const [prepared] = prepareRecipients(ctx, [input.recipient], options.value.toHeader);
  if (!prepared) throw new Error('queuePersonalJob: no recipient');
  if (prepared.reason) {
    return {
      ok: false,
      error: { kind: 'validation', message: prepared.reason, action: 'Correct the row, then send it again.', field: 'to' },
    };
  }
  const dupes = () => (input.allowDuplicate ? [] : findDuplicates(ctx, input.contentKey, [prepared.faxNumber]));
  const before = dupes();
  if (before.length) return { ok: false, error: duplicateError(ctx, before, 1) };
  const spooled = await prepareDocument(
    ctx,
    { pdfPath: input.pdfPath, pages: input.pages, originalName: input.originalName, source: input.source ?? 'compose' },
    options.value.paperSize,
    deps,
  );
  if (!spooled.ok) return spooled;
  const { doc } = spooled.value;
  const join = 'id' in input.broadcast ? input.broadcast.id : undefined;
  const start = 'id' in input.broadcast ? undefined : input.broadcast;
  let queued: PersonalJobQueued;
  try {
    const out = queueJobs(ctx, doc, false, options.value, [prepared], start, {
      contentKey: input.contentKey,
      broadcastId: join,
      recheck: () => {
        // queueJobs stamps the job with queueAccountKey in this same synchronous step: what is compared is what would be stamped.
        if (input.accountKey !== undefined && queueAccountKey(ctx) !== input.accountKey) {
          throw new AccountChanged('the account in use changed');
        }
        const raced = dupes();
        if (raced.length) throw new DuplicateRace(raced);
      },
      inTransaction: (o) => {
        const jobId = o.jobIds[0];
        if (jobId === undefined || o.broadcastId === undefined) throw new Error('queuePersonalJob: nothing was inserted');
        queued = { jobId, documentId: doc.id, broadcastId: o.broadcastId };
        input.inTransaction?.(queued);
      },
    });
    queued = { jobId: out.jobIds[0] as number, documentId: doc.id, broadcastId: out.broadcastId as number };
  } catch (err) {
    await (deps.fs ?? nodeSpoolFs).unlink(doc.spoolPath).catch(() => undefined);
    if (err instanceof DuplicateRace) return { ok: false, error: duplicateError(ctx, err.duplicates, 1) };
    if (err instanceof AccountChanged) {
      return {
        ok: false,
        error: {
          kind: 'not-allowed',
          message: 'The account in use changed since this merge started: its faxes go from the account it was started in.',
          action: 'Switch back to that account in Settings, then resume the merge.',
          field: ACCOUNT_CHANGED_FIELD,
        },
      };
    }
    ctx.log.error('could not queue a personalised fax', err);
    return storeFailure(err);
  }
  deps.queued([queued.jobId]);
  return { ok: true, value: queued };
}
