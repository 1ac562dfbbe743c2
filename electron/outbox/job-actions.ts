// What a person can do to a job from the Outbox screen or the CLI.

import { existsSync } from 'node:fs';
import { FINAL_JOB_STATES, type JobState } from '../../shared/domain.ts';
import { getDocument } from '../store/documents-repo.ts';
import { getJob, getJobView, insertJob, type JobView, listJobs, updateJobState } from '../store/jobs-repo.ts';
import { transaction } from '../store/sql.ts';
import type { EngineContext } from './context.ts';
import type { OutboxResult } from './types.ts';

const CANCELABLE: readonly JobState[] = ['draft', 'queued', 'needs-attention'];

const notFound = (id: number) => ({
  ok: false as const,
  error: { kind: 'not-found' as const, message: `There is no fax job ${id}.`, action: 'Refresh the outbox.' },
});
const notAllowed = (message: string, action: string) => ({ ok: false as const, error: { kind: 'not-allowed' as const, message, action } });

export function cancelJob(ctx: EngineContext, id: number): OutboxResult<JobView> {
  const job = getJob(ctx.db, id);
  if (!job) return notFound(id);
  const now = ctx.now();
  if (!updateJobState(ctx.db, id, 'canceled', CANCELABLE, { finalAt: now, nextTryAt: null }, now)) {
    const current = getJob(ctx.db, id)?.state ?? job.state;
    return notAllowed(
      current === 'submitting' || current === 'submitted'
        ? 'This fax has already been handed to Openfax and can no longer be canceled here.'
        : `This fax is ${current} and cannot be canceled.`,
      current === 'submitting' || current === 'submitted' ? 'Wait for its result.' : 'Nothing to do.',
    );
  }
  ctx.jobsChanged([id]);
  return { ok: true, value: getJobView(ctx.db, id) as JobView };
}

export function cancelBroadcastJobs(ctx: EngineContext, broadcastId: number): OutboxResult<number> {
  const now = ctx.now();
  const ids = transaction(ctx.db, () =>
    listJobs(ctx.db, { broadcastId, limit: 5000 })
      .filter((j) => j.state === 'queued' || j.state === 'draft')
      .filter((j) => updateJobState(ctx.db, j.id, 'canceled', ['queued', 'draft'], { finalAt: now, nextTryAt: null }, now))
      .map((j) => j.id),
  );
  ctx.jobsChanged(ids);
  return { ok: true, value: ids.length };
}

export function resendJob(ctx: EngineContext, id: number): OutboxResult<JobView> {
  const job = getJob(ctx.db, id);
  if (!job) return notFound(id);
  if (!FINAL_JOB_STATES.includes(job.state)) {
    return notAllowed(
      `Only a finished fax can be sent again; this one is ${job.state}.`,
      job.state === 'needs-attention' ? 'Choose Retry instead.' : 'Wait for its result.',
    );
  }
  const doc = getDocument(ctx.db, job.documentId);
  if (!doc || doc.deletedAt !== null || !existsSync(doc.spoolPath)) {
    return {
      ok: false,
      error: {
        kind: 'file',
        message: `The PDF of this fax${doc ? ` ("${doc.originalName}")` : ''} is no longer kept${doc?.deletedAt ? ' (removed after the retention period)' : ''}.`,
        action: 'Send the original file again as a new fax.',
      },
    };
  }
  if (!job.faxNumber) return notAllowed('This fax has no valid number to send to.', 'Send it as a new fax with a corrected number.');
  const now = ctx.now();
  const newId = insertJob(
    ctx.db,
    {
      documentId: job.documentId,
      broadcastId: null,
      contactId: job.contactId,
      resendOf: job.id,
      numberRaw: job.numberRaw,
      faxNumber: job.faxNumber,
      toHeader: job.toHeader,
      fromHeader: job.fromHeader,
      paperSize: job.paperSize,
      resolution: job.resolution,
      priority: job.priority,
      pages: job.pages,
      state: 'queued',
    },
    now,
  );
  ctx.jobsChanged([newId]);
  return { ok: true, value: getJobView(ctx.db, newId) as JobView };
}

export function retryJob(ctx: EngineContext, id: number, acceptDuplicateRisk = false): OutboxResult<JobView> {
  const job = getJob(ctx.db, id);
  if (!job) return notFound(id);
  if (job.state !== 'needs-attention')
    return notAllowed(`Only a fax that needs attention can be retried; this one is ${job.state}.`, 'Use Resend for a finished fax.');
  if (job.error?.kind === 'unknown-outcome' && !acceptDuplicateRisk) {
    return notAllowed(
      'Openfax may already have this fax: sending it again could deliver it twice.',
      'Wait for the automatic check, or confirm that you accept a possible duplicate.',
    );
  }
  const now = ctx.now();
  if (!updateJobState(ctx.db, id, 'queued', ['needs-attention'], { submitTries: 0, nextTryAt: null }, now)) {
    return notAllowed('The fax changed state meanwhile.', 'Refresh the outbox.');
  }
  ctx.jobsChanged([id]);
  return { ok: true, value: getJobView(ctx.db, id) as JobView };
}
