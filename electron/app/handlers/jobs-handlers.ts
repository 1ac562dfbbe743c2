// Outbox channels: thin glue over electron/outbox-view (queries, words, CSV), the store's
// repositories and the outbox engine.

import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { ActionOutcome } from '../../../shared/ipc/contract/jobs.ts';
import type { jobsMethods } from '../../../shared/ipc/contract/jobs.ts';
import { attemptsTimeline } from '../../outbox-view/attempts-timeline.ts';
import { FAILED_STATES, toJobRow } from '../../outbox-view/job-rows.ts';
import { csvFileName, exportJobsCsv } from '../../outbox-view/jobs-csv.ts';
import { listBroadcastJobRows, listOutboxPage, outboxSummary } from '../../outbox-view/outbox-query.ts';
import type { OutboxResult } from '../../outbox/types.ts';
import { listAttemptsForJob } from '../../store/attempts-repo.ts';
import { getBroadcast } from '../../store/broadcasts-repo.ts';
import { getDocument } from '../../store/documents-repo.ts';
import { getJobView, listJobs, newestResendOf } from '../../store/jobs-repo.ts';
import type { Handlers } from '../ipc-router.ts';
import type { AppServices } from '../services.ts';

function outcome<T>(r: OutboxResult<T>, ids: (v: T) => number[], message: (v: T) => string): ActionOutcome {
  if (!r.ok) return { ok: false, reason: r.error.message, action: r.error.action ?? null };
  return { ok: true, jobIds: ids(r.value), message: message(r.value) };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The spool file of a job's document, or why there is none. */
function documentFile(s: AppServices, jobId: number): { ok: true; path: string; name: string } | { ok: false; reason: string } {
  const job = getJobView(s.store.db, jobId);
  if (!job) return { ok: false, reason: `There is no fax job ${jobId}.` };
  const doc = getDocument(s.store.db, job.documentId);
  if (!doc) return { ok: false, reason: 'The document of this fax is not in the outbox any more.' };
  if (doc.deletedAt !== null)
    return { ok: false, reason: `"${doc.originalName}" was removed after the retention period (Settings → Sent PDFs).` };
  return { ok: true, path: doc.spoolPath, name: doc.originalName || `fax-${jobId}.pdf` };
}

export function jobsHandlers(s: AppServices): Pick<Handlers, keyof typeof jobsMethods> {
  const db = () => s.store.db;
  return {
    listOutbox: (q) => ({ ...listOutboxPage(db(), q), summary: outboxSummary(db()) }),
    getOutboxSummary: () => outboxSummary(db()),
    listBroadcastJobs: ({ broadcastId }) => ({ rows: listBroadcastJobRows(db(), broadcastId) }),
    getJobDetail: ({ jobId }) => {
      const job = getJobView(db(), jobId);
      if (!job) return null;
      const doc = getDocument(db(), job.documentId);
      const broadcast = job.broadcastId != null ? getBroadcast(db(), job.broadcastId) : undefined;
      return {
        job: toJobRow(job),
        timeline: attemptsTimeline(job, listAttemptsForJob(db(), jobId)),
        document: {
          id: job.documentId,
          name: job.documentName,
          pages: doc?.pages ?? job.pages,
          available: !!doc && doc.deletedAt === null && existsSync(doc.spoolPath),
        },
        options: {
          toHeader: job.toHeader,
          fromHeader: job.fromHeader,
          paperSize: job.paperSize,
          resolution: job.resolution,
          priority: job.priority,
        },
        broadcast: broadcast ? { id: broadcast.id, name: broadcast.name || job.documentName } : null,
        resendOf: job.resendOf,
        resentAs: newestResendOf(db(), jobId),
      };
    },
    getJobDocument: async ({ jobId }) => {
      const f = documentFile(s, jobId);
      if (!f.ok) return f;
      try {
        return { ok: true, name: f.name, base64: (await readFile(f.path)).toString('base64') };
      } catch {
        return { ok: false, reason: `"${f.name}" is missing from the spool folder.` };
      }
    },
    openJobDocument: async ({ jobId }) => {
      const f = documentFile(s, jobId);
      if (!f.ok) return { opened: false, reason: f.reason };
      if (s.host.transport !== 'electron') return { opened: false, reason: null };
      const opened = await s.host.openPath(f.path);
      return { opened, reason: opened ? null : 'No program to open PDFs was found.' };
    },
    resendJob: ({ jobId }) =>
      outcome(
        s.outbox.resend(jobId),
        (j) => [j.id],
        () => 'Sent again as a new fax.',
      ),
    resendBroadcastFailed: ({ broadcastId }) => {
      const failed = listJobs(db(), { broadcastId, limit: 5000 }).filter((j) => FAILED_STATES.includes(j.state));
      if (!failed.length) return { ok: false, reason: 'No recipient of this broadcast has failed.', action: null };
      const ids: number[] = [];
      const problems: string[] = [];
      for (const j of failed) {
        const r = s.outbox.resend(j.id);
        if (r.ok) ids.push(r.value.id);
        else problems.push(r.error.message);
      }
      if (!ids.length) return { ok: false, reason: problems[0] ?? 'Nothing could be sent again.', action: null };
      const skipped = problems.length ? ` ${plural(problems.length, 'recipient')} could not be: ${problems[0]}` : '';
      return { ok: true, jobIds: ids, message: `${plural(ids.length, 'failed recipient')} sent again.${skipped}` };
    },
    cancelJob: ({ jobId }) =>
      outcome(
        s.outbox.cancel(jobId),
        (j) => [j.id],
        () => 'Canceled; nothing was sent.',
      ),
    cancelBroadcast: ({ broadcastId }) =>
      outcome(
        s.outbox.cancelBroadcast(broadcastId),
        () => [],
        (n) => (n ? `${plural(n, 'recipient')} not yet sent canceled.` : 'Every recipient had already been sent; nothing to cancel.'),
      ),
    retryJob: ({ jobId, acceptDuplicateRisk }) =>
      outcome(
        s.outbox.retry(jobId, { acceptDuplicateRisk }),
        (j) => [j.id],
        () => 'Back in the queue.',
      ),
    exportJobsCsv: async ({ filter, search }) => {
      const fileName = csvFileName();
      if (s.host.pickSavePath) {
        const path = await s.host.pickSavePath({
          title: 'Export the job list',
          defaultPath: fileName,
          filters: [{ name: 'CSV', extensions: ['csv'] }],
        });
        if (!path) return { kind: 'canceled' };
        const { csv, rows } = exportJobsCsv(db(), filter, search);
        await writeFile(path, `\ufeff${csv}`);
        return { kind: 'saved', path, rows };
      }
      const { csv, rows } = exportJobsCsv(db(), filter, search);
      return { kind: 'content', fileName, csv, rows };
    },
  };
}
