// A broadcast whose recipients each have a PDF of their own (a cover page naming them in front
// of the shared body): every one is spooled before any row exists, like a single document, and
// whatever fails removes them all again, so nothing half-made stays behind.

import type { FaxOptions } from '../../shared/domain.ts';
import type { DocumentRow } from '../store/documents-repo.ts';
import type { EngineContext } from './context.ts';
import { nodeSpoolFs } from './spool.ts';
import { type PreparedRecipient, prepareDocument, type SubmitDeps } from './submit.ts';
import type { BroadcastInput, DocumentInput, OutboxResult, Recipient, SubmitInput } from './types.ts';

type Doc = Omit<DocumentRow, 'deletedAt'>;

export interface PreparedDocuments {
  /** The document the request is filed under (the broadcast's): the shared one, or the first kept recipient's own. */
  primary(): { doc: Doc; existing: boolean };
  /** What `r` is sent: their own document, or the shared one. */
  of(r: PreparedRecipient): { doc: Doc; existing: boolean };
  /** Drops the own documents of recipients left out (their spool files go). */
  keep(recipients: readonly PreparedRecipient[]): Promise<void>;
  /** Removes every spool file this request made (it was not queued). */
  discard(): Promise<void>;
}

function ownDocument(r: Recipient): DocumentInput | undefined {
  return (r as { document?: DocumentInput }).document;
}

/** Spools the request's document, or each recipient's own; all or nothing. */
export async function prepareDocuments(
  ctx: EngineContext,
  input: SubmitInput | BroadcastInput,
  recipients: readonly PreparedRecipient[],
  paperSize: FaxOptions['paperSize'],
  deps: SubmitDeps,
): Promise<OutboxResult<PreparedDocuments>> {
  const fs = deps.fs ?? nodeSpoolFs;
  const unlink = (d: { doc: Doc; existing: boolean }) =>
    d.existing ? Promise.resolve() : fs.unlink(d.doc.spoolPath).catch(() => undefined);
  const own = new Map<Recipient, { doc: Doc; existing: boolean }>();
  const perRecipient = recipients.some((r) => ownDocument(r.recipient));
  let shared: { doc: Doc; existing: boolean } | undefined;
  const discard = async () => {
    for (const d of own.values()) await unlink(d);
    if (shared) await unlink(shared);
  };
  if (!perRecipient || recipients.some((r) => !ownDocument(r.recipient))) {
    const r = await prepareDocument(ctx, input, paperSize, deps);
    if (!r.ok) return r;
    shared = r.value;
  }
  for (const r of recipients) {
    const mine = ownDocument(r.recipient);
    if (!mine) continue;
    const p = await prepareDocument(ctx, { originalName: input.originalName, source: input.source, ...mine }, paperSize, deps);
    if (!p.ok) {
      await discard();
      return p;
    }
    own.set(r.recipient, p.value);
  }
  let kept = [...recipients];
  const docs: PreparedDocuments = {
    primary() {
      const first = kept.map((r) => own.get(r.recipient)).find((d) => d !== undefined);
      return (shared ?? first ?? own.values().next().value) as { doc: Doc; existing: boolean };
    },
    of: (r) => own.get(r.recipient) ?? (shared as { doc: Doc; existing: boolean }),
    async keep(next) {
      kept = [...next];
      const still = new Set(next.map((r) => r.recipient));
      for (const [recipient, d] of own) {
        if (still.has(recipient)) continue;
        own.delete(recipient);
        await unlink(d);
      }
    },
    discard,
  };
  return { ok: true, value: docs };
}
