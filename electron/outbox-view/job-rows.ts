// Outbox rows: a job (or a broadcast of many) as the table shows it. Pure functions of store
// records, so the same words reach the renderer, the CSV export and the notifications.

import { broadcastCounts, broadcastCountsText } from '../../shared/broadcast-counts.ts';
import { FINAL_JOB_STATES, type JobState } from '../../shared/domain.ts';
import { formatFaxNumber } from '../../shared/fax-number.ts';
import type { BroadcastCounts, BroadcastRow, JobRow, JobStatusView } from '../../shared/ipc/contract/jobs.ts';
import { FILTER_STATES, sideOfAccountKey } from '../../shared/outbox-filters.ts';
import { deadNumberReason } from '../../shared/resend-rules.ts';
import { MAX_ATTEMPTS } from '../../shared/vendor-codes.ts';
import type { Broadcast, BroadcastProgress } from '../store/broadcasts-repo.ts';
import type { BroadcastMerge } from '../store/merge-state-repo.ts';
import type { JobView } from '../store/jobs-repo.ts';
import { jobStatus } from './job-status.ts';

const CANCELABLE: readonly JobState[] = ['draft', 'queued', 'needs-attention'];
/** A fax can be sent again once it is final (a needs-attention job is retried instead). */
const RESENDABLE: readonly JobState[] = FINAL_JOB_STATES;
/** Broadcast recipients "resend failed" picks up: those the Failed filter shows. */
export const FAILED_STATES: readonly JobState[] = FILTER_STATES.failed;

/**
 * A job as the Outbox shows it; `redialAt` from redial.ts when it waits to redial; `inUse` the
 * key of the account in use (or its side's unset key), for a job that waits for another account.
 */
export function toJobRow(job: JobView, redialAt: number | null = null, inUse?: string): JobRow {
  return {
    kind: 'job',
    id: job.id,
    sortId: job.id,
    state: job.state,
    status: jobStatus(job, inUse),
    recipientName: job.contactName || job.toHeader || '',
    recipientCompany: job.contactCompany || null,
    number: formatFaxNumber(job.faxNumber, job.numberRaw),
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
    resendNeedsNumber: deadNumberReason({ state: job.state, lastStatus: job.lastStatus, errorKind: job.error?.kind ?? null }),
    side: sideOfAccountKey(job.accountKey),
    redialAt,
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
  /** An account key among its jobs (all of a broadcast's sent jobs share one). */
  accountKey: string | null;
  /** The mail merge that makes its faxes, when it is a merge's. */
  merge?: BroadcastMerge | undefined;
}

/** A merge's broadcast is named after its template, not after one recipient's document. */
export function mergeBroadcastName(templateName: string | null): string {
  return `${templateName || 'Template'} · mail merge`;
}

function broadcastStatus(c: BroadcastCounts, resendable: number, merge: BroadcastMerge | undefined): JobStatusView {
  const words = broadcastCountsText(c);
  if (c.needsAttention > 0) {
    return { tone: 'attention', label: 'Needs attention', detail: words, code: null, action: null };
  }
  // A paused merge makes nothing until it is resumed: saying "In progress" would promise faxes that are not coming.
  if (merge?.state === 'paused' && c.preparing > 0) {
    const why = merge.held ? merge.held.message : 'The mail merge was paused.';
    return {
      tone: 'waiting',
      label: merge.held ? 'Merge held' : 'Merge paused',
      detail: `${why} ${words}`,
      code: null,
      action: merge.held ? merge.held.action : 'Resume it on the Merge screen to make the rest.',
    };
  }
  if (c.waiting + c.inProgress > 0) return { tone: 'in-progress', label: 'In progress', detail: words, code: null, action: null };
  if (c.failed + c.refused > 0) {
    return {
      tone: 'failed',
      label: c.delivered > 0 ? 'Partly failed' : 'Failed',
      detail: words,
      code: null,
      // Recipients whose document was never made have no fax to send again: offer only what can be done.
      action: resendable > 0 ? 'Resend the failed recipients from the broadcast’s panel.' : null,
    };
  }
  if (c.delivered === 0 && c.canceled > 0) return { tone: 'canceled', label: 'Canceled', detail: words, code: null, action: null };
  return { tone: 'delivered', label: 'Delivered', detail: words, code: null, action: null };
}

const mergeSending = (m: BroadcastMerge | undefined) => m?.state === 'running' || m?.state === 'paused';

export function toBroadcastRow(b: Broadcast, p: BroadcastProgress, extras: BroadcastExtras): BroadcastRow {
  const counts = broadcastCounts(p.byState, p.unmade);
  // A merge's rows whose document was never made have no job to send again.
  const resendable = counts.failed + counts.refused - (p.unmade?.notMade ?? 0);
  return {
    kind: 'broadcast',
    id: b.id,
    sortId: extras.sortId,
    name: extras.merge ? mergeBroadcastName(extras.merge.templateName) : b.name || extras.documentName,
    documentId: b.documentId,
    documentName: extras.merge ? mergeBroadcastName(extras.merge.templateName) : extras.documentName,
    pages: extras.pages,
    total: counts.total,
    counts,
    resendable,
    side: sideOfAccountKey(extras.accountKey),
    cost: p.cost,
    status: broadcastStatus(counts, resendable, extras.merge),
    createdAt: b.createdAt,
    updatedAt: extras.updatedAt,
    canResendFailed: resendable > 0,
    // A merge still making its rows can be canceled before any is queued (its merge is canceled with it).
    canCancel: extras.cancelable > 0 || (mergeSending(extras.merge) && counts.preparing > 0),
  };
}
