// Outbox channels: thin glue over electron/outbox-view (queries, words, CSV), the store's
// repositories and the outbox engine.

import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { ActionOutcome } from '../../../shared/ipc/contract/jobs.ts';
import type { AccountView } from '../../../shared/outbox-filters.ts';
import type { jobsMethods } from '../../../shared/ipc/contract/jobs.ts';
import { attemptsTimeline } from '../../outbox-view/attempts-timeline.ts';
import { formatFaxNumber } from '../../../shared/fax-number.ts';
import { FAILED_STATES, toJobRow } from '../../outbox-view/job-rows.ts';
import { csvFileName, exportJobsCsv } from '../../outbox-view/jobs-csv.ts';
import { listBroadcastJobRows, listOutboxPage, outboxSummary } from '../../outbox-view/outbox-query.ts';
import { redialAtOf } from '../../outbox-view/redial.ts';
import type { OutboxResult } from '../../outbox/types.ts';
import { listAttemptsForJob } from '../../store/attempts-repo.ts';
import { getBroadcast } from '../../store/broadcasts-repo.ts';
import { getDocument } from '../../store/documents-repo.ts';
import { getJobView, listJobs, newestResendOf } from '../../store/jobs-repo.ts';
import type { Handlers } from '../ipc-router.ts';
import type { AppServices } from '../services.ts';

function outcome<T>(r: OutboxResult<T>, ids: (v: T) => number[], message: (v: T) => string): ActionOutcome {
  if (!r.ok) {
    const { message: reason, action, field, duplicates } = r.error;
    return { ok: false, reason, action: action ?? null, ...(field ? { field } : {}), ...(duplicates ? { duplicates } : {}) };
  }
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
  // Sandbox and live history are apart: a list shows the side in use unless asked for another.
  const mode = () => s.account.mode();
  const scope = (view: AccountView | undefined) => ({ view: view ?? mode(), mode: mode() });
  const inUse = () => s.outbox.accountInUse() ?? undefined;
  return {
    listOutbox: ({ account, ...q }) => ({
      ...listOutboxPage(db(), { ...q, scope: scope(account), inUse: inUse() }),
      summary: outboxSummary(db(), mode()),
    }),
    getOutboxSummary: () => outboxSummary(db(), mode()),
    listBroadcastJobs: ({ broadcastId }) => ({ rows: listBroadcastJobRows(db(), broadcastId, inUse()) }),
    getJobDetail: ({ jobId }) => {
      const job = getJobView(db(), jobId);
      if (!job) return null;
      const doc = getDocument(db(), job.documentId);
      const broadcast = job.broadcastId != null ? getBroadcast(db(), job.broadcastId) : undefined;
      const attempts = listAttemptsForJob(db(), jobId);
      return {
        job: toJobRow(job, redialAtOf(job, attempts), inUse()),
        timeline: attemptsTimeline(job, attempts),
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
    resendJob: async ({ jobId, number, allowDuplicate, skipDuplicates }) =>
      outcome(
        await s.outbox.resend(jobId, { number, allowDuplicate, skipDuplicates }),
        (j) => [j.id],
        (j) =>
          number === undefined ? 'Sent again as a new fax.' : `Sent again as a new fax to ${formatFaxNumber(j.faxNumber, j.numberRaw)}.`,
      ),
    resendBroadcastFailed: ({ broadcastId, allowDuplicate, skipDuplicates }) => {
      const failed = listJobs(db(), { broadcastId, limit: 5000 }).filter((j) => FAILED_STATES.includes(j.state));
      if (!failed.length) return { ok: false, reason: 'No recipient of this broadcast has failed.', action: null };
      return outcome(
        s.outbox.resendMany(
          failed.map((j) => j.id),
          { allowDuplicate, skipDuplicates },
        ),
        (v) => v.jobs.map((j) => j.id),
        (v) => {
          const notes = [
            v.skippedDuplicates.length ? `${plural(v.skippedDuplicates.length, 'number')} that already had it left out.` : '',
            v.needNumber.length
              ? `${plural(v.needNumber.length, 'recipient')} need${v.needNumber.length === 1 ? 's' : ''} a corrected number: open ${v.needNumber.length === 1 ? 'it' : 'each'} to fix it.`
              : '',
            v.notResent.length ? `${plural(v.notResent.length, 'recipient')} could not be: ${v.notResent[0]?.reason}` : '',
          ].filter(Boolean);
          return [`${plural(v.jobs.length, 'failed recipient')} sent again.`, ...notes].join(' ');
        },
      );
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
    exportJobsCsv: async ({ filter, search, account }) => {
      const fileName = csvFileName();
      if (s.host.pickSavePath) {
        const path = await s.host.pickSavePath({
          title: 'Export the job list',
          defaultPath: fileName,
          filters: [{ name: 'CSV', extensions: ['csv'] }],
        });
        if (!path) return { kind: 'canceled' };
        const { csv, rows } = exportJobsCsv(db(), filter, search, scope(account));
        await writeFile(path, csv);
        return { kind: 'saved', path, rows };
      }
      const { csv, rows } = exportJobsCsv(db(), filter, search, scope(account));
      return { kind: 'content', fileName, csv, rows };
    },
  };
}
