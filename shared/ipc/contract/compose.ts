// Channels of the compose feature. Declared here once; contract.ts joins every feature.
// The draft lives in main (it survives a restart); the renderer edits its fields and main
// owns its documents, which are copied into the data folder the moment they are added.

import { z } from 'zod';
import { JOB_STATES, PAPER_SIZES, PRIORITIES, RESOLUTIONS } from '../../domain.ts';
import { method } from '../define.ts';
import { MAX_DROPPED_PATHS } from '../names.ts';
import { DuplicateSend } from '../../duplicate-sends.ts';
import { PageInk } from '../../ink-warnings.ts';

/** A page size class: one of the fax sizes, or 'other' (scaled by the service). */
const PaperGuess = z.enum([...PAPER_SIZES, 'other']);
export type PaperGuess = z.infer<typeof PaperGuess>;

export const ComposeDocument = z.object({
  id: z.string(),
  name: z.string(),
  pages: z.int(),
  size: z.int(),
  /** The size most pages have. */
  paperSize: PaperGuess,
  /** Each page's size class, in order (for the mismatch warning against the chosen size). */
  pagePaper: z.array(PaperGuess),
  /** Where it came from: the picker or a drop, the hot folder, "Open with". */
  source: z.enum(['drop', 'picker', 'hotfolder', 'open-with']),
  /** The first pages' ink facts, for the warnings before Send (shared/ink-warnings.ts); absent in drafts staged before they were measured. */
  ink: z.array(PageInk).max(100_000).optional(),
});
export type ComposeDocument = z.infer<typeof ComposeDocument>;

export const DraftRecipient = z.object({
  /** The vendor's digits (normalizeFaxNumber().digits). */
  number: z.string().regex(/^\d{4,20}$/),
  /** For people: +1 212 555 0100. */
  display: z.string().max(64),
  /** An extension typed with the number: not dialled (a fax cannot), shown with a note. */
  extension: z
    .string()
    .regex(/^\d{1,6}$/)
    .optional(),
  contactId: z.int().optional(),
  name: z.string().max(200).optional(),
  company: z.string().max(200).optional(),
  /** The contact's default To header. */
  toHeader: z.string().max(200).optional(),
});
export type DraftRecipient = z.infer<typeof DraftRecipient>;

export const CoverFields = z.object({
  enabled: z.boolean(),
  to: z.string().max(200),
  from: z.string().max(200),
  subject: z.string().max(300),
  message: z.string().max(4000),
});
export type CoverFields = z.infer<typeof CoverFields>;

/** What the form edits. Headers are kept as typed (even when too long), so the reason can be shown. */
export const DraftFields = z.object({
  recipients: z.array(DraftRecipient).max(1000),
  toHeader: z.string().max(200),
  /** True while the To header is the one filled in from the contact (replaced when recipients change). */
  toHeaderAuto: z.boolean(),
  fromHeader: z.string().max(200),
  resolution: z.enum(RESOLUTIONS),
  priority: z.enum(PRIORITIES),
  /** null: the size detected from the documents. */
  paperSize: z.enum(PAPER_SIZES).nullable(),
  cover: CoverFields,
});
export type DraftFields = z.infer<typeof DraftFields>;

const SendError = z.object({ message: z.string(), action: z.string(), code: z.string().optional() });
export type SendError = z.infer<typeof SendError>;

export const SendJobStatus = z.object({
  jobId: z.int(),
  /** The vendor's digits, to tell which draft recipient the job is for. */
  number: z.string().optional(),
  display: z.string(),
  name: z.string().optional(),
  state: z.enum(JOB_STATES),
  sentBytes: z.number(),
  totalBytes: z.number(),
  error: SendError.optional(),
});
export type SendJobStatus = z.infer<typeof SendJobStatus>;

/**
 * The last send from this draft, until every job is past the upload. 'uploading': some job
 * is still on its way to Openfax; 'sent': all were accepted; 'failed': some were not (the
 * draft is kept so it can be sent again).
 */
export const SendStatus = z.object({
  startedAt: z.number(),
  phase: z.enum(['uploading', 'sent', 'failed']),
  broadcastId: z.int().optional(),
  jobs: z.array(SendJobStatus),
  /** Why nothing is moving, when the outbox is paused or has no account. */
  notice: SendError.optional(),
});
export type SendStatus = z.infer<typeof SendStatus>;

/**
 * A recipient an earlier send of this draft already reached (Openfax accepted it) or left in
 * the Outbox needing attention. Such recipients are taken off the list to send to, and shown
 * unticked: sending to them again takes a person ticking them back on.
 */
export const SentRecipient = DraftRecipient.extend({ jobId: z.int(), state: z.enum(JOB_STATES) });
export type SentRecipient = z.infer<typeof SentRecipient>;

export const ComposeDraft = DraftFields.extend({
  /** Which draft this is (several can be open; one is shown). */
  id: z.string().min(1).max(100),
  documents: z.array(ComposeDocument),
  send: SendStatus.nullable(),
  /** Kept by main from the sends of this draft; older drafts had none. */
  sentBefore: z.array(SentRecipient).max(1000).default([]),
  createdAt: z.number().optional(),
  updatedAt: z.number(),
});
export type ComposeDraft = z.infer<typeof ComposeDraft>;

/** One line of the drafts list: enough to tell drafts apart and pick one. */
export const DraftSummary = z.object({
  id: z.string(),
  name: z.string(),
  pages: z.int(),
  documents: z.int(),
  /** Names (or numbers) of the recipients, in order. */
  recipients: z.array(z.string()),
  /** The draft's last send, while it shows (a sent draft is closed to new documents). */
  phase: z.enum(['uploading', 'sent', 'failed']).nullable(),
  updatedAt: z.number(),
});
export type DraftSummary = z.infer<typeof DraftSummary>;

export const ComposePricing = z.object({
  /** Per page, in the account's currency; absent when unknown (then no cost is shown). */
  pricePerPage: z.number().optional(),
  /** sandbox: the simulator's price; settings: the person's override; history: learned from `learnedFrom` delivered faxes. */
  priceSource: z.enum(['sandbox', 'settings', 'history']).optional(),
  learnedFrom: z.number().optional(),
  credit: z.number().optional(),
});
export type ComposePricing = z.infer<typeof ComposePricing>;

export const ComposeDefaults = z.object({
  fromHeader: z.string(),
  resolution: z.enum(RESOLUTIONS),
  priority: z.enum(PRIORITIES),
  paperSize: z.enum(PAPER_SIZES),
  defaultCountry: z.string(),
});
export type ComposeDefaults = z.infer<typeof ComposeDefaults>;

export const ComposeState = z.object({
  draft: ComposeDraft,
  /** Every draft, newest first, the shown one included. */
  drafts: z.array(DraftSummary),
  defaults: ComposeDefaults,
  pricing: ComposePricing,
});
export type ComposeState = z.infer<typeof ComposeState>;

export const RefusedFile = z.object({ name: z.string(), message: z.string(), action: z.string(), code: z.string().optional() });
export type RefusedFile = z.infer<typeof RefusedFile>;

export const AddDocumentsResult = z.object({
  draft: ComposeDraft,
  drafts: z.array(DraftSummary),
  added: z.array(ComposeDocument),
  refused: z.array(RefusedFile),
});
export type AddDocumentsResult = z.infer<typeof AddDocumentsResult>;

/** How long a discarded draft can be brought back. */
export const UNDO_DISCARD_MS = 10_000;

const SendField = z.enum(['recipients', 'toHeader', 'fromHeader', 'documents', 'cover', 'options', 'credit', 'general']);
export type SendField = z.infer<typeof SendField>;

export const SendProblem = z.object({ field: SendField, message: z.string(), action: z.string(), code: z.string().optional() });
export type SendProblem = z.infer<typeof SendProblem>;

export const SendResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), draft: ComposeDraft }),
  z.object({
    ok: z.literal(false),
    problems: z.array(SendProblem),
    /** The duplicate guard refused it: each number Openfax already accepted this document for (send again with the person's answer). */
    duplicates: z.array(DuplicateSend).optional(),
  }),
]);
export type SendResult = z.infer<typeof SendResult>;

const DraftId = z.string().min(1).max(100);

/** A draft's name in the drafts list and in notices: its documents, or what it holds. */
export function draftName(draft: { documents: readonly { name: string }[]; cover: { enabled: boolean } }): string {
  const [first, ...rest] = draft.documents;
  if (!first) return draft.cover.enabled ? 'Cover page only' : 'New fax';
  return rest.length ? `${first.name} + ${rest.length} more` : first.name;
}

/** The drafts list line for a draft (main sends it; the form keeps it live as a person types). */
export function draftSummary(d: ComposeDraft): DraftSummary {
  return {
    id: d.id,
    name: draftName(d),
    pages: d.documents.reduce((n, x) => n + x.pages, 0) + (d.cover.enabled ? 1 : 0),
    documents: d.documents.length,
    recipients: d.recipients.map((r) => r.name ?? r.display),
    phase: d.send?.phase ?? null,
    updatedAt: d.updatedAt,
  };
}

/** A file the browser read itself (no path): at most 50 MB once decoded. */
const UploadedFile = z.object({ name: z.string().max(500), dataBase64: z.string().max(70 * 1024 * 1024) });

export const composeMethods = {
  /** The draft (restored after a restart), the defaults from settings and what a page costs. */
  getCompose: method(z.void(), ComposeState),
  /**
   * Replaces the form fields of a draft (the renderer sends them as the user types). `draftId`:
   * the draft they were typed into (the shown one when absent), so an edit never lands in a
   * draft that a print opened meanwhile.
   */
  saveComposeDraft: method(DraftFields.extend({ draftId: DraftId.optional() }), ComposeDraft),
  /** Files dropped or chosen in a browser: their bytes. */
  addComposeFiles: method(z.object({ files: z.array(UploadedFile).min(1).max(50) }), AddDocumentsResult),
  /**
   * Preload only (names.ts): files dropped in Electron, by path. Main reads a path only while it
   * holds a grant for it (grantDroppedPaths, the dialog, "Open with", the hot folder); every
   * other path is refused with PATH_NOT_GRANTED, unread. Refused over the browser transport.
   */
  addComposePaths: method(z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(50) }), AddDocumentsResult),
  /**
   * Preload only: the paths of the files of a drop on the window, read in the preload from the
   * trusted drop event (page script cannot make one). Each may then be added once, for a short while.
   */
  grantDroppedPaths: method(
    z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(MAX_DROPPED_PATHS) }),
    z.object({ granted: z.int().nonnegative() }),
  ),
  /** The native file dialog (Electron); `unsupported` in a browser, which uses an <input type=file>. */
  pickComposeDocuments: method(z.void(), AddDocumentsResult.extend({ canceled: z.boolean(), unsupported: z.boolean() })),
  removeComposeDocument: method(z.object({ id: z.string() }), ComposeDraft),
  /** The new order; must name every document once. */
  reorderComposeDocuments: method(z.object({ ids: z.array(z.string()) }), ComposeDraft),
  /** The PDF bytes of a draft document, for the preview. By id only: never a path. */
  getComposeDocumentBytes: method(z.object({ id: z.string() }), z.object({ dataBase64: z.string() })),
  /** The cover page as `recipient` will get it (each recipient has their own), as a one-page PDF. */
  getCoverPreview: method(
    z.object({
      cover: CoverFields,
      recipient: DraftRecipient.optional(),
      /** The From header, for a cover whose From is left empty. */
      fromHeader: z.string().max(200).optional(),
      pages: z.int().min(1).max(100_000),
      paperSize: z.enum(PAPER_SIZES),
      date: z.string().max(100),
    }),
    z.object({ dataBase64: z.string() }),
  ),
  /** Checks everything, merges the documents (and cover) and hands the fax to the outbox. */
  sendCompose: method(
    DraftFields.extend({
      draftId: DraftId.optional(),
      /** The person's answer to the duplicate guard: send to those numbers again too, or to the others only. */
      allowDuplicate: z.boolean().optional(),
      skipDuplicates: z.boolean().optional(),
    }),
    SendResult,
  ),
  /**
   * Discards a draft (the shown one when `id` is absent). Its documents are kept for
   * UNDO_DISCARD_MS (or until the app quits), so `undo` can bring it back.
   */
  discardCompose: method(
    z.object({ id: DraftId.optional() }),
    z.object({ state: ComposeState, undo: z.object({ token: z.string(), name: z.string() }).optional() }),
  ),
  /** Brings a discarded draft back while its undo lasts; `undo-expired` after. */
  undoDiscardCompose: method(z.object({ token: z.string().max(100) }), ComposeState),
  /** Starts an empty draft and shows it (the others are kept in the drafts list). */
  newComposeDraft: method(z.void(), ComposeState),
  /** Shows another draft. */
  openComposeDraft: method(z.object({ id: DraftId }), ComposeState),
  /** After a send: forget the send status and start a new fax (keeps nothing when it was sent). */
  dismissComposeSend: method(z.void(), ComposeDraft),
};

export const composeEvents = {
  /** Main changed the draft itself: documents from the hot folder or "Open with", or a send finished. */
  composeChanged: z.object({
    /** The shown draft (a print may have opened a new one). */
    draft: ComposeDraft,
    drafts: z.array(DraftSummary),
    /** The form fields changed too (a hot-folder document carried its recipients): replace them. */
    fieldsChanged: z.boolean(),
    added: z.array(ComposeDocument),
    refused: z.array(RefusedFile),
  }),
  /** Upload progress and job states of the last send. */
  composeSendProgress: SendStatus,
  /** A long TIFF being made into pages as it is added (by file name): pages made so far, of how many. */
  composeImageProgress: z.object({ name: z.string(), done: z.number().int(), total: z.number().int() }),
};

/**
 * The paper size the documents ask for: the fax size most of their pages have ('other'
 * pages do not vote), or undefined when none is a fax size. Main and the form both use it.
 */
export function detectedPaperSize(documents: readonly Pick<ComposeDocument, 'pagePaper'>[]): (typeof PAPER_SIZES)[number] | undefined {
  const counts = new Map<(typeof PAPER_SIZES)[number], number>();
  for (const doc of documents) {
    for (const p of doc.pagePaper) if (p !== 'other') counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  let best: (typeof PAPER_SIZES)[number] | undefined;
  for (const [size, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = size;
  return best;
}

/** Pages that are not `paper` (they will be scaled to fit it). */
export function pagesNotMatching(documents: readonly Pick<ComposeDocument, 'pagePaper'>[], paper: (typeof PAPER_SIZES)[number]): number {
  let n = 0;
  for (const doc of documents) for (const p of doc.pagePaper) if (p !== paper) n += 1;
  return n;
}
