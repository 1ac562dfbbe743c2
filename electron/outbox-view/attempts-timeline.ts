// A job's story, oldest first: queued, accepted by Openfax, each call the vendor placed (its
// result in words and code, duration, pages), and how it ended.

import type { StatusTone, TimelineEntry } from '../../shared/ipc/contract/jobs.ts';
import { currentStateInfo, lastStatusInfo } from '../../shared/vendor-codes.ts';
import type { Attempt } from '../store/attempts-repo.ts';
import type { Job } from '../store/jobs-repo.ts';
import { callTime, isCallRow } from './call-rows.ts';
import { jobStatus } from './job-status.ts';

function entry(e: Partial<TimelineEntry> & Pick<TimelineEntry, 'kind' | 'title' | 'tone'>): TimelineEntry {
  return { at: null, detail: null, code: null, durationSeconds: null, pagesSent: null, pagesTotal: null, cost: null, ...e };
}

/** One report row; `n` numbers the calls made (as the Attempts column counts them), null for a row that is not a call yet. */
function attemptEntry(a: Attempt, n: number | null, pages: number): TimelineEntry {
  const last = a.lastStatus != null && a.lastStatus >= 0 ? lastStatusInfo(a.lastStatus) : undefined;
  const state = currentStateInfo(a.currentState);
  let tone: StatusTone = 'in-progress';
  let title: string;
  let detail: string | null = null;
  let code: string | null = null;
  if (last) {
    tone = a.lastStatus === 0 ? 'delivered' : last.redial && !state?.final ? 'waiting' : 'failed';
    title = n === null ? last.plain : `Call ${n}: ${last.plain}`;
    code = `LastStatus ${a.lastStatus}`;
    if (state) detail = state.plain === last.plain ? null : state.plain;
    if (state && state.outcome === 'waiting-redial') detail = 'Openfax will redial';
  } else {
    title = n === null ? `Next call: ${state?.plain ?? 'in progress'}` : `Call ${n}: ${state?.plain ?? 'in progress'}`;
    code = state ? `CurrentState ${state.code}` : null;
    if (state?.outcome === 'failed') tone = 'failed';
    else if (state?.outcome === 'delivered') tone = 'delivered';
    else if (state?.outcome === 'waiting-redial') tone = 'waiting';
  }
  return entry({
    kind: 'attempt',
    at: callTime(a),
    title,
    detail,
    code,
    tone,
    durationSeconds: a.callDuration ?? null,
    pagesSent: a.pagesSent ?? null,
    pagesTotal: a.pageCount ?? pages,
    cost: a.realCost ?? null,
  });
}

/** The timeline of one job from its record and its vendor report rows. */
export function attemptsTimeline(job: Job, attempts: readonly Attempt[]): TimelineEntry[] {
  const out: TimelineEntry[] = [entry({ kind: 'created', at: job.createdAt, title: 'Queued to send', tone: 'draft' })];
  if (job.submittedAt != null || job.outTransId) {
    out.push(
      entry({
        kind: 'submitted',
        at: job.submittedAt,
        title: 'Accepted by Openfax',
        code: job.outTransId ? `OutTransID ${job.outTransId}` : null,
        tone: 'in-progress',
        pagesTotal: job.pages,
      }),
    );
  }
  // Rows the vendor marks "Received" (LastStatus -1) are bookkeeping, not calls. The others are
  // numbered as calls once they are one (isCallRow), so "Call 2" is the second of the calls the
  // Attempts column counts; a row still queued or dialling is the next call, not yet counted.
  const rows = [...attempts].filter((a) => a.lastStatus !== -1).sort((a, b) => a.historyId - b.historyId);
  let n = 0;
  for (const a of rows) {
    const isCall = isCallRow(a);
    if (isCall) n += 1;
    out.push(attemptEntry(a, isCall ? n : null, job.pages));
  }
  const status = jobStatus(job);
  switch (job.state) {
    case 'delivered':
    case 'failed':
    case 'canceled':
      out.push(
        entry({
          kind: 'result',
          at: job.finalAt ?? job.updatedAt,
          title: status.label + (status.detail ? `: ${status.detail}` : ''),
          code: status.code,
          tone: status.tone,
          pagesSent: job.pagesSent,
          pagesTotal: job.pages,
          cost: job.cost,
          detail: status.action,
        }),
      );
      break;
    case 'rejected':
    case 'auth-failed':
    case 'no-credit':
    case 'needs-attention':
      out.push(
        entry({
          kind: 'problem',
          at: job.finalAt ?? job.updatedAt,
          title: `${status.label}${status.detail ? `: ${status.detail}` : ''}`,
          detail: status.action,
          code: status.code,
          tone: status.tone,
        }),
      );
      break;
    case 'queued':
      if (job.error) {
        out.push(
          entry({
            kind: 'problem',
            at: job.updatedAt,
            title: `Upload failed: ${job.error.message}`,
            detail: job.error.action,
            code: job.error.code,
            tone: 'waiting',
          }),
        );
      }
      break;
    default:
      break;
  }
  return out;
}
