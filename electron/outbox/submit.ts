// Turns a request to send into rows: validates the options and recipients, copies the PDF
// into the spool (before any row exists, so a full disk queues nothing), then inserts the
// document, the broadcast and the jobs in one transaction.

import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { FaxOptions } from '../../shared/domain.ts';
import { checkHeader, checkPaperSize, checkPdfHeader, checkPriority, checkResolution, normalizeFaxNumber } from '../../shared/fax-rules.ts';
import { insertBroadcast } from '../store/broadcasts-repo.ts';
import { getContact } from '../store/contacts-repo.ts';
import { type DocumentRow, getDocument, insertDocument } from '../store/documents-repo.ts';
import { insertJob } from '../store/jobs-repo.ts';
import { getSettings } from '../store/settings-repo.ts';
import { transaction } from '../store/sql.ts';
import { type EngineContext, queueAccountKey } from './context.ts';
import { nodeSpoolFs, SpoolError, type SpoolFs, spoolPdf } from './spool.ts';
import { withDetail } from '../../shared/wording.ts';
import type { DocumentInput, OutboxError, OutboxResult, Recipient, Submitted } from './types.ts';

export interface SubmitDeps {
  fs?: SpoolFs;
  countPages: (path: string) => Promise<number>;
}

export interface PreparedRecipient {
  recipient: Recipient;
  faxNumber: string;
  toHeader: string;
  reason?: string;
}

const fail = (kind: OutboxError['kind'], message: string, action: string, field?: string): { ok: false; error: OutboxError } => ({
  ok: false,
  error: { kind, message, action, ...(field ? { field } : {}) },
});

/** Fills options from settings and checks them; the reason names the field. */
export function resolveOptions(ctx: EngineContext, partial: Partial<FaxOptions> = {}): OutboxResult<FaxOptions> {
  const s = getSettings(ctx.db);
  const o = {
    toHeader: partial.toHeader ?? '',
    fromHeader: partial.fromHeader ?? s.fromHeader,
    paperSize: partial.paperSize ?? s.paperSize,
    resolution: partial.resolution ?? s.resolution,
    priority: partial.priority ?? s.priority,
  };
  const checks = [
    ['fromHeader', checkHeader('From', o.fromHeader)],
    ['toHeader', checkHeader('To', o.toHeader)],
    ['paperSize', checkPaperSize(o.paperSize)],
    ['resolution', checkResolution(o.resolution)],
    ['priority', checkPriority(o.priority)],
  ] as const;
  for (const [field, c] of checks) if (!c.ok) return fail('validation', c.reason, 'Correct it and send again; nothing was queued.', field);
  return { ok: true, value: o };
}

/** Normalises each recipient; bad ones carry a reason instead of failing the whole request. */
export function prepareRecipients(ctx: EngineContext, recipients: readonly Recipient[], defaultToHeader: string): PreparedRecipient[] {
  const country = getSettings(ctx.db).defaultCountry;
  return recipients.map((recipient) => {
    const contact = recipient.contactId !== undefined ? getContact(ctx.db, recipient.contactId) : undefined;
    const toHeader = recipient.toHeader ?? (contact?.toHeader || defaultToHeader);
    const n = normalizeFaxNumber(recipient.number, country);
    if (!n.ok) return { recipient, faxNumber: '', toHeader, reason: n.reason };
    const h = checkHeader('To', toHeader);
    if (!h.ok) return { recipient, faxNumber: n.value.digits, toHeader, reason: h.reason };
    return { recipient, faxNumber: n.value.digits, toHeader };
  });
}

/** Spools the document (or finds the already spooled one). */
export async function prepareDocument(
  ctx: EngineContext,
  input: DocumentInput,
  paperSize: FaxOptions['paperSize'],
  deps: SubmitDeps,
): Promise<OutboxResult<{ doc: Omit<DocumentRow, 'deletedAt'>; existing: boolean }>> {
  if (input.documentId) {
    const doc = getDocument(ctx.db, input.documentId);
    if (!doc) return fail('not-found', `Document ${input.documentId} is not in the outbox.`, 'Choose the file again.');
    if (doc.deletedAt !== null) {
      return fail(
        'file',
        `The PDF of "${doc.originalName}" was removed from the spool folder after the retention period.`,
        'Send the original file again.',
      );
    }
    return { ok: true, value: { doc, existing: true } };
  }
  if (!input.pdfPath && !input.pdfBytes) return fail('file', 'No PDF was given.', 'Choose a PDF to send.');
  const id = randomUUID();
  let spooled: Awaited<ReturnType<typeof spoolPdf>>;
  try {
    spooled = await spoolPdf(
      input.pdfPath ? { path: input.pdfPath } : { bytes: input.pdfBytes as Uint8Array },
      ctx.spoolDir,
      id,
      deps.fs ?? nodeSpoolFs,
    );
  } catch (err) {
    if (err instanceof SpoolError) {
      return fail(err.code === 'ENOSPC' || err.code === 'EDQUOT' || !input.pdfPath ? 'spool' : 'file', err.message, err.action);
    }
    throw err;
  }
  const discard = () => (deps.fs ?? nodeSpoolFs).unlink(spooled.path).catch(() => undefined);
  const pdf = checkPdfHeader(spooled.head, spooled.size);
  if (!pdf.ok) {
    await discard();
    return fail('file', pdf.reason, 'Choose a PDF file.');
  }
  let pages = input.pages;
  if (pages === undefined) {
    try {
      pages = await deps.countPages(spooled.path);
    } catch (err) {
      await discard();
      return fail(
        'file',
        withDetail('The PDF could not be read to count its pages', (err as Error).message),
        'Open it in a PDF viewer to check it, then print or export it to PDF again.',
      );
    }
  }
  if (!Number.isInteger(pages) || pages < 1) {
    await discard();
    return fail('file', 'The PDF has no pages.', 'Choose another PDF.');
  }
  const doc = {
    id,
    spoolPath: spooled.path,
    sha256: spooled.sha256,
    size: spooled.size,
    pages,
    paperSize,
    originalName: input.originalName ?? (input.pdfPath ? basename(input.pdfPath) : 'document.pdf'),
    source: input.source ?? 'compose',
    createdAt: ctx.now(),
  };
  return { ok: true, value: { doc, existing: false } };
}

/** Inserts the document (if new), an optional broadcast and one job per recipient, atomically. */
export function queueJobs(
  ctx: EngineContext,
  doc: Omit<DocumentRow, 'deletedAt'>,
  existing: boolean,
  options: FaxOptions,
  recipients: readonly PreparedRecipient[],
  /** `recipients`: how many it will have (a merge's rows, queued as they are made); default those given now. */
  broadcast?: { name: string; creditAtStart: number | null; estimatedCost: number | null; recipients?: number },
  extra: {
    contentKey?: string;
    resendOf?: number;
    /** Runs first inside the transaction; throwing rolls everything back (the duplicate guard's last look). */
    recheck?: () => void;
    /** A recipient's own document (their cover page): inserted with the jobs. Default: `doc` for all. */
    documentOf?: (r: PreparedRecipient) => { doc: Omit<DocumentRow, 'deletedAt'>; existing: boolean };
    /** The jobs join this broadcast (a merge's, made as it goes) instead of a new one. */
    broadcastId?: number;
    /**
     * Runs last inside the transaction, with what was inserted; throwing rolls everything back.
     * A mail merge marks its row queued here, so the job and the row's state commit together.
     */
    inTransaction?: (out: Submitted) => void;
  } = {},
): Submitted {
  const now = ctx.now();
  // Stamped now, not at upload: a fax queued in the sandbox is never sent by the live account (or back).
  const accountKey = queueAccountKey(ctx);
  return transaction(ctx.db, () => {
    extra.recheck?.();
    const inserted = new Set<string>();
    const own = (r: PreparedRecipient) => {
      const d = extra.documentOf?.(r) ?? { doc, existing };
      if (!d.existing && !inserted.has(d.doc.id)) insertDocument(ctx.db, d.doc);
      inserted.add(d.doc.id);
      return d.doc;
    };
    if (!existing) insertDocument(ctx.db, doc);
    inserted.add(doc.id);
    const broadcastId =
      extra.broadcastId ??
      (broadcast
        ? insertBroadcast(ctx.db, {
            documentId: doc.id,
            name: broadcast.name,
            recipients: broadcast.recipients ?? recipients.length,
            creditAtStart: broadcast.creditAtStart,
            estimatedCost: broadcast.estimatedCost,
            createdAt: now,
          })
        : undefined);
    const out: Submitted = { documentId: doc.id, jobIds: [], rejected: [], ...(broadcastId !== undefined ? { broadcastId } : {}) };
    for (const r of recipients) {
      const mine = own(r);
      const id = insertJob(
        ctx.db,
        {
          documentId: mine.id,
          broadcastId: broadcastId ?? null,
          contactId: r.recipient.contactId ?? null,
          resendOf: extra.resendOf ?? null,
          numberRaw: r.recipient.number,
          faxNumber: r.faxNumber,
          toHeader: r.toHeader,
          fromHeader: options.fromHeader,
          paperSize: options.paperSize,
          resolution: options.resolution,
          priority: options.priority,
          pages: mine.pages,
          contentKey: extra.contentKey ?? mine.sha256,
          accountKey,
          cover: r.recipient.cover ?? null,
          state: r.reason ? 'rejected' : 'queued',
          error: r.reason
            ? { kind: 'validation', code: null, message: r.reason, action: 'Correct the number or header and send again.' }
            : null,
          finalAt: r.reason ? now : null,
        },
        now,
      );
      out.jobIds.push(id);
      if (r.reason) out.rejected.push({ jobId: id, number: r.recipient.number, reason: r.reason });
    }
    extra.inTransaction?.(out);
    return out;
  });
}
