// What a transmission report says, gathered from the store: the job and its OutTransID, who it
// went to, its options, every call the vendor placed (worded from the vendor's code tables and
// the Outbox's status words, not a copy of them), the cost, and the SHA-256 of the PDF the
// outbox spooled and uploaded. Pure reads; the layout is report-pdf.ts's.
// Times are what they are: Openfax's report rows carry no time of the call (as far as its page
// tells), so a call is timed by the vendor only when its row has a time field, and otherwise
// by when Openfax Desktop read its result, and says so; Openfax's own SubmitDate is given as
// it came, its zone being undocumented.

import { broadcastCounts } from '../../shared/broadcast-counts.ts';
import { FINAL_JOB_STATES, type JobState, PAPER_SIZE_LABEL, type PaperSize, type Resolution } from '../../shared/domain.ts';
import type { BroadcastCounts, JobStatusView } from '../../shared/ipc/contract/jobs.ts';
import { type JobSide, sideOfAccountKey } from '../../shared/outbox-filters.ts';
import { currentStateInfo, lastStatusInfo } from '../../shared/vendor-codes.ts';
import { isCallRow, vendorCallTime } from '../outbox-view/call-rows.ts';
import { toJobRow } from '../outbox-view/job-rows.ts';
import { hasTransmissionReport } from '../../shared/report-rules.ts';
import { type Attempt, listAttemptsForJob } from '../store/attempts-repo.ts';
import { broadcastProgress, getBroadcast } from '../store/broadcasts-repo.ts';
import { type DocumentRow, getDocument } from '../store/documents-repo.ts';
import { getJobView, type JobView, listJobs } from '../store/jobs-repo.ts';
import type { Db } from '../store/sql.ts';

export interface ReportCall {
  /** 1, 2, 3…: the calls as the Outbox's Attempts column counts them. */
  n: number;
  /** When the call was made, by Openfax's word; null when its row carries no such time. */
  callAt: number | null;
  /** When Openfax Desktop first read this call's row (later than the call: one poll, or the app was closed). */
  recordedAt: number;
  /** The vendor's result in our words: "No answer". */
  result: string;
  /** "LastStatus 1", or "CurrentState 9" when the row carries no LastStatus. */
  code: string | null;
  durationSeconds: number | null;
  pagesSent: number | null;
  pagesTotal: number | null;
  callerId: string | null;
}

export interface ReportDocument {
  name: string;
  /** SHA-256 (hex) of the PDF as spooled, the very bytes uploaded to Openfax. */
  sha256: string;
  size: number;
  pages: number;
  /** The spool file, while the retention period keeps it. */
  path: string | null;
}

export interface JobReportData {
  jobId: number;
  outTransId: string | null;
  state: JobState;
  status: JobStatusView;
  delivered: boolean;
  side: JobSide | null;
  recipientName: string;
  recipientCompany: string | null;
  /** As people read it: "+1 202 555 0150". */
  number: string;
  toHeader: string;
  fromHeader: string;
  pages: number;
  pagesSent: number | null;
  resolution: Resolution;
  paper: PaperSize;
  paperLabel: string;
  broadcast: { id: number; name: string } | null;
  /** When Openfax answered our submission with the OutTransID (our clock). */
  submittedAt: number | null;
  /** Openfax's SubmitDate as its report row gives it (its zone is not documented), or null. */
  vendorSubmitDate: string | null;
  /** When Openfax Desktop read the final result (null: not ended yet); not the time of the call. */
  endedAt: number | null;
  calls: ReportCall[];
  cost: number | null;
  document: ReportDocument;
}

export class ReportError extends Error {
  readonly code: 'no-job' | 'not-ended' | 'not-sent' | 'no-document' | 'no-broadcast';
  constructor(code: ReportError['code'], message: string) {
    super(message);
    this.name = 'ReportError';
    this.code = code;
  }
}

function callOf(a: Attempt, n: number, pages: number): ReportCall {
  const last = a.lastStatus != null && a.lastStatus >= 0 ? lastStatusInfo(a.lastStatus) : undefined;
  const state = currentStateInfo(a.currentState);
  return {
    n,
    callAt: vendorCallTime(a) ?? null,
    recordedAt: a.seenAt,
    result: last?.plain ?? state?.plain ?? 'Result not reported',
    code: last ? `LastStatus ${a.lastStatus}` : state ? `CurrentState ${state.code}` : null,
    durationSeconds: a.callDuration ?? null,
    pagesSent: a.pagesSent ?? null,
    pagesTotal: a.pageCount || pages,
    callerId: a.callerId?.trim() || null,
  };
}

/** The calls of a job, oldest first: the report rows that are calls (call-rows.ts), numbered. */
function callsOf(attempts: readonly Attempt[], pages: number): ReportCall[] {
  return [...attempts]
    .sort((a, b) => a.historyId - b.historyId)
    .filter(isCallRow)
    .map((a, i) => callOf(a, i + 1, pages));
}

/** Openfax's SubmitDate of a fax, from any of its rows (the key's case is not relied on). */
function vendorSubmitDate(attempts: readonly Attempt[]): string | null {
  for (const a of attempts) {
    for (const [key, value] of Object.entries(a.raw)) {
      if (key.toLowerCase() === 'submitdate' && (typeof value === 'string' || typeof value === 'number') && String(value).trim()) {
        return String(value).trim();
      }
    }
  }
  return null;
}

function documentOf(doc: DocumentRow): ReportDocument {
  return {
    name: doc.originalName,
    sha256: doc.sha256,
    size: doc.size,
    pages: doc.pages,
    path: doc.deletedAt === null ? doc.spoolPath : null,
  };
}

function dataOf(db: Db, job: JobView): JobReportData {
  const doc = getDocument(db, job.documentId);
  if (!doc) throw new ReportError('no-document', `The record of the document of fax ${job.id} is missing from the outbox.`);
  const row = toJobRow(job);
  const broadcast = job.broadcastId != null ? getBroadcast(db, job.broadcastId) : undefined;
  const attempts = listAttemptsForJob(db, job.id);
  return {
    jobId: job.id,
    outTransId: job.outTransId,
    state: job.state,
    status: row.status,
    delivered: job.state === 'delivered',
    side: row.side,
    recipientName: row.recipientName,
    recipientCompany: row.recipientCompany,
    number: row.number,
    toHeader: job.toHeader,
    fromHeader: job.fromHeader,
    pages: job.pages,
    pagesSent: job.pagesSent,
    resolution: job.resolution,
    paper: job.paperSize,
    paperLabel: PAPER_SIZE_LABEL[job.paperSize],
    broadcast: broadcast ? { id: broadcast.id, name: broadcast.name || job.documentName } : null,
    submittedAt: job.submittedAt,
    vendorSubmitDate: vendorSubmitDate(attempts),
    endedAt: job.finalAt ?? job.updatedAt,
    calls: callsOf(attempts, job.pages),
    cost: job.cost,
    document: documentOf(doc),
  };
}

/** States of a fax still on its way to Openfax (it may yet have a report). */
const NOT_SENT_YET: ReadonlySet<JobState> = new Set(['draft', 'queued', 'submitting', 'needs-attention']);

/** What the report of fax `jobId` says. Throws ReportError when it has none (unknown, not ended, never reached Openfax). */
export function jobReportData(db: Db, jobId: number): JobReportData {
  const job = getJobView(db, jobId);
  if (!job) throw new ReportError('no-job', `There is no fax job ${jobId}.`);
  if (!hasTransmissionReport(job)) {
    if (job.outTransId === null && NOT_SENT_YET.has(job.state)) {
      throw new ReportError('not-ended', `Fax ${jobId} has not reached Openfax yet: its report is made once it has ended.`);
    }
    if (job.state === 'no-credit' && job.outTransId !== null) {
      throw new ReportError(
        'not-ended',
        `Fax ${jobId} is on hold at Openfax for lack of credit: it goes on once credit is added, and its report is made once it has ended.`,
      );
    }
    if (job.outTransId === null) {
      throw new ReportError(
        'not-sent',
        `Fax ${jobId} never reached Openfax (${toJobRow(job).status.label}): there was no transmission to report.`,
      );
    }
    throw new ReportError('not-ended', `Fax ${jobId} has not ended yet: its report is made once Openfax has the final result.`);
  }
  return dataOf(db, job);
}

export interface BroadcastRecipientLine {
  jobId: number;
  name: string;
  number: string;
  status: JobStatusView;
  pages: number;
  pagesSent: number | null;
  cost: number | null;
  /** When it ended, or its last change while it has not. */
  at: number;
  /** Has a report of its own (appended after the summary). */
  reported: boolean;
  /** Not ended yet (queued, with Openfax, on credit hold, or waiting for the person): its report is still to come. */
  open: boolean;
}

export interface BroadcastReportData {
  broadcastId: number;
  name: string;
  documentName: string;
  pages: number;
  createdAt: number;
  side: JobSide | null;
  counts: BroadcastCounts;
  cost: number;
  recipients: BroadcastRecipientLine[];
  /** Recipients not ended yet: a summary made now is interim. */
  open: number;
}

/** Not ended: neither a report yet nor a final state that means it never reached Openfax. */
function stillOpen(j: { state: JobState; outTransId: string | null }): boolean {
  return !hasTransmissionReport(j) && !(FINAL_JOB_STATES.includes(j.state) && j.outTransId === null);
}

/** The summary of broadcast `broadcastId`: every recipient, how each ended, and the totals (shared/broadcast-counts.ts). */
export function broadcastReportData(db: Db, broadcastId: number): BroadcastReportData {
  const b = getBroadcast(db, broadcastId);
  if (!b) throw new ReportError('no-broadcast', `There is no broadcast ${broadcastId}.`);
  const jobs = listJobs(db, { broadcastId, limit: 5000 }).sort((x, y) => x.id - y.id);
  const progress = broadcastProgress(db, broadcastId);
  const first = jobs[0];
  const recipients = jobs.map((j): BroadcastRecipientLine => {
    const row = toJobRow(j);
    return {
      jobId: j.id,
      name: row.recipientName,
      number: row.number,
      status: row.status,
      pages: j.pages,
      pagesSent: j.pagesSent,
      cost: j.cost,
      at: j.finalAt ?? j.updatedAt,
      reported: hasTransmissionReport(j),
      open: stillOpen(j),
    };
  });
  return {
    broadcastId,
    name: b.name || first?.documentName || `Broadcast ${broadcastId}`,
    documentName: first?.documentName ?? '',
    pages: first?.pages ?? 0,
    createdAt: b.createdAt,
    side: sideOfAccountKey(jobs.find((j) => j.accountKey)?.accountKey ?? null),
    counts: broadcastCounts(progress.byState),
    cost: progress.cost,
    recipients,
    open: recipients.filter((r) => r.open).length,
  };
}
