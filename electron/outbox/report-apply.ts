// Applies report rows: stores every row as an attempt, ties it to its job by OutTransID,
// and moves the job to what the latest row says. One transaction per page, and the cursor
// advances in the same transaction, so a crash never skips or half-applies a page.

import type { JobState } from '../../shared/domain.ts';
import { currentStateInfo, lastStatusInfo } from '../../shared/vendor-codes.ts';
import { advanceCursor } from '../store/account-state-repo.ts';
import { type AttemptRecord, summariseTrans, summariseTransMany, type TransSummary, upsertAttempt } from '../store/attempts-repo.ts';
import { type Job, type JobError, type JobPatch, type JobRowRaw, toJob } from '../store/jobs-repo.ts';
import { all, type Db, run, transaction } from '../store/sql.ts';

export interface ApplyResult {
  changedJobIds: number[];
  rows: number;
  unmatchedRows: number;
  maxHistoryId: number;
}

/** States a report row may move a job out of (or within). */
const VENDOR_DRIVEN: readonly JobState[] = ['submitted', 'delivered', 'failed', 'canceled', 'no-credit'];

/** Our state for the latest row of a fax. */
function stateForRow(currentState: number | null, lastStatus: number | null): JobState {
  // Credit hold with "credit check failed" does not redial: it waits for a person, like our own no-credit.
  if (currentState === 11 && lastStatus === 9) return 'no-credit';
  const outcome = currentStateInfo(currentState)?.outcome;
  return outcome === 'delivered' ? 'delivered' : outcome === 'failed' ? 'failed' : outcome === 'canceled' ? 'canceled' : 'submitted';
}

export function applyReportRows(db: Db, accountKey: string, rows: readonly AttemptRecord[], now: number): ApplyResult {
  return transaction(db, () => {
    const ids = [...new Set(rows.map((r) => r.outTransId))];
    const jobOf = new Map<string, Job>();
    for (const r of all<JobRowRaw>(db, 'SELECT * FROM jobs WHERE account_key = ? AND out_trans_id IN (SELECT value FROM json_each(?))', [
      accountKey,
      JSON.stringify(ids),
    ])) {
      jobOf.set(r.out_trans_id as string, toJob(r));
    }
    let maxHistoryId = 0;
    let unmatchedRows = 0;
    for (const row of rows) {
      const job = jobOf.get(row.outTransId);
      if (!job) unmatchedRows++;
      upsertAttempt(db, accountKey, row, job?.id ?? null, now);
      if (row.historyId > maxHistoryId) maxHistoryId = row.historyId;
    }
    const summaries = summariseTransMany(db, accountKey, [...jobOf.keys()]);
    const changedJobIds: number[] = [];
    for (const [outTransId, job] of jobOf) {
      if (applySummary(db, job, summaries.get(outTransId), now)) changedJobIds.push(job.id);
    }
    if (maxHistoryId > 0) advanceCursor(db, accountKey, maxHistoryId, now);
    return { changedJobIds, rows: rows.length, unmatchedRows, maxHistoryId };
  });
}

/** Brings a submitted job in line with its report rows. Returns whether anything changed. */
export function refreshJobFromAttempts(db: Db, accountKey: string, job: Job, now: number): boolean {
  if (!job.outTransId) return false;
  return applySummary(db, job, summariseTrans(db, accountKey, job.outTransId), now);
}

function applySummary(db: Db, job: Job, s: TransSummary | undefined, now: number): boolean {
  if (!VENDOR_DRIVEN.includes(job.state) || !s?.latestHistoryId) return false;
  const state = stateForRow(s.currentState, s.lastStatus);
  const cost = s.cost === null ? null : Math.round(s.cost * 1e6) / 1e6;
  const patch: JobPatch = {
    state,
    currentState: s.currentState,
    lastStatus: s.lastStatus,
    attempts: s.attempts,
    cost,
    pagesSent: s.pagesSent,
    lastHistoryId: s.latestHistoryId,
    finalAt: state === 'submitted' ? null : (job.finalAt ?? now),
    error: state === 'failed' || state === 'no-credit' ? failureOf(s.currentState, s.lastStatus) : state === 'submitted' ? null : job.error,
  };
  const same =
    job.state === patch.state &&
    job.currentState === patch.currentState &&
    job.lastStatus === patch.lastStatus &&
    job.attempts === patch.attempts &&
    job.cost === patch.cost &&
    job.pagesSent === patch.pagesSent &&
    job.lastHistoryId === patch.lastHistoryId;
  if (same) return false;
  // A fixed, positional statement (not updateJob's built one): this runs once per fax on every report page.
  const e = patch.error ?? null;
  return (
    run(
      db,
      `UPDATE jobs SET state = ?, current_state = ?, last_status = ?, attempts = ?, cost = ?, pages_sent = ?, last_history_id = ?,
       final_at = ?, error_kind = ?, error_code = ?, error_message = ?, error_action = ?, updated_at = ?
     WHERE id = ? AND state IN ('submitted', 'delivered', 'failed', 'canceled', 'no-credit')`,
      [
        state,
        s.currentState,
        s.lastStatus,
        s.attempts,
        cost,
        s.pagesSent,
        s.latestHistoryId,
        patch.finalAt ?? null,
        e?.kind ?? null,
        e?.code ?? null,
        e?.message ?? null,
        e?.action ?? null,
        now,
        job.id,
      ],
    ).changes > 0
  );
}

const FAILURE_ACTION: Record<number, string> = {
  1: 'Check the number with the recipient, then resend later.',
  2: 'The line stayed busy through every redial: resend later.',
  3: 'The number answered but no fax machine did: check that it is a fax line.',
  4: 'The carrier was congested: resend in a while.',
  5: 'Check the number with the recipient.',
  6: 'The call kept dropping: resend later; if it repeats, the line may be faulty.',
  7: 'Resend later; if it repeats, check that the number is a fax line.',
  8: 'Print or export the document to PDF again, then resend.',
  9: 'Add credit in the Openfax portal, then resend.',
};

function failureOf(currentState: number | null, lastStatus: number | null): JobError {
  const ls = lastStatusInfo(lastStatus);
  if (currentState === 10 && !ls) {
    return {
      kind: 'vendor',
      code: 'CurrentState 10',
      message: 'The document could not be converted for faxing.',
      action: FAILURE_ACTION[8],
    };
  }
  return {
    kind: 'vendor',
    code: lastStatus === null ? null : String(lastStatus),
    message: ls?.plain ?? currentStateInfo(currentState)?.plain ?? 'Failed',
    action: (lastStatus !== null && FAILURE_ACTION[lastStatus]) || 'Check the number and resend.',
  };
}
