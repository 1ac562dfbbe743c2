// The job list as CSV, one line per fax, with the same words the Outbox shows. Cells that a
// spreadsheet would run as a formula (a To header starting with "=") are neutralised.

import Papa from 'papaparse';
import type { JobFilter } from '../../shared/outbox-filters.ts';
import { type JobView, listJobs } from '../store/jobs-repo.ts';
import type { Db } from '../store/sql.ts';
import { jobStatus } from './job-status.ts';

export const JOB_CSV_COLUMNS = [
  'Job ID',
  'Broadcast ID',
  'Created',
  'Submitted',
  'Last update',
  'Recipient',
  'Company',
  'Fax number',
  'Document',
  'Pages',
  'Pages sent',
  'Status',
  'Detail',
  'Code',
  'Attempts',
  'Cost',
  'OutTransID',
] as const;

function iso(ms: number | null): string {
  return ms == null ? '' : new Date(ms).toISOString();
}

/** One CSV line's cells for a job. */
function jobCsvCells(job: JobView): Array<string | number> {
  const s = jobStatus(job);
  return [
    job.id,
    job.broadcastId ?? '',
    iso(job.createdAt),
    iso(job.submittedAt),
    iso(job.updatedAt),
    job.contactName || job.toHeader,
    job.contactCompany ?? '',
    job.faxNumber || job.numberRaw,
    job.documentName,
    job.pages,
    job.pagesSent ?? '',
    s.label,
    s.detail ?? '',
    s.code ?? '',
    job.attempts,
    job.cost ?? '',
    job.outTransId ?? '',
  ];
}

/** CSV text (header line first, CRLF line ends, as spreadsheets expect). */
function jobsToCsv(jobs: Iterable<JobView>): string {
  const data: Array<Array<string | number>> = [];
  for (const j of jobs) data.push(jobCsvCells(j));
  return Papa.unparse({ fields: [...JOB_CSV_COLUMNS], data }, { escapeFormulae: true, newline: '\r\n' });
}

/** Every job matching the Outbox's filter and search, newest first, read page by page. */
function* matchingJobs(db: Db, filter: JobFilter, search: string, pageSize = 2000): Generator<JobView> {
  let before: number | undefined;
  for (;;) {
    const page = listJobs(db, { filter, search, before, limit: pageSize });
    yield* page;
    if (page.length < pageSize) return;
    before = page[page.length - 1]?.id;
  }
}

/** The export for a filter and search: the CSV and how many faxes it lists. */
export function exportJobsCsv(db: Db, filter: JobFilter, search: string): { csv: string; rows: number } {
  const jobs = [...matchingJobs(db, filter, search)];
  return { csv: jobsToCsv(jobs), rows: jobs.length };
}

/** `openfax-outbox-2025-01-31.csv` */
export function csvFileName(now = Date.now()): string {
  return `openfax-outbox-${new Date(now).toISOString().slice(0, 10)}.csv`;
}
