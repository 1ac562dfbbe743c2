// One click on Send: check the draft again, build the PDF (merge + cover), make sure the
// credit covers it when the price is known, and queue it in the outbox (one job, or a
// broadcast). Every refusal comes back as a problem under the field it concerns.

import {
  type ComposeDefaults,
  type ComposeDraft,
  type ComposePricing,
  draftName,
  type SendProblem,
  type SendStatus,
} from '../../shared/ipc/contract/compose.ts';
import { withDetail } from '../../shared/wording.ts';
import { createLogger } from '../core/logger.ts';
import type { Outbox, OutboxError } from '../outbox/types.ts';
import { PdfError } from '../pdf/pdf-errors.ts';
import { getJobViews } from '../store/jobs-repo.ts';
import type { Db } from '../store/sql.ts';
import { buildFaxPdf } from './build-fax.ts';
import { planSend } from './send-check.ts';
import { jobStatusFrom, phaseOf } from './send-tracker.ts';
import { stagedPath } from './staging.ts';

const log = createLogger('compose');

export interface SendInput {
  db: Db;
  outbox: Pick<Outbox, 'submit' | 'createBroadcast'>;
  dir: string;
  draft: ComposeDraft;
  defaults: ComposeDefaults;
  pricing: ComposePricing;
  now: () => number;
  /** The person's answer to the duplicate guard, when it asked. */
  duplicates?: DuplicateAnswer;
}

/** Send to the numbers that already have it again too (`allowDuplicate`), or to the others only (`skipDuplicates`). */
export interface DuplicateAnswer {
  allowDuplicate?: boolean;
  skipDuplicates?: boolean;
}

export type SendOutcome =
  | { ok: true; status: SendStatus }
  | { ok: false; problems: SendProblem[]; duplicates?: NonNullable<OutboxError['duplicates']> };

export async function sendDraft(input: SendInput): Promise<SendOutcome> {
  const { draft } = input;
  const checked = planSend(draft.documents, draft, input.defaults);
  if (!checked.ok) return checked;
  const { plan } = checked;

  const credit = creditProblem(plan.pages * plan.recipients.length, input.pricing);
  if (credit) return { ok: false, problems: [credit] };

  let built: Awaited<ReturnType<typeof buildFaxPdf>>;
  try {
    built = await buildFaxPdf({
      paths: draft.documents.map((d) => stagedPath(input.dir, d.id)),
      pages: draft.documents.reduce((n, d) => n + d.pages, 0),
      cover: draft.cover.enabled ? draft.cover : undefined,
      recipients: plan.recipients,
      fromHeader: plan.fromHeader,
      paperSize: plan.paperSize,
      date: new Date(input.now()),
      workDir: input.dir,
    });
  } catch (error) {
    if (error instanceof PdfError)
      return { ok: false, problems: [{ field: 'documents', message: error.message, action: error.action, code: error.code }] };
    log.error('could not build the fax PDF', error);
    return {
      ok: false,
      problems: [
        {
          field: 'documents',
          message: withDetail('The pages could not be put together', (error as Error).message),
          action: 'Remove and add the documents again, then send.',
        },
      ],
    };
  }

  // With a cover each recipient has a PDF of their own (built.paths[i]); otherwise one for all.
  const document = {
    ...(built.perRecipient ? {} : { pdfPath: built.paths[0] }),
    pages: built.pages,
    originalName: draftName(draft),
    source: 'compose' as const,
    contentHash: built.contentHash,
    allowDuplicate: input.duplicates?.allowDuplicate === true,
    skipDuplicates: input.duplicates?.skipDuplicates === true,
  };
  const recipients = plan.recipients.map((r, i) => ({
    number: r.display,
    contactId: r.contactId,
    toHeader: r.toHeader,
    ...(built.perRecipient ? { document: { pdfPath: built.paths[i] as string, pages: built.pages }, cover: built.covers[i] } : {}),
  }));
  const options = { fromHeader: plan.fromHeader, paperSize: plan.paperSize, resolution: plan.resolution, priority: plan.priority };
  let result: Awaited<ReturnType<SendInput['outbox']['submit']>>;
  try {
    const [only] = recipients;
    result =
      recipients.length === 1 && only
        ? await input.outbox.submit({
            ...document,
            ...(only.document ?? {}),
            to: { number: only.number, contactId: only.contactId, toHeader: only.toHeader, ...(only.cover ? { cover: only.cover } : {}) },
            options,
          })
        : await input.outbox.createBroadcast({ ...document, recipients, options, name: document.originalName });
  } finally {
    // The outbox copied what it queued into its spool; the merged and per-recipient files go.
    await built.cleanup();
  }
  if (!result.ok) {
    const { duplicates } = result.error;
    return { ok: false, problems: [outboxProblem(result.error)], ...(duplicates ? { duplicates } : {}) };
  }

  const views = getJobViews(input.db, result.value.jobIds);
  const jobs = result.value.jobIds.map((id, i) => {
    const view = views.find((v) => v.id === id);
    const planned = plan.recipients.find((r) => r.number === view?.faxNumber) ?? plan.recipients[i];
    const base = {
      jobId: id,
      number: planned?.number,
      display: planned?.display ?? '',
      name: planned?.name,
      state: 'queued' as const,
      sentBytes: 0,
      totalBytes: 0,
    };
    return view ? jobStatusFrom(view, base) : base;
  });
  return {
    ok: true,
    status: { startedAt: input.now(), phase: phaseOf(jobs), broadcastId: result.value.broadcastId, jobs },
  };
}

function creditProblem(pages: number, pricing: ComposePricing): SendProblem | undefined {
  if (pricing.pricePerPage === undefined || pricing.credit === undefined) return undefined;
  const cost = Math.round(pages * pricing.pricePerPage * 100) / 100;
  if (cost <= pricing.credit) return undefined;
  return {
    field: 'credit',
    message: `This fax costs about $${cost.toFixed(2)} but the account has $${pricing.credit.toFixed(2)} of credit. Nothing was sent.`,
    action: 'Add credit in the Openfax portal, or send fewer pages or to fewer recipients.',
  };
}

function outboxProblem(e: OutboxError): SendProblem {
  const field: SendProblem['field'] =
    e.kind === 'file' || e.kind === 'spool'
      ? 'documents'
      : e.kind === 'no-credit'
        ? 'credit'
        : e.kind === 'validation'
          ? e.field === 'to'
            ? 'recipients'
            : e.field === 'toHeader' || e.field === 'fromHeader'
              ? e.field
              : 'options'
          : 'general';
  return { field, message: e.message, action: e.action, code: e.kind };
}
