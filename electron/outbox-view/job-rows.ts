// Outbox rows: a job (or a broadcast of many) as the table shows it. Pure functions of store
// records, so the same words reach the renderer, the CSV export and the notifications.

import { FINAL_JOB_STATES, type JobState } from '../../shared/domain.ts';
import type { BroadcastRow, JobRow, JobStatusView } from '../../shared/ipc/contract/jobs.ts';
import { FILTER_STATES } from '../../shared/outbox-filters.ts';
import { MAX_ATTEMPTS } from '../../shared/vendor-codes.ts';
import type { Broadcast, BroadcastProgress } from '../store/broadcasts-repo.ts';
import type { JobView } from '../store/jobs-repo.ts';
import { jobStatus } from './job-status.ts';

const CANCELABLE: readonly JobState[] = ['draft', 'queued', 'needs-attention'];
/** A fax can be sent again once it is final (a needs-attention job is retried instead). */
const RESENDABLE: readonly JobState[] = FINAL_JOB_STATES;
/** Broadcast recipients "resend failed" picks up: those the Failed filter shows. */
export const FAILED_STATES: readonly JobState[] = FILTER_STATES.failed;

/** A vendor-format number for people: `12025550101` → `+1 202 555 0101`. Cheap: no phone library per row. */
export function displayNumber(digits: string, raw = ''): string {
  if (/^1\d{10}$/.test(digits)) return `+1 ${digits.slice(1, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
  if (/^\d{7,15}$/.test(digits)) return `+${digits}`;
  return raw || digits;
}

export function toJobRow(job: JobView): JobRow {
  return {
    kind: 'job',
    id: job.id,
    sortId: job.id,
    state: job.state,
    status: jobStatus(job),
    recipientName: job.contactName || job.toHeader || '',
    recipientCompany: job.contactCompany || null,
    number: displayNumber(job.faxNumber, job.numberRaw),
    documentId: job.documentId,
    documentName: job.documentName,
    pages: job.pages,
    pagesSent: job.pagesSent,
    attempts: job.attempts,
    maxAttempts: MAX_ATTEMPTS,
    cost: job.cost,
    createdAt: job.createdAt,
    submittedAt: job.submittedAt,
    updatedAt: job.updatedAt,
    finalAt: job.finalAt,
    broadcastId: job.broadcastId,
    resendOf: job.resendOf,
    outTransId: job.outTransId,
    canResend: RESENDABLE.includes(job.state),
    canCancel: CANCELABLE.includes(job.state),
    canRetry: job.state === 'needs-attention',
    retryRisksDuplicate: job.state === 'needs-attention' && job.error?.kind === 'unknown-outcome',
  };
}

export interface BroadcastExtras {
  documentName: string;
  pages: number;
  /** Newest change among its jobs. */
  updatedAt: number;
  /** Id of its first job: where it sits in the newest-first list. */
  sortId: number;
  /** Jobs not yet submitted (cancelable). */
  cancelable: number;
}

function broadcastStatus(p: BroadcastProgress): JobStatusView {
  const inFlight = p.waiting + p.sending + p.submitted;
  if (p.needsAttention > 0) {
    return {
      tone: 'attention',
      label: 'Needs attention',
      detail: `${p.needsAttention} of ${p.total} need a decision`,
      code: null,
      action: null,
    };
  }
  if (inFlight > 0) {
    return { tone: 'in-progress', label: 'In progress', detail: `${p.done} of ${p.total} finished`, code: null, action: null };
  }
  if (p.failed > 0) {
    return {
      tone: 'failed',
      label: p.delivered > 0 ? 'Partly failed' : 'Failed',
      detail: `${p.failed} of ${p.total} failed`,
      code: null,
      action: 'Resend the failed recipients from the broadcast’s panel.',
    };
  }
  if (p.delivered === 0 && p.canceled > 0) return { tone: 'canceled', label: 'Canceled', detail: null, code: null, action: null };
  return { tone: 'delivered', label: 'Delivered', detail: `${p.delivered} of ${p.total} delivered`, code: null, action: null };
}

export function toBroadcastRow(b: Broadcast, p: BroadcastProgress, extras: BroadcastExtras): BroadcastRow {
  const inFlight = p.submitted;
  return {
    kind: 'broadcast',
    id: b.id,
    sortId: extras.sortId,
    name: b.name || extras.documentName,
    documentId: b.documentId,
    documentName: extras.documentName,
    pages: extras.pages,
    total: p.total,
    waiting: p.waiting + p.sending,
    inFlight,
    sent: inFlight + p.delivered + p.failed,
    delivered: p.delivered,
    failed: p.failed,
    canceled: p.canceled,
    needsAttention: p.needsAttention,
    done: p.done,
    cost: p.cost,
    status: broadcastStatus(p),
    createdAt: b.createdAt,
    updatedAt: extras.updatedAt,
    canResendFailed: p.failed > 0,
    canCancel: extras.cancelable > 0,
  };
}
