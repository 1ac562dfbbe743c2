// Which faxes have a transmission report: one Openfax accepted (it has an OutTransID) whose
// result Openfax calls final. A fax refused before it reached Openfax was never sent, so there
// is nothing to prove. A credit hold (our 'no-credit' with an OutTransID, CurrentState 11) is
// not final at Openfax: the fax goes on once credit is added, so it has no report yet.
// The Outbox's Save report buttons, the report maker and the archive folder all ask this; the
// archive's SQL form is built from REPORT_STATES beside its query (electron/store/archive-repo.ts).

import { FINAL_JOB_STATES, type JobState } from './domain.ts';

/** The states in which an accepted fax has its report. */
export const REPORT_STATES: readonly JobState[] = FINAL_JOB_STATES.filter((s) => s !== 'no-credit');

/** Whether a job has a transmission report: Openfax had accepted it, and its result is final. */
export function hasTransmissionReport(job: { state: JobState; outTransId: string | null }): boolean {
  return REPORT_STATES.includes(job.state) && job.outTransId !== null;
}
