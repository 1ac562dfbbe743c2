// What other parts need to know of a mail merge without changing it (merges-repo.ts writes):
// the merge behind an Outbox broadcast (so a paused one does not look as if it were working),
// the merge running or paused (only one at a time), the rows that were not sent and why. Also
// the forgetting of a finished merge's personal data, keeping what its broadcast still counts.

import { getMerge, type MergeRecord, type MergeStateName, type StoredProblem } from './merges-repo.ts';
import { all, type Db, get, run } from './sql.ts';

export interface BroadcastMerge {
  mergeId: string;
  state: MergeStateName;
  /** The template's file name ("Notice.docx"), the broadcast's name in the Outbox. */
  templateName: string | null;
  /** Why it paused by itself (the account changed…); absent when the person paused it. */
  held: StoredProblem | null;
}

/** The merge that makes a broadcast's faxes, if it is a merge's. */
export function mergeOfBroadcastBrief(db: Db, broadcastId: number): BroadcastMerge | undefined {
  const r = get<{ id: string; state: MergeStateName; template_name: string | null; run: string | null }>(
    db,
    'SELECT id, state, template_name, run FROM merges WHERE broadcast_id = ? ORDER BY created_at DESC LIMIT 1',
    [broadcastId],
  );
  if (!r) return undefined;
  let held: StoredProblem | null = null;
  try {
    held = r.run ? ((JSON.parse(r.run) as { held?: StoredProblem }).held ?? null) : null;
  } catch {
    held = null;
  }
  return { mergeId: r.id, state: r.state, templateName: r.template_name, held };
}

/** The newest open merge that is running or paused (there is at most one the app makes). */
export function activeMerge(db: Db): MergeRecord | undefined {
  const r = get<{ id: string }>(
    db,
    "SELECT id FROM merges WHERE closed_at IS NULL AND state IN ('running', 'paused') ORDER BY created_at DESC, rowid DESC LIMIT 1",
  );
  return r ? getMerge(db, r.id) : undefined;
}

/** Open merges that have ended (done or canceled), oldest first. */
export function endedOpenMerges(db: Db): string[] {
  return all<{ id: string }>(
    db,
    "SELECT id FROM merges WHERE closed_at IS NULL AND state IN ('done', 'canceled') ORDER BY created_at, rowid",
  ).map((r) => r.id);
}

/** The row indexes of a merge's rows that were part of the send and did not go. */
export function notSentRows(db: Db, mergeId: string): number[] {
  return all<{ row: number }>(
    db,
    "SELECT row FROM merge_rows WHERE merge_id = ? AND planned = 1 AND state IN ('failed', 'skipped', 'canceled') ORDER BY row",
    [mergeId],
  ).map((r) => r.row);
}

export interface NotSentReason {
  /** The row state's problem code ('duplicate', 'timeout'…); 'canceled' for rows canceled with the merge. */
  code: string;
  /** One row's words for it (rows of one code share their reason). */
  message: string;
  rows: number;
}

/** Why the rows of the send that did not go did not go, most common first. */
export function notSentReasons(db: Db, mergeId: string): NotSentReason[] {
  const rows = all<{ code: string | null; message: string | null; state: string; n: number }>(
    db,
    `SELECT json_extract(error, '$.code') AS code, min(json_extract(error, '$.message')) AS message, state, count(*) AS n
     FROM merge_rows WHERE merge_id = ? AND planned = 1 AND state IN ('failed', 'skipped', 'canceled')
     GROUP BY state, json_extract(error, '$.code') ORDER BY n DESC, state`,
    [mergeId],
  );
  return rows.map((r) => ({
    code: r.state === 'canceled' ? 'canceled' : (r.code ?? r.state),
    message: r.state === 'canceled' ? 'canceled' : (r.message ?? ''),
    rows: r.n,
  }));
}

/**
 * Forgets an ended merge's personal data (the rows' cells, fixes, names and values as sent),
 * keeping each row's state, index, job, pages, problem and the number it went to: what its
 * broadcast's counts and the Outbox still read. (merges-repo's forgetMergeCells drops the number too.)
 */
export function forgetEndedMergeData(db: Db, mergeId: string): void {
  run(
    db,
    `UPDATE merge_rows SET cells = '[]', edits = NULL,
       sent = CASE WHEN sent IS NULL THEN NULL ELSE json_object('number', json_extract(sent, '$.number')) END
     WHERE merge_id = ?`,
    [mergeId],
  );
}
