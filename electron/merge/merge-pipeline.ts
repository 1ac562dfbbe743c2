// The send of a running merge: its pending rows in order, a small first batch (the first fax
// is accepted within seconds) then larger ones, each row filled into the work folder, the batch
// converted (several documents per converter start), each PDF given its cover and queued as its
// own job of the merge's broadcast as soon as it is known. The outbox uploads while later rows
// render; the merge stays at most a couple of batches ahead of it. Nothing of a row is kept in
// memory past its batch: the rows are read from SQLite a batch at a time.
//
// Each row's job and the row's `queued` commit in one transaction (the outbox's hook), so a
// crash never leaves a queued job whose row is still pending, or the reverse. A row whose
// document cannot be made fails with its problem and the merge carries on.

import { rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { formatFaxNumber } from '../../shared/fax-number.ts';
import { withDetail } from '../../shared/wording.ts';
import { privateDir } from '../core/private-files.ts';
import { writeFileAtomic } from '../pdf/write-atomic.ts';
import {
  finishRow,
  getMerge,
  type MergeRecord,
  type MergeRowRecord,
  mergeRowCounts,
  moveRows,
  nextPendingRows,
  setMergeBroadcast,
  type StoredProblem,
  updateMerge,
} from '../store/merges-repo.ts';
import type { MergeOptions } from '../../shared/ipc/contract/merge.ts';
import { ACCOUNT_CHANGED_FIELD } from '../outbox/personal-job.ts';
import { get } from '../store/sql.ts';
import type { MergeEngine } from './merge-engine.ts';
import { freshDir, ownerWorkDir, rowStem } from './merge-files.ts';
import { sentOptions } from './merge-options.ts';
import { RowLabel, rowLabel } from './row-label.ts';
import { makeRowFax } from './row-document.ts';
import { loadTemplate } from './template-copy.ts';
import type { ConvertItem, DocxConverter, MergeTemplate } from './types.ts';

export type RunEnd = 'done' | 'paused' | 'canceled' | 'stopped';

/** Thrown inside the queue's transaction when the row moved meanwhile (a cancel): the job is rolled back. */
class RowMoved extends Error {}

/** Makes and queues the merge's pending rows until none is left, it is paused or canceled, or `signal` stops it. */
export async function runMerge(engine: MergeEngine, mergeId: string, signal: AbortSignal, owner: string): Promise<RunEnd> {
  const first = getMerge(engine.db, mergeId);
  if (!first?.run || first.state !== 'running') return 'stopped';
  // Its choices as stored, or it holds: never sent with defaults in their place.
  const options = sentOptions(first.options);
  if (!options.ok) {
    hold(engine, mergeId, options.problem);
    return 'paused';
  }
  const template = await loadTemplate(engine, first);
  if (!template.ok) {
    hold(engine, mergeId, template.problem);
    return 'paused';
  }
  const work = ownerWorkDir(engine.dataDir, mergeId, owner);
  await freshDir(work);
  await privateDir(join(work, 'converter'));
  const converter = engine.parts.createConverter(first.run.converter as never, {
    ...engine.converterOptions,
    workDir: join(work, 'converter'),
  });
  const run: Run = {
    engine,
    mergeId,
    template: template.value,
    converter,
    work,
    signal,
    broadcastId: first.broadcastId,
    options: options.value,
    accountKey: first.accountKey,
  };
  let size = Math.max(1, engine.timing.firstBatch);
  try {
    for (;;) {
      if (signal.aborted) return 'stopped';
      const m = getMerge(engine.db, mergeId);
      if (!m || m.state === 'canceled') return 'canceled';
      if (m.state !== 'running') return 'paused';
      const inUse = engine.outbox.accountInUse();
      if (m.accountKey !== null && inUse !== m.accountKey) {
        hold(engine, mergeId, ACCOUNT_CHANGED);
        return 'paused';
      }
      if (!(await roomAhead(run, m))) continue;
      const rows = nextPendingRows(engine.db, mergeId, size);
      if (!rows.length) break;
      moveRows(
        engine.db,
        mergeId,
        rows.map((r) => r.row),
        'rendering',
        ['pending'],
      );
      engine.changed(mergeId);
      await makeBatch(run, rows);
      size = Math.min(Math.max(1, engine.timing.batch), size * 4);
    }
  } finally {
    await converter.dispose().catch((err) => engine.log.warn('the converter could not clean up', err));
    await rm(work, { recursive: true, force: true }).catch(() => undefined);
    // The merge's work folder too, once no owner has a folder in it (rmdir refuses a folder not empty).
    await rmdir(dirname(work)).catch(() => undefined);
  }
  const c = mergeRowCounts(engine.db, mergeId);
  if (c.pending + c.rendering === 0) {
    updateMerge(engine.db, mergeId, { state: 'done' }, { now: engine.now(), from: ['running', 'paused'] });
    engine.log.info(`merge ${mergeId} done: ${c.queued} queued, ${c.failed} failed, ${c.skipped} skipped`);
  }
  engine.changed(mergeId);
  return 'done';
}

interface Run {
  engine: MergeEngine;
  mergeId: string;
  template: MergeTemplate;
  converter: DocxConverter;
  work: string;
  signal: AbortSignal;
  broadcastId: number | null;
  /** Its choices as stored when it started (they cannot change once it runs). */
  options: MergeOptions;
  /** The account it was started in: every job of it goes from that one. */
  accountKey: string | null;
}

const ACCOUNT_CHANGED: StoredProblem = {
  code: 'account-changed',
  message: 'The account in use changed since this merge started: its faxes go from the account it was started in.',
  action: 'Switch back to that account in Settings, then resume the merge.',
};

/** Thrown inside the job's transaction when another owner filed the merge under its broadcast first. */
class BroadcastTaken extends Error {}

/** Pauses the merge by itself with why (shown as its blocker until resumed). */
function hold(engine: MergeEngine, mergeId: string, held: StoredProblem): void {
  const m = getMerge(engine.db, mergeId);
  if (!m?.run) return;
  engine.log.warn(`merge ${mergeId} paused: ${held.message}`);
  updateMerge(engine.db, mergeId, { state: 'paused', run: { ...m.run, held } }, { now: engine.now(), from: ['running'] });
  engine.changed(mergeId);
}

/**
 * Waits while the merge is far enough ahead of the outbox (jobs queued, not yet uploading).
 * Only while the outbox is sending: with no account, or paused for credit, the documents are
 * made and wait in the queue. False: look at the merge's state again before going on.
 */
async function roomAhead(run: Run, m: MergeRecord): Promise<boolean> {
  const { engine } = run;
  if (m.broadcastId === null) return true;
  const limit = Math.max(1, engine.timing.aheadBatches) * Math.max(1, engine.timing.batch);
  const q = engine.outbox.queueState();
  if (!q.running || q.paused || q.noAccount) return true;
  const waiting =
    get<{ n: number }>(engine.db, "SELECT count(*) AS n FROM jobs WHERE broadcast_id = ? AND state = 'queued'", [m.broadcastId])?.n ?? 0;
  if (waiting < limit) return true;
  await new Promise<void>((resolve) => {
    const done = () => {
      off();
      clearTimeout(timer);
      run.signal.removeEventListener('abort', done);
      resolve();
    };
    const off = engine.outbox.on('job-changed', (j) => {
      if (j.broadcastId === m.broadcastId && j.state !== 'queued') done();
    });
    const timer = setTimeout(done, engine.timing.recheckMs);
    run.signal.addEventListener('abort', done);
  });
  return false;
}

async function makeBatch(run: Run, rows: readonly MergeRowRecord[]): Promise<void> {
  const { engine } = run;
  const items: Array<{ row: MergeRowRecord; item: ConvertItem }> = [];
  engine.progress(run.mergeId, 'Filling', 0, rows.length);
  for (const row of rows) {
    if (!row.sent) {
      fail(run, row, {
        code: 'no-snapshot',
        message: `${RowLabel(row.line)} was not part of the send.`,
        action: 'Start the merge again.',
      });
      continue;
    }
    const filled = await engine.parts.fillTemplate(run.template, row.sent.values);
    if (!filled.ok) {
      fail(run, row, filled.problem);
      continue;
    }
    const stem = join(run.work, rowStem(row.row));
    try {
      await writeFileAtomic(`${stem}.docx`, filled.value);
    } catch (err) {
      fail(run, row, {
        code: 'work-file',
        message: withDetail(`${RowLabel(row.line)}'s document could not be written to the data folder`, (err as Error).message),
        action: 'Free some disk space, then send the failed rows again.',
      });
      continue;
    }
    // The converters name the row in their problems as the person counts it.
    items.push({ row, item: { docxPath: `${stem}.docx`, pdfPath: `${stem}.pdf`, label: RowLabel(row.line) } });
  }
  if (!items.length) return;
  engine.progress(run.mergeId, `Converting with ${run.converter.info.label}`, 0, items.length);
  const seen = new Set<number>();
  let stopped: string | undefined;
  try {
    for await (const result of run.converter.convert(
      items.map((i) => i.item),
      run.signal,
    )) {
      const it = items[result.index];
      if (!it || seen.has(result.index)) continue;
      seen.add(result.index);
      // A row's own trouble stays that row's: nothing it throws leaves this loop (which would
      // stop the converter and blame it for the rows after).
      await settleRow(run, it.row, async () => {
        if (result.ok) await queueRow(run, it.row, it.item);
        else fail(run, it.row, result.problem);
      });
      await removeRowFiles(it.item);
      engine.progress(run.mergeId, `Converting with ${run.converter.info.label}`, seen.size, items.length);
    }
  } catch (err) {
    if (!run.signal.aborted) {
      engine.log.error('the converter stopped', err);
      stopped = (err as Error).message;
    }
  }
  for (const [index, it] of items.entries()) {
    if (seen.has(index)) continue;
    await removeRowFiles(it.item);
    // Stopped (a cancel or a quit): the cancel marked the rows, a quit puts them back to pending.
    if (run.signal.aborted) continue;
    fail(run, it.row, {
      code: stopped ? 'converter-stopped' : 'converter-no-result',
      message: stopped
        ? withDetail(`${run.converter.info.label} stopped before it made ${rowLabel(it.row.line)}'s PDF`, stopped)
        : `${run.converter.info.label} gave no PDF for ${rowLabel(it.row.line)}.`,
      action: 'Preview the row to see what goes wrong, or pick another converter.',
    });
  }
}

async function removeRowFiles(item: ConvertItem): Promise<void> {
  const fax = item.pdfPath.replace(/\.pdf$/, '-fax.pdf');
  for (const p of [item.docxPath, item.pdfPath, fax]) await rm(p, { force: true }).catch(() => undefined);
}

function fail(run: Run, row: MergeRowRecord, problem: StoredProblem): void {
  const { engine } = run;
  if (finishRow(engine.db, run.mergeId, row.row, { state: 'failed', from: ['rendering'], error: problem })) {
    engine.log.warn(`merge ${run.mergeId} ${rowLabel(row.line)} failed: ${problem.message}`);
    if (run.broadcastId !== null) engine.outbox.broadcastChanged(run.broadcastId);
  }
  engine.changed(run.mergeId);
}

/**
 * Runs one row's step. What it throws is not the row's fault (a busy or full database, a full
 * disk writing its fax): the row goes back to pending, made again on resume, and the merge holds
 * with the cause, so nothing is stranded half made and no other row is marked with a false reason.
 */
async function settleRow(run: Run, row: MergeRowRecord, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (err) {
    run.engine.log.error(`merge ${run.mergeId}: ${rowLabel(row.line)} could not be queued`, err);
    setAside(run, row, {
      code: 'queue-error',
      message: withDetail(`${RowLabel(row.line)}'s fax could not be put in the Outbox`, (err as Error).message),
      action: /full|disk|space|ENOSPC/i.test((err as Error).message)
        ? 'Free some disk space, then resume the merge.'
        : 'Resume the merge; if it stops again, restart Openfax Desktop.',
    });
  }
}

/** The row back to pending (made again on resume) and the merge held with why. */
function setAside(run: Run, row: MergeRowRecord, held: StoredProblem): void {
  try {
    finishRow(run.engine.db, run.mergeId, row.row, { state: 'pending', from: ['rendering'], error: null });
    hold(run.engine, run.mergeId, held);
  } catch (err) {
    // The database refuses even this: the row stays rendering, and the next run (a resume, the next start) makes it again.
    run.engine.log.error(`merge ${run.mergeId}: could not set ${rowLabel(row.line)} aside`, err);
  }
  run.engine.changed(run.mergeId);
}

/** The row's fax (its cover in front) queued as its own job; its row marked queued in the same transaction. */
async function queueRow(run: Run, row: MergeRowRecord, item: ConvertItem): Promise<void> {
  const { engine, options } = run;
  const m = getMerge(engine.db, run.mergeId);
  const sent = row.sent;
  if (!m?.run || !sent) return;
  let fax: Awaited<ReturnType<typeof makeRowFax>>;
  try {
    fax = await makeRowFax({
      pdfPath: item.pdfPath,
      cover: options.cover,
      values: sent.values,
      display: sent.display || formatFaxNumber(sent.number),
      toHeader: sent.toHeader,
      fromHeader: options.fromHeader,
      paperSize: options.paperSize,
      fallbackPaper: engine.settings().paperSize,
      date: new Date(engine.now()),
    });
  } catch (err) {
    fail(run, row, {
      code: 'pdf-unreadable',
      message: withDetail(`The PDF ${run.converter.info.label} made of ${rowLabel(row.line)} could not be read`, (err as Error).message),
      action: 'Preview the row to see it, or pick another converter.',
    });
    return;
  }
  const mismatch = engine.parts.pageMismatch(run.template.pages, fax.documentPages);
  const note: StoredProblem | null = mismatch
    ? {
        code: 'page-mismatch',
        message: `Its document has ${mismatch.pdf} page${mismatch.pdf === 1 ? '' : 's'}; the template has ${mismatch.template}.`,
        action: 'Preview the row to check its layout; the fax was sent as made.',
      }
    : null;
  let path = item.pdfPath;
  if (fax.cover) {
    path = item.pdfPath.replace(/\.pdf$/, '-fax.pdf');
    await writeFileAtomic(path, fax.bytes);
  }
  const base = (m.template?.name ?? 'Merge').replace(/\.docx$/i, '');
  const queue = (joined: number | null) => {
    let taken = false;
    const attempt = engine.outbox.queuePersonal({
      pdfPath: path,
      pages: fax.pages,
      originalName: `${base} – ${sent.toHeader || sent.display}.pdf`,
      recipient: { number: sent.number, toHeader: sent.toHeader ?? '', ...(fax.cover ? { cover: fax.cover } : {}) },
      options: { fromHeader: options.fromHeader, resolution: options.resolution, priority: options.priority, paperSize: fax.paperSize },
      contentKey: sent.contentKey,
      allowDuplicate: m.run?.allowDuplicate === true,
      // Compared inside the job's transaction with the account it would be stamped with.
      ...(run.accountKey !== null ? { accountKey: run.accountKey } : {}),
      broadcast:
        joined !== null
          ? { id: joined }
          : {
              name: base,
              recipients: m.run?.recipients ?? 0,
              creditAtStart: m.run?.creditAtStart ?? null,
              estimatedCost: m.run?.estimatedCost ?? null,
            },
      inTransaction: (q) => {
        // Canceled meanwhile (its Cancel, or its broadcast canceled in the Outbox): no job joins it.
        if (getMerge(engine.db, run.mergeId)?.state === 'canceled') throw new RowMoved('the merge was canceled');
        const moved = finishRow(engine.db, run.mergeId, row.row, {
          state: 'queued',
          from: ['rendering'],
          jobId: q.jobId,
          pages: fax.pages,
          pageMismatch: mismatch !== undefined,
          error: note,
        });
        if (!moved) throw new RowMoved(`${rowLabel(row.line)} is no longer being made`);
        if (joined === null && !setMergeBroadcast(engine.db, run.mergeId, q.broadcastId, engine.now())) {
          taken = true;
          throw new BroadcastTaken('another process filed this merge under its broadcast first');
        }
      },
    });
    return attempt.then((r) => ({ r, taken }));
  };
  let { r, taken } = await queue(run.broadcastId);
  if (taken) {
    // Another owner's first job started the merge's broadcast meanwhile: this one joins it.
    run.broadcastId = getMerge(engine.db, run.mergeId)?.broadcastId ?? null;
    ({ r, taken } = await queue(run.broadcastId));
  }
  if (r.ok) {
    run.broadcastId = r.value.broadcastId;
    engine.changed(run.mergeId);
    return;
  }
  if (r.error.kind === 'duplicate') {
    finishRow(engine.db, run.mergeId, row.row, {
      state: 'skipped',
      from: ['rendering'],
      pages: fax.pages,
      error: {
        code: 'duplicate',
        message: r.error.message,
        action: 'Send it to this number again only if you mean to: start a new merge of this row with “send anyway”.',
      },
    });
    if (run.broadcastId !== null) engine.outbox.broadcastChanged(run.broadcastId);
    engine.changed(run.mergeId);
    return;
  }
  if (r.error.kind === 'not-allowed' && r.error.field === ACCOUNT_CHANGED_FIELD) {
    // Switched mid-batch: nothing was queued from the other account; the row waits for a resume in the right one.
    setAside(run, row, ACCOUNT_CHANGED);
    return;
  }
  if (r.error.kind === 'store' || r.error.kind === 'spool' || taken) {
    // Not the row's fault (the database or the disk): made again on resume.
    setAside(run, row, { code: 'queue-error', message: r.error.message, action: r.error.action });
    return;
  }
  // A row canceled meanwhile rolled its job back: it stays canceled (fail moves only a row being made).
  fail(run, row, { code: r.error.kind, message: r.error.message, action: r.error.action });
}
