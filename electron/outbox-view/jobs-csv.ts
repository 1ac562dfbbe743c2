// The job list as CSV, one line per fax, with the same words and number format the Outbox
// shows, written the way spreadsheets open it (core/spreadsheet-csv.ts: BOM, CRLF, local times
// with the zone in the header, formulas neutralised, numbers kept as text).

import { formatFaxNumber } from '../../shared/fax-number.ts';
import type { AccountScope, JobFilter } from '../../shared/outbox-filters.ts';
import { type JobView, listJobs } from '../store/jobs-repo.ts';
import type { Db } from '../store/sql.ts';
import { localDateTime, spreadsheetCsv, timeZoneName } from '../core/spreadsheet-csv.ts';
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
type JobCsvColumn = (typeof JOB_CSV_COLUMNS)[number];
const TIME_COLUMNS: readonly JobCsvColumn[] = ['Created', 'Submitted', 'Last update'];

/** The header line: each time column names the zone its times are in, `Created (Europe/Berlin)`. */
export function jobCsvHeader(timeZone?: string): string[] {
  const zone = timeZoneName(timeZone);
  return JOB_CSV_COLUMNS.map((c) => (TIME_COLUMNS.includes(c) ? `${c} (${zone})` : c));
}

/** One CSV line's cells for a job. */
function jobCsvCells(job: JobView, timeZone: string | undefined): Array<string | number> {
  const s = jobStatus(job);
  const time = (ms: number | null) => localDateTime(ms, timeZone);
  return [
    job.id,
    job.broadcastId ?? '',
    time(job.createdAt),
    time(job.submittedAt),
    time(job.updatedAt),
    job.contactName || job.toHeader,
    job.contactCompany ?? '',
    formatFaxNumber(job.faxNumber, job.numberRaw),
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

function jobsToCsv(jobs: readonly JobView[], timeZone: string | undefined): string {
  return spreadsheetCsv(
    jobCsvHeader(timeZone),
    jobs.map((j) => jobCsvCells(j, timeZone)),
  );
}

/** Every job matching the Outbox's filter and search, newest first, read page by page. */
function* matchingJobs(db: Db, filter: JobFilter, search: string, scope?: AccountScope, pageSize = 2000): Generator<JobView> {
  let before: number | undefined;
  for (;;) {
    const page = listJobs(db, { filter, search, scope, before, limit: pageSize });
    yield* page;
    if (page.length < pageSize) return;
    before = page[page.length - 1]?.id;
  }
}

/**
 * The export for a filter, search and side (sandbox, live; absent: both): the whole file (with
 * its byte-order mark) and how many faxes it lists. Times are in `timeZone` (default: this computer's).
 */
export function exportJobsCsv(
  db: Db,
  filter: JobFilter,
  search: string,
  scope?: AccountScope,
  timeZone?: string,
): { csv: string; rows: number } {
  const jobs = [...matchingJobs(db, filter, search, scope)];
  return { csv: jobsToCsv(jobs, timeZone), rows: jobs.length };
}

/** `openfax-outbox-2025-01-31.csv`, the local date. */
export function csvFileName(now = Date.now(), timeZone?: string): string {
  return `openfax-outbox-${localDateTime(now, timeZone).slice(0, 10)}.csv`;
}
