// Job rows as SQLite stores them and as the rest of the app sees them (camelCase, nulls).

import type { CoverSaid } from '../pdf/recipient-cover.ts';
import type { JobState, PaperSize, Priority, Resolution } from '../../shared/domain.ts';

export interface JobError {
  /** An OpenfaxErrorKind, 'vendor' (a LastStatus result) or a local kind ('spool-missing', 'unknown-outcome', …). */
  kind: string;
  code: string | null;
  message: string;
  action: string | null;
}

export interface Job {
  id: number;
  documentId: string;
  broadcastId: number | null;
  contactId: number | null;
  resendOf: number | null;
  numberRaw: string;
  faxNumber: string;
  toHeader: string;
  fromHeader: string;
  paperSize: PaperSize;
  resolution: Resolution;
  priority: Priority;
  pages: number;
  /** SHA-256 of the document as sent without a per-recipient cover: what the duplicate guard compares. */
  contentKey: string | null;
  state: JobState;
  accountKey: string | null;
  outTransId: string | null;
  /** Vendor CurrentState of the latest report row. */
  currentState: number | null;
  /** Vendor LastStatus of the latest report row. */
  lastStatus: number | null;
  /** Report rows (vendor call attempts) seen for this fax. */
  attempts: number;
  pagesSent: number | null;
  lastHistoryId: number | null;
  cost: number | null;
  /** Our upload tries. */
  submitTries: number;
  nextTryAt: number | null;
  cursorAtSubmit: number | null;
  error: JobError | null;
  createdAt: number;
  submitStartedAt: number | null;
  submittedAt: number | null;
  updatedAt: number;
  finalAt: number | null;
  /** What its own cover (page 1 of its document) said; null when it has none. */
  cover: CoverSaid | null;
}

/** A job with the labels a list needs. */
export interface JobView extends Job {
  documentName: string;
  contactName: string | null;
  contactCompany: string | null;
}

export type NewJob = Pick<
  Job,
  'documentId' | 'numberRaw' | 'faxNumber' | 'toHeader' | 'fromHeader' | 'paperSize' | 'resolution' | 'priority' | 'pages' | 'state'
> &
  Partial<Pick<Job, 'broadcastId' | 'contactId' | 'resendOf' | 'error' | 'finalAt' | 'contentKey' | 'accountKey' | 'cover'>>;

export type JobPatch = Partial<Omit<Job, 'id' | 'documentId' | 'createdAt' | 'updatedAt' | 'cover'>>;

/** The list filters of the Outbox screen. */
/** Column of each patchable field (`error` spans the four error_* columns). */
export const JOB_COLUMNS: Record<keyof JobPatch, string> = {
  broadcastId: 'broadcast_id',
  contactId: 'contact_id',
  resendOf: 'resend_of',
  numberRaw: 'number_raw',
  faxNumber: 'fax_number',
  toHeader: 'to_header',
  fromHeader: 'from_header',
  paperSize: 'paper_size',
  resolution: 'resolution',
  priority: 'priority',
  pages: 'pages',
  contentKey: 'content_key',
  state: 'state',
  accountKey: 'account_key',
  outTransId: 'out_trans_id',
  currentState: 'current_state',
  lastStatus: 'last_status',
  attempts: 'attempts',
  pagesSent: 'pages_sent',
  lastHistoryId: 'last_history_id',
  cost: 'cost',
  submitTries: 'submit_tries',
  nextTryAt: 'next_try_at',
  cursorAtSubmit: 'cursor_at_submit',
  error: 'error_kind',
  submitStartedAt: 'submit_started_at',
  submittedAt: 'submitted_at',
  finalAt: 'final_at',
};

export interface JobRowRaw {
  id: number;
  document_id: string;
  broadcast_id: number | null;
  contact_id: number | null;
  resend_of: number | null;
  number_raw: string;
  fax_number: string;
  to_header: string;
  from_header: string;
  paper_size: PaperSize;
  resolution: Resolution;
  priority: Priority;
  pages: number;
  content_key: string | null;
  state: JobState;
  account_key: string | null;
  out_trans_id: string | null;
  current_state: number | null;
  last_status: number | null;
  attempts: number;
  pages_sent: number | null;
  last_history_id: number | null;
  cost: number | null;
  submit_tries: number;
  next_try_at: number | null;
  cursor_at_submit: number | null;
  error_kind: string | null;
  error_code: string | null;
  error_message: string | null;
  error_action: string | null;
  created_at: number;
  submit_started_at: number | null;
  submitted_at: number | null;
  updated_at: number;
  final_at: number | null;
  cover: string | null;
  document_name?: string;
  contact_name?: string | null;
  contact_company?: string | null;
}

export function toJob(r: JobRowRaw): Job {
  return {
    id: r.id,
    documentId: r.document_id,
    broadcastId: r.broadcast_id,
    contactId: r.contact_id,
    resendOf: r.resend_of,
    numberRaw: r.number_raw,
    faxNumber: r.fax_number,
    toHeader: r.to_header,
    fromHeader: r.from_header,
    paperSize: r.paper_size,
    resolution: r.resolution,
    priority: r.priority,
    pages: r.pages,
    contentKey: r.content_key,
    state: r.state,
    accountKey: r.account_key,
    outTransId: r.out_trans_id,
    currentState: r.current_state,
    lastStatus: r.last_status,
    attempts: r.attempts,
    pagesSent: r.pages_sent,
    lastHistoryId: r.last_history_id,
    cost: r.cost,
    submitTries: r.submit_tries,
    nextTryAt: r.next_try_at,
    cursorAtSubmit: r.cursor_at_submit,
    error: r.error_kind ? { kind: r.error_kind, code: r.error_code, message: r.error_message ?? '', action: r.error_action } : null,
    createdAt: r.created_at,
    submitStartedAt: r.submit_started_at,
    submittedAt: r.submitted_at,
    updatedAt: r.updated_at,
    finalAt: r.final_at,
    cover: r.cover ? (JSON.parse(r.cover) as CoverSaid) : null,
  };
}

export function toView(r: JobRowRaw): JobView {
  return {
    ...toJob(r),
    documentName: r.document_name ?? '',
    contactName: r.contact_name ?? null,
    contactCompany: r.contact_company ?? null,
  };
}

export const JOB_VIEW_SELECT = `SELECT j.*, d.original_name AS document_name, c.name AS contact_name, c.company AS contact_company
  FROM jobs j JOIN documents d ON d.id = j.document_id LEFT JOIN contacts c ON c.id = j.contact_id`;
