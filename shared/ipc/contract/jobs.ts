// Channels of the jobs feature (the Outbox). Rows arrive already worded by main (plain state,
// vendor code beside it), so the renderer only lays them out.

import { z } from 'zod';
import { JOB_STATES, PAPER_SIZES, PRIORITIES, RESOLUTIONS } from '../../domain.ts';
import { ACCOUNT_VIEWS, JOB_FILTERS, JOB_SIDES } from '../../outbox-filters.ts';
import { DuplicateSend } from '../../duplicate-sends.ts';
import { method } from '../define.ts';

/** How a status is drawn: each tone has its own icon, words and colour (never colour alone). */
export const StatusTone = z.enum(['in-progress', 'waiting', 'delivered', 'failed', 'attention', 'draft', 'canceled']);
export type StatusTone = z.infer<typeof StatusTone>;

export const JobStatusView = z.object({
  tone: StatusTone,
  /** Short words for the chip: "Delivered", "Waiting to redial", "Failed". */
  label: z.string(),
  /** What the code means, in plain words: "No answer", "Dialling and sending". */
  detail: z.string().nullable(),
  /** The vendor's code (or ours) shown in small type: "LastStatus 1", "RestrictedFaxNumber". */
  code: z.string().nullable(),
  /** What the person can do, when there is something to do. */
  action: z.string().nullable(),
});
export type JobStatusView = z.infer<typeof JobStatusView>;

/** Sandbox or live history; null for a job not yet handed to Openfax (it goes with the account in use). */
const Side = z.enum(JOB_SIDES).nullable();

export const JobRow = z.object({
  kind: z.literal('job'),
  id: z.number(),
  /** Position in the newest-first list (the job id; a broadcast sorts by its first job). */
  sortId: z.number(),
  state: z.enum(JOB_STATES),
  status: JobStatusView,
  recipientName: z.string(),
  recipientCompany: z.string().nullable(),
  /** For people: "+1 202 555 0101". */
  number: z.string(),
  documentId: z.string(),
  documentName: z.string(),
  pages: z.number(),
  pagesSent: z.number().nullable(),
  attempts: z.number(),
  maxAttempts: z.number(),
  cost: z.number().nullable(),
  createdAt: z.number(),
  submittedAt: z.number().nullable(),
  updatedAt: z.number(),
  finalAt: z.number().nullable(),
  broadcastId: z.number().nullable(),
  resendOf: z.number().nullable(),
  outTransId: z.string().nullable(),
  canResend: z.boolean(),
  canCancel: z.boolean(),
  canRetry: z.boolean(),
  /** Retrying could deliver it twice (Openfax may have it already): ask before retrying. */
  retryRisksDuplicate: z.boolean(),
  /** Why the same number cannot work again (bad number, not a fax, restricted): resend asks for a corrected one. */
  resendNeedsNumber: z.string().nullable(),
  side: Side,
  /** Waiting to redial: about when Openfax calls again (ms), estimated; null when it cannot be known. */
  redialAt: z.number().nullable(),
});
export type JobRow = z.infer<typeof JobRow>;

/**
 * A broadcast's recipients: refused + waiting + needsAttention + canceled + sent = total, and
 * delivered + failed + inProgress = sent.
 */
export const BroadcastCounts = z.object({
  total: z.number(),
  /** Refused before anything was dialled (a number that cannot be dialled, restricted, account refused). */
  refused: z.number(),
  /** Not yet handed to Openfax (queued, uploading; a merge's documents still being made). */
  waiting: z.number(),
  /** Of those waiting: a mail merge's recipients whose document is still being made. */
  preparing: z.number(),
  needsAttention: z.number(),
  canceled: z.number(),
  /** Handed to Openfax. */
  sent: z.number(),
  delivered: z.number(),
  failed: z.number(),
  /** Sent, no final result yet. */
  inProgress: z.number(),
});
export type BroadcastCounts = z.infer<typeof BroadcastCounts>;

export const BroadcastRow = z.object({
  kind: z.literal('broadcast'),
  id: z.number(),
  sortId: z.number(),
  name: z.string(),
  documentId: z.string(),
  documentName: z.string(),
  pages: z.number(),
  total: z.number(),
  /** Its recipients by group (shared/broadcast-counts.ts computes them and states the sums). */
  counts: BroadcastCounts,
  /** Failed or refused recipients: what "Resend failed" sends again. */
  resendable: z.number(),
  side: Side,
  cost: z.number(),
  status: JobStatusView,
  createdAt: z.number(),
  updatedAt: z.number(),
  canResendFailed: z.boolean(),
  canCancel: z.boolean(),
});
export type BroadcastRow = z.infer<typeof BroadcastRow>;

export const OutboxRow = z.discriminatedUnion('kind', [JobRow, BroadcastRow]);
export type OutboxRow = z.infer<typeof OutboxRow>;

const JobFilter = z.enum(JOB_FILTERS);

const AccountView = z.enum(ACCOUNT_VIEWS);

export const OutboxSummary = z.object({
  /** Jobs per filter chip (every filter has a count), of the account in use's side. */
  counts: z.record(JobFilter, z.number()),
  /** Queued, uploading or at Openfax awaiting a result, of the account in use's side: the sidebar badge. */
  inFlight: z.number(),
  /** The side the account in use belongs to. */
  mode: z.enum(JOB_SIDES),
  /** Jobs per filter chip on each side (a job not yet sent counts on the side in use). */
  bySide: z.object({ sandbox: z.record(JobFilter, z.number()), live: z.record(JobFilter, z.number()) }),
});
export type OutboxSummary = z.infer<typeof OutboxSummary>;

const OutboxQuery = z.object({
  filter: JobFilter.default('all'),
  search: z.string().max(200).default(''),
  /** Sandbox, live or both; absent: the side of the account in use. */
  account: AccountView.optional(),
  /** Rows older than this sortId (the next page). */
  before: z.number().int().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type OutboxQuery = z.input<typeof OutboxQuery>;

export const TimelineEntry = z.object({
  kind: z.enum(['created', 'submitted', 'attempt', 'result', 'problem']),
  /** ms since epoch, when known. */
  at: z.number().nullable(),
  title: z.string(),
  detail: z.string().nullable(),
  code: z.string().nullable(),
  tone: StatusTone,
  durationSeconds: z.number().nullable(),
  pagesSent: z.number().nullable(),
  pagesTotal: z.number().nullable(),
  cost: z.number().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const JobDetail = z.object({
  job: JobRow,
  timeline: z.array(TimelineEntry),
  document: z.object({ id: z.string(), name: z.string(), pages: z.number(), available: z.boolean() }),
  options: z.object({
    toHeader: z.string(),
    fromHeader: z.string(),
    paperSize: z.enum(PAPER_SIZES),
    resolution: z.enum(RESOLUTIONS),
    priority: z.enum(PRIORITIES),
  }),
  broadcast: z.object({ id: z.number(), name: z.string() }).nullable(),
  /** The job this one re-sends, and the newest job that re-sent this one. */
  resendOf: z.number().nullable(),
  resentAs: z.number().nullable(),
});
export type JobDetail = z.infer<typeof JobDetail>;

/** An action that may be refused for a reason the person should read. */
export const ActionOutcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), jobIds: z.array(z.number()), message: z.string() }),
  z.object({
    ok: z.literal(false),
    reason: z.string(),
    action: z.string().nullable(),
    /** The field the reason concerns ('number': a corrected number is needed). */
    field: z.string().optional(),
    /** Refused as a duplicate: each number that already has it. Asking again with allowDuplicate (or skipDuplicates) goes ahead. */
    duplicates: z.array(DuplicateSend).optional(),
  }),
]);
export type ActionOutcome = z.infer<typeof ActionOutcome>;

const JobId = z.object({ jobId: z.number().int().positive() });
const BroadcastId = z.object({ broadcastId: z.number().int().positive() });
/** The person's answer to the duplicate guard: send to those numbers again too, or to the others only. */
const DuplicateAnswer = z.object({ allowDuplicate: z.boolean().default(false), skipDuplicates: z.boolean().default(false) });

export const jobsMethods = {
  /** One page of the Outbox, newest first; broadcasts are one row each. */
  listOutbox: method(OutboxQuery, z.object({ rows: z.array(OutboxRow), hasMore: z.boolean(), summary: OutboxSummary })),
  getOutboxSummary: method(z.void(), OutboxSummary),
  /** Every recipient of a broadcast (its jobs), newest first. */
  listBroadcastJobs: method(BroadcastId, z.object({ rows: z.array(JobRow) })),
  getJobDetail: method(JobId, JobDetail.nullable()),
  /** The job's PDF bytes (preview, and the browser's "Open PDF" download). */
  getJobDocument: method(
    JobId,
    z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), name: z.string(), base64: z.string() }),
      z.object({ ok: z.literal(false), reason: z.string() }),
    ]),
  ),
  /** Opens the PDF with the OS viewer (Electron); `opened: false` means the caller should download it. */
  openJobDocument: method(JobId, z.object({ opened: z.boolean(), reason: z.string().nullable() })),
  /** A finished fax again, as a new job; `number` corrects a number that cannot work. */
  resendJob: method(JobId.extend(DuplicateAnswer.shape).extend({ number: z.string().max(100).optional() }), ActionOutcome),
  resendBroadcastFailed: method(BroadcastId.extend(DuplicateAnswer.shape), ActionOutcome),
  cancelJob: method(JobId, ActionOutcome),
  cancelBroadcast: method(BroadcastId, ActionOutcome),
  retryJob: method(JobId.extend({ acceptDuplicateRisk: z.boolean().default(false) }), ActionOutcome),
  /** The list (every job matching the filter and search) as CSV: saved by main, or handed back to download. */
  exportJobsCsv: method(
    z.object({ filter: JobFilter.default('all'), search: z.string().max(200).default(''), account: AccountView.optional() }),
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('saved'), path: z.string(), rows: z.number() }),
      z.object({ kind: z.literal('content'), fileName: z.string(), csv: z.string(), rows: z.number() }),
      z.object({ kind: z.literal('canceled') }),
    ]),
  ),
};

export const jobsEvents = {
  /** Rows that changed since the last batch (coalesced), with fresh counts. */
  jobsChanged: z.object({ jobs: z.array(JobRow), broadcasts: z.array(BroadcastRow), summary: OutboxSummary }),
};
