// Mail merges (electron/merge/): one row per merge with the person's choices, and one per data
// row (merge_rows) with where that row is once the merge runs. Rows live here, not in memory:
// a merge of 2,000 rows is paged through, and a crash leaves every row's state on disk.

import { type Db, get, all, run, transaction } from './sql.ts';

export type MergeStateName = 'draft' | 'running' | 'paused' | 'canceled' | 'done';
export type MergeRowState = 'pending' | 'rendering' | 'queued' | 'failed' | 'skipped' | 'canceled';

export interface StoredProblem {
  code: string;
  message: string;
  action: string;
}

export interface MergeTemplateRecord {
  path: string;
  name: string;
  sha256: string;
  fields: string[];
  kinds: { mergeFields: number; tags: number };
  pages: number | null;
}

export interface MergeDataRecord {
  kind: 'csv' | 'xlsx' | 'group';
  name: string;
  columns: string[];
  notes: string[];
}

/** What `start` decided, kept for the run (and a run taken up after a crash). */
export interface MergeRunRecord {
  allowDuplicate: boolean;
  /** Pages each fax was estimated at when the credit was checked. */
  pagesPerFax: number | null;
  creditAtStart: number | null;
  estimatedCost: number | null;
  /** Rows to send (the broadcast's recipients). */
  recipients: number;
  converter: string;
  startedAt: number;
  /** Why it was paused by itself and cannot go on as it is (the account in use changed…). */
  held?: StoredProblem;
}

export interface MergeOwner {
  owner: string;
  pid: number;
  host: string;
  heartbeatAt: number;
}

export interface MergeRecord {
  id: string;
  state: MergeStateName;
  template: MergeTemplateRecord | null;
  data: MergeDataRecord | null;
  /** JSON as stored: the service parses it with the contract's schema. */
  mapping: unknown;
  options: unknown;
  converter: string | null;
  previewPages: number | null;
  broadcastId: number | null;
  accountKey: string | null;
  run: MergeRunRecord | null;
  owner: MergeOwner | null;
  version: number;
  closedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** A row as it is sent, fixed at start (so a fix typed later cannot change a fax being made). */
export interface SentRow {
  number: string;
  display: string;
  values: Record<string, string>;
  toHeader?: string;
  /** The duplicate guard's key for this row's document (merge/content-key.ts). */
  contentKey: string;
}

export interface MergeRowRecord {
  /** Its index in the data (0 the first row kept). */
  row: number;
  /** Its number in the person's file: what "row N" says (merge/row-label.ts; MergeTable.lines). */
  line: number;
  cells: string[];
  edits: Record<string, string> | null;
  leftOut: boolean;
  state: MergeRowState | null;
  planned: boolean;
  sent: SentRow | null;
  jobId: number | null;
  pages: number | null;
  pageMismatch: boolean;
  error: StoredProblem | null;
}

interface MergeDbRow {
  id: string;
  state: MergeStateName;
  template_path: string | null;
  template_name: string | null;
  template_sha256: string | null;
  template_fields: string | null;
  template_kinds: string | null;
  template_pages: number | null;
  data_kind: MergeDataRecord['kind'] | null;
  data_name: string | null;
  data_columns: string | null;
  data_notes: string | null;
  mapping: string;
  options: string;
  converter: string | null;
  preview_pages: number | null;
  broadcast_id: number | null;
  account_key: string | null;
  run: string | null;
  owner: string | null;
  owner_pid: number | null;
  owner_host: string | null;
  heartbeat_at: number | null;
  version: number;
  closed_at: number | null;
  created_at: number;
  updated_at: number;
}

interface RowDbRow {
  row: number;
  line: number;
  cells: string;
  edits: string | null;
  left_out: number;
  state: MergeRowState | null;
  planned: number;
  sent: string | null;
  job_id: number | null;
  pages: number | null;
  page_mismatch: number;
  error: string | null;
}

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

function toMerge(r: MergeDbRow): MergeRecord {
  return {
    id: r.id,
    state: r.state,
    template:
      r.template_path !== null
        ? {
            path: r.template_path,
            name: r.template_name ?? '',
            sha256: r.template_sha256 ?? '',
            fields: parse<string[]>(r.template_fields) ?? [],
            kinds: parse<MergeTemplateRecord['kinds']>(r.template_kinds) ?? { mergeFields: 0, tags: 0 },
            pages: r.template_pages,
          }
        : null,
    data:
      r.data_kind !== null
        ? {
            kind: r.data_kind,
            name: r.data_name ?? '',
            columns: parse<string[]>(r.data_columns) ?? [],
            notes: parse<string[]>(r.data_notes) ?? [],
          }
        : null,
    mapping: JSON.parse(r.mapping),
    options: JSON.parse(r.options),
    converter: r.converter,
    previewPages: r.preview_pages,
    broadcastId: r.broadcast_id,
    accountKey: r.account_key,
    run: parse<MergeRunRecord>(r.run),
    owner: r.owner !== null ? { owner: r.owner, pid: r.owner_pid ?? 0, host: r.owner_host ?? '', heartbeatAt: r.heartbeat_at ?? 0 } : null,
    version: r.version,
    closedAt: r.closed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toRow(r: RowDbRow): MergeRowRecord {
  return {
    row: r.row,
    line: r.line,
    cells: JSON.parse(r.cells) as string[],
    edits: parse<Record<string, string>>(r.edits),
    leftOut: r.left_out === 1,
    state: r.state,
    planned: r.planned === 1,
    sent: parse<SentRow>(r.sent),
    jobId: r.job_id,
    pages: r.pages,
    pageMismatch: r.page_mismatch === 1,
    error: parse<StoredProblem>(r.error),
  };
}

export function insertMerge(db: Db, m: { id: string; mapping: unknown; options: unknown; converter: string | null; now: number }): void {
  run(
    db,
    `INSERT INTO merges(id, state, mapping, options, converter, created_at, updated_at)
     VALUES (:id, 'draft', :mapping, :options, :converter, :now, :now)`,
    { id: m.id, mapping: JSON.stringify(m.mapping), options: JSON.stringify(m.options), converter: m.converter, now: m.now },
  );
}

export function getMerge(db: Db, id: string): MergeRecord | undefined {
  const r = get<MergeDbRow>(db, 'SELECT * FROM merges WHERE id = :id', { id });
  return r && toMerge(r);
}

/** The newest merge not closed: the one the Merge screen shows. */
export function newestOpenMerge(db: Db): MergeRecord | undefined {
  const r = get<MergeDbRow>(db, 'SELECT * FROM merges WHERE closed_at IS NULL ORDER BY created_at DESC, rowid DESC LIMIT 1');
  return r && toMerge(r);
}

export function mergesInState(db: Db, state: MergeStateName): MergeRecord[] {
  return all<MergeDbRow>(db, 'SELECT * FROM merges WHERE state = :state ORDER BY created_at', { state }).map(toMerge);
}

export interface MergePatch {
  state?: MergeStateName;
  template?: MergeTemplateRecord | null;
  data?: MergeDataRecord | null;
  mapping?: unknown;
  options?: unknown;
  converter?: string | null;
  previewPages?: number | null;
  broadcastId?: number | null;
  accountKey?: string | null;
  run?: MergeRunRecord | null;
  closedAt?: number | null;
}

/**
 * Writes `patch`, bumps updated_at (and `version` when `bump`: the row checks depend on it).
 * With `from`, only while the merge is in one of those states; returns whether it changed.
 */
export function updateMerge(
  db: Db,
  id: string,
  patch: MergePatch,
  opts: { now: number; bump?: boolean; from?: readonly MergeStateName[] },
): boolean {
  const sets = ['updated_at = :now'];
  const p: Record<string, string | number | null> = { id, now: opts.now };
  const set = (col: string, value: string | number | null) => {
    sets.push(`${col} = :${col}`);
    p[col] = value;
  };
  if (patch.state !== undefined) set('state', patch.state);
  if (patch.template !== undefined) {
    const t = patch.template;
    set('template_path', t?.path ?? null);
    set('template_name', t?.name ?? null);
    set('template_sha256', t?.sha256 ?? null);
    set('template_fields', t ? JSON.stringify(t.fields) : null);
    set('template_kinds', t ? JSON.stringify(t.kinds) : null);
    set('template_pages', t?.pages ?? null);
  }
  if (patch.data !== undefined) {
    const d = patch.data;
    set('data_kind', d?.kind ?? null);
    set('data_name', d?.name ?? null);
    set('data_columns', d ? JSON.stringify(d.columns) : null);
    set('data_notes', d ? JSON.stringify(d.notes) : null);
  }
  if (patch.mapping !== undefined) set('mapping', JSON.stringify(patch.mapping));
  if (patch.options !== undefined) set('options', JSON.stringify(patch.options));
  if (patch.converter !== undefined) set('converter', patch.converter);
  if (patch.previewPages !== undefined) set('preview_pages', patch.previewPages);
  if (patch.broadcastId !== undefined) set('broadcast_id', patch.broadcastId);
  if (patch.accountKey !== undefined) set('account_key', patch.accountKey);
  if (patch.run !== undefined) set('run', patch.run ? JSON.stringify(patch.run) : null);
  if (patch.closedAt !== undefined) set('closed_at', patch.closedAt);
  if (opts.bump) sets.push('version = version + 1');
  let where = 'id = :id';
  if (opts.from) {
    where += ` AND state IN (SELECT value FROM json_each(:from))`;
    p.from = JSON.stringify(opts.from);
  }
  return run(db, `UPDATE merges SET ${sets.join(', ')} WHERE ${where}`, p).changes > 0;
}

export function deleteMerge(db: Db, id: string): void {
  transaction(db, () => {
    run(db, 'DELETE FROM merge_rows WHERE merge_id = :id', { id });
    run(db, 'DELETE FROM merges WHERE id = :id', { id });
  });
}

/** Replaces the merge's rows with a new data source's (fixes and left-outs go with the old rows). */
export function replaceMergeRows(db: Db, id: string, rows: readonly (readonly string[])[], lines: readonly number[]): void {
  transaction(db, () => {
    run(db, 'DELETE FROM merge_rows WHERE merge_id = :id', { id });
    for (const [i, cells] of rows.entries()) {
      run(db, 'INSERT INTO merge_rows(merge_id, row, line, cells) VALUES (?, ?, ?, ?)', [id, i, lines[i] ?? i + 1, JSON.stringify(cells)]);
    }
  });
}

/** Every row (what the checks read), in order. */
export function listMergeRows(db: Db, id: string): MergeRowRecord[] {
  return all<RowDbRow>(db, 'SELECT * FROM merge_rows WHERE merge_id = ? ORDER BY row', [id]).map(toRow);
}

export function getMergeRows(db: Db, id: string, rows: readonly number[]): MergeRowRecord[] {
  if (!rows.length) return [];
  return all<RowDbRow>(db, 'SELECT * FROM merge_rows WHERE merge_id = ? AND row IN (SELECT value FROM json_each(?)) ORDER BY row', [
    id,
    JSON.stringify(rows),
  ]).map(toRow);
}

export function countMergeRows(db: Db, id: string): number {
  return get<{ n: number }>(db, 'SELECT count(*) AS n FROM merge_rows WHERE merge_id = ?', [id])?.n ?? 0;
}

export function setRowEdits(db: Db, id: string, row: number, edits: Record<string, string> | null): boolean {
  return (
    run(db, 'UPDATE merge_rows SET edits = ? WHERE merge_id = ? AND row = ?', [
      edits && Object.keys(edits).length ? JSON.stringify(edits) : null,
      id,
      row,
    ]).changes > 0
  );
}

export function setRowsLeftOut(db: Db, id: string, rows: readonly number[], leftOut: boolean): number {
  return run(db, 'UPDATE merge_rows SET left_out = ? WHERE merge_id = ? AND row IN (SELECT value FROM json_each(?))', [
    leftOut ? 1 : 0,
    id,
    JSON.stringify(rows),
  ]).changes;
}

/** The send's snapshot: each row's state (pending, or skipped with why) and, for those sent, the row as sent. */
export function snapshotRows(
  db: Db,
  id: string,
  rows: Iterable<{ row: number; state: 'pending' | 'skipped'; sent?: SentRow; error?: StoredProblem }>,
): void {
  for (const r of rows) {
    run(
      db,
      'UPDATE merge_rows SET state = ?, planned = ?, sent = ?, error = ?, job_id = NULL, pages = NULL, page_mismatch = 0 WHERE merge_id = ? AND row = ?',
      [r.state, r.state === 'pending' ? 1 : 0, r.sent ? JSON.stringify(r.sent) : null, r.error ? JSON.stringify(r.error) : null, id, r.row],
    );
  }
}

/** The next rows to make, in order. */
export function nextPendingRows(db: Db, id: string, limit: number): MergeRowRecord[] {
  return all<RowDbRow>(db, "SELECT * FROM merge_rows WHERE merge_id = ? AND state = 'pending' ORDER BY row LIMIT ?", [id, limit]).map(
    toRow,
  );
}

/** Moves rows from one state to another; returns how many moved. */
export function moveRows(db: Db, id: string, rows: readonly number[], to: MergeRowState, from: readonly MergeRowState[]): number {
  return run(
    db,
    `UPDATE merge_rows SET state = ? WHERE merge_id = ? AND row IN (SELECT value FROM json_each(?))
       AND state IN (SELECT value FROM json_each(?))`,
    [to, id, JSON.stringify(rows), JSON.stringify(from)],
  ).changes;
}

/** Every row of the merge in `from` moved to `to` (a resumed merge's rendering rows back to pending; a cancel). */
export function moveAllRows(db: Db, id: string, to: MergeRowState, from: readonly MergeRowState[]): number[] {
  return transaction(db, () => {
    const rows = all<{ row: number }>(db, 'SELECT row FROM merge_rows WHERE merge_id = ? AND state IN (SELECT value FROM json_each(?))', [
      id,
      JSON.stringify(from),
    ]).map((r) => r.row);
    if (rows.length) moveRows(db, id, rows, to, from);
    return rows;
  });
}

/** A row's document was made (or could not be): its pages, the page-count flag, its problem. */
export function finishRow(
  db: Db,
  id: string,
  row: number,
  patch: {
    state: MergeRowState;
    from: readonly MergeRowState[];
    jobId?: number;
    pages?: number;
    pageMismatch?: boolean;
    error?: StoredProblem | null;
  },
): boolean {
  return (
    run(
      db,
      `UPDATE merge_rows SET state = ?, job_id = coalesce(?, job_id), pages = coalesce(?, pages), page_mismatch = ?, error = ?
       WHERE merge_id = ? AND row = ? AND state IN (SELECT value FROM json_each(?))`,
      [
        patch.state,
        patch.jobId ?? null,
        patch.pages ?? null,
        patch.pageMismatch ? 1 : 0,
        patch.error ? JSON.stringify(patch.error) : null,
        id,
        row,
        JSON.stringify(patch.from),
      ],
    ).changes > 0
  );
}

export interface MergeRowCounts {
  /** Rows in the send. */
  total: number;
  pending: number;
  rendering: number;
  /** Rows whose document was made. */
  rendered: number;
  queued: number;
  failed: number;
  skipped: number;
  canceled: number;
  pageMismatch: number;
}

export function mergeRowCounts(db: Db, id: string): MergeRowCounts {
  const r = get<Record<keyof MergeRowCounts, number | null>>(
    db,
    `SELECT sum(planned) AS total, sum(state = 'pending') AS pending, sum(state = 'rendering') AS rendering,
       sum(planned AND pages IS NOT NULL) AS rendered, sum(state = 'queued') AS queued, sum(planned AND state = 'failed') AS failed,
       sum(planned AND state = 'skipped') AS skipped, sum(planned AND state = 'canceled') AS canceled, sum(page_mismatch) AS pageMismatch
     FROM merge_rows WHERE merge_id = ?`,
    [id],
  );
  const n = (k: keyof MergeRowCounts) => r?.[k] ?? 0;
  return {
    total: n('total'),
    pending: n('pending'),
    rendering: n('rendering'),
    rendered: n('rendered'),
    queued: n('queued'),
    failed: n('failed'),
    skipped: n('skipped'),
    canceled: n('canceled'),
    pageMismatch: n('pageMismatch'),
  };
}

/**
 * A broadcast's recipients that have no job (yet, or ever) because they are rows of a merge:
 * still being made, not made (the converter failed, refused at the guard), or canceled.
 */
export function unmadeRowsOfBroadcast(db: Db, broadcastId: number): { preparing: number; notMade: number; canceled: number } {
  const r = get<{ preparing: number | null; notMade: number | null; canceled: number | null }>(
    db,
    `SELECT sum(r.state IN ('pending', 'rendering')) AS preparing, sum(r.state IN ('failed', 'skipped')) AS notMade,
       sum(r.state = 'canceled') AS canceled
     FROM merges m JOIN merge_rows r ON r.merge_id = m.id
     WHERE m.broadcast_id = ? AND r.planned = 1 AND r.job_id IS NULL`,
    [broadcastId],
  );
  return { preparing: r?.preparing ?? 0, notMade: r?.notMade ?? 0, canceled: r?.canceled ?? 0 };
}

/**
 * Cancels a running or paused merge and its rows not yet queued, in the caller's transaction
 * (the merge's own Cancel, and its broadcast canceled in the Outbox). Returns whether it moved.
 */
function cancelMergeRows(db: Db, id: string, now: number): boolean {
  return transaction(db, () => {
    if (!updateMerge(db, id, { state: 'canceled' }, { now, from: ['running', 'paused'] })) return false;
    moveAllRows(db, id, 'canceled', ['pending', 'rendering']);
    return true;
  });
}

/** The merge of a broadcast canceled in the Outbox, canceled with it: returns its id when it was sending. */
export function cancelMergeOfBroadcast(db: Db, broadcastId: number, now: number): string | undefined {
  const r = get<{ id: string }>(db, "SELECT id FROM merges WHERE broadcast_id = ? AND state IN ('running', 'paused')", [broadcastId]);
  return r && cancelMergeRows(db, r.id, now) ? r.id : undefined;
}

export function isMergeBroadcast(db: Db, broadcastId: number): boolean {
  return get<{ one: number }>(db, 'SELECT 1 AS one FROM merges WHERE broadcast_id = ? LIMIT 1', [broadcastId]) !== undefined;
}

/** Forgets a closed merge's data (its cells, fixes and rows as sent); states and jobs stay for its broadcast's counts. */
export function forgetMergeCells(db: Db, id: string): void {
  run(db, "UPDATE merge_rows SET cells = '[]', edits = NULL, sent = NULL WHERE merge_id = ?", [id]);
}

// ---------------------------------------------------------------------------------------------
// Who makes a running merge's documents: one process at a time (like lease-repo.ts's engine lease).

export interface OwnerCandidate extends MergeOwner {
  staleAfterMs: number;
  isAlive: (pid: number) => boolean;
}

/**
 * Takes the merge if it has no owner, is ours, or its owner is gone. On this computer the
 * owner's pid decides: a live one keeps it, however stale its heartbeat (a laptop asleep, an
 * event loop blocked 30 s); only a merge owned on another computer is freed by a stale heartbeat.
 * Returns the owner it took it from, if any.
 */
export function claimMerge(db: Db, id: string, me: OwnerCandidate): { ok: boolean; from?: MergeOwner } {
  return transaction(db, () => {
    const cur = getMerge(db, id)?.owner ?? null;
    const free =
      !cur || cur.owner === me.owner || (cur.host === me.host ? !me.isAlive(cur.pid) : me.heartbeatAt - cur.heartbeatAt > me.staleAfterMs);
    if (!free) return { ok: false };
    run(db, 'UPDATE merges SET owner = ?, owner_pid = ?, owner_host = ?, heartbeat_at = ? WHERE id = ?', [
      me.owner,
      me.pid,
      me.host,
      me.heartbeatAt,
      id,
    ]);
    return { ok: true, ...(cur && cur.owner !== me.owner ? { from: cur } : {}) };
  });
}

/**
 * Files the merge under the broadcast its first job started, only when it has none yet (run in
 * the job's transaction: two owners racing cannot each leave a broadcast claiming its rows).
 */
export function setMergeBroadcast(db: Db, id: string, broadcastId: number, now: number): boolean {
  return (
    run(db, 'UPDATE merges SET broadcast_id = ?, updated_at = ? WHERE id = ? AND broadcast_id IS NULL', [broadcastId, now, id]).changes > 0
  );
}

/** Refreshes the heartbeat of every merge `owner` runs; returns the ids it still owns. */
export function renewMergeOwner(db: Db, owner: string, now: number): string[] {
  run(db, 'UPDATE merges SET heartbeat_at = ? WHERE owner = ?', [now, owner]);
  return all<{ id: string }>(db, 'SELECT id FROM merges WHERE owner = ?', [owner]).map((r) => r.id);
}

export function releaseMerge(db: Db, id: string, owner: string): void {
  run(db, 'UPDATE merges SET owner = NULL, owner_pid = NULL, owner_host = NULL, heartbeat_at = NULL WHERE id = ? AND owner = ?', [
    id,
    owner,
  ]);
}
