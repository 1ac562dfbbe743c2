// The send of `openfax merge`, once its check has passed: the outbox started and attached, the
// merge started and its documents made in this process with a progress line, then the faxes
// seen through as `openfax send` does. The first Ctrl-C cancels the merge (no more documents
// are made); what was queued stays in the Outbox, and the command says so.

import type { MergeRow, MergeView } from '../../shared/ipc/contract/merge.ts';
import { AppError } from '../core/app-error.ts';
import { broadcastProgress } from '../store/broadcasts-repo.ts';
import type { JobView } from '../store/jobs-repo.ts';
import { broadcastLine, jobJson, jobTable } from './format.ts';
import { personAdvice, seeThrough, unsettledAdvice } from './job-wait.ts';
import { showMergeProgress } from './merge-progress.ts';
import { blockerLines, checkJson, type MergeCheck, rowLabel } from './merge-report.ts';
import { allMergeRows, type MergeSession } from './merge-session.ts';
import { CliError, type CliContext, EXIT, type ResolvedAccount } from './types.ts';

export interface SendOptions {
  allowDuplicate: boolean;
  wait: boolean;
}

/** The refusal of a start, under the exit code of its kind. */
function startRefusal(err: AppError): CliError {
  if (err.code === 'duplicate') {
    return new CliError(err.message, EXIT.duplicate, 'To send them again anyway, add --allow-duplicate.');
  }
  if (err.code === 'no-credit' || err.code === 'auth') return new CliError(err.message, EXIT.account);
  if (err.code === 'store' || err.code === 'spool') return new CliError(err.message, EXIT.store);
  return new CliError(err.message, EXIT.failed);
}

export async function sendMerge(
  ctx: CliContext,
  session: MergeSession,
  check: MergeCheck,
  account: ResolvedAccount,
  args: SendOptions,
): Promise<number> {
  const { service } = session;
  const id = check.view.id;
  const outbox = await ctx.outbox();
  session.attach(outbox);
  const progress = showMergeProgress(ctx, session, outbox, id);
  let interrupted = false;
  let started = false;
  const cancel = () => {
    interrupted = true;
    if (started) void service.cancel(id).catch(() => undefined);
  };
  ctx.io.signal?.addEventListener('abort', cancel, { once: true });
  ctx.defer(() => ctx.io.signal?.removeEventListener('abort', cancel));
  try {
    try {
      await service.start(id, { allowDuplicate: args.allowDuplicate });
    } catch (err) {
      if (err instanceof AppError) throw startRefusal(err);
      throw err;
    }
    started = true;
    if (interrupted || ctx.io.signal?.aborted) await service.cancel(id);
    const faxes = check.view.counts.ready;
    ctx.note(
      `Sending ${faxes} fax${faxes === 1 ? '' : 'es'}, each made as it goes${args.wait ? '' : ' (the command stays until Openfax has them)'}…`,
    );
    await service.idle();
  } catch (err) {
    progress.stop();
    throw err;
  }
  const end = service.get(id);
  progress.update(end);
  const rows = allMergeRows(service, id);
  const jobIds = rows.flatMap((r) => (r.state === 'queued' && r.jobId !== undefined ? [r.jobId] : []));
  const summary = runSummary(end, rows, check.view.data?.kind);
  // Done or canceled, the merge is closed: its broadcast stays in the Outbox, with each row's
  // state; its copies of the template and the data go. A merge that paused itself stays open,
  // for Openfax Desktop to show why and resume it.
  if (end?.state === 'done' || end?.state === 'canceled') await service.discard(id);
  if (interrupted) {
    progress.stop();
    if (ctx.globals.json) ctx.io.stdout.write(`${JSON.stringify(resultJson(check, end, summary, []), null, 2)}\n`);
    else ctx.io.stdout.write(summary.text);
    for (const line of interruptAdvice(end, jobIds)) ctx.note(line);
    return EXIT.interrupted;
  }
  // The broadcast's line goes on changing while the faxes are handed over (and, with --wait, end).
  const seen = await seeThrough(ctx, outbox, account, jobIds, args.wait);
  progress.stop();
  if (!ctx.globals.json) ctx.io.stdout.write(summary.text);
  if (end?.state === 'paused') for (const line of blockerLines(end.blockers)) ctx.note(line);
  const jobs = [...seen.jobs].reverse();
  if (ctx.globals.json) ctx.io.stdout.write(`${JSON.stringify(resultJson(check, end, summary, jobs), null, 2)}\n`);
  else if (jobs.length) ctx.io.stdout.write(jobTable(jobs));
  if (end?.progress?.broadcastId !== undefined) ctx.note(broadcastLine(broadcastProgress(ctx.store().db, end.progress.broadcastId)));
  for (const line of [...personAdvice(outbox, seen.needPerson), ...unsettledAdvice(seen.unsettled)]) ctx.note(line);
  if (!seen.finished) return EXIT.interrupted;
  if (!args.wait && jobs.some((j) => j.state === 'submitted'))
    ctx.note('Openfax has the faxes and sends them now. See how they end with: openfax status');
  const good = args.wait ? (j: JobView) => j.state === 'delivered' : (j: JobView) => j.state === 'submitted' || j.state === 'delivered';
  if (end?.state === 'paused' || summary.notMade.length) return EXIT.failed;
  return jobs.every(good) ? EXIT.ok : EXIT.failed;
}

interface RunSummary {
  text: string;
  notMade: MergeRow[];
  pageMismatch: MergeRow[];
}

/** The merge's end in words: the broadcast, the rows queued, and each row not sent with why. */
function runSummary(
  end: MergeView | null,
  rows: readonly MergeRow[],
  _kind: NonNullable<MergeView['data']>['kind'] | undefined,
): RunSummary {
  // Rows left out or with problems were skipped at the start, with no error: they were never part of the send.
  const notMade = rows.filter((r) => r.state === 'failed' || (r.state === 'skipped' && r.error !== undefined));
  const pageMismatch = rows.filter((r) => r.state === 'queued' && r.error?.code === 'page-mismatch');
  const queued = rows.filter((r) => r.state === 'queued').length;
  const canceled = rows.filter((r) => r.state === 'canceled').length;
  const p = end?.progress;
  const head = [
    `${queued} of ${p?.total ?? queued} fax${(p?.total ?? queued) === 1 ? '' : 'es'} queued`,
    notMade.length ? `${notMade.length} not sent` : '',
    canceled ? `${canceled} canceled before they were made` : '',
  ].filter(Boolean);
  const lines = [
    `Merge ${end?.state ?? 'ended'}${p?.broadcastId !== undefined ? ` (broadcast ${p.broadcastId})` : ''}: ${head.join(', ')}`,
  ];
  for (const r of notMade) lines.push(`  ${rowLabel(r)}  ${r.display}  ${r.error ? `${r.error.message} ${r.error.action}` : ''}`.trimEnd());
  if (pageMismatch.length) {
    const named = pageMismatch.slice(0, 20).map((r) => rowLabel(r));
    lines.push(
      `  ${pageMismatch.length} document${pageMismatch.length === 1 ? ' has' : 's have'} a page count unlike the template's (sent as made): ${named.join(', ')}${pageMismatch.length > named.length ? ', …' : ''}`,
    );
  }
  return { text: `${lines.join('\n')}\n`, notMade, pageMismatch };
}

function interruptAdvice(end: MergeView | null, jobIds: readonly number[]): string[] {
  const lines = ['Stopped: no more documents are made (the merge is canceled).'];
  if (jobIds.length) {
    const b = end?.progress?.broadcastId;
    lines.push(
      `${jobIds.length === 1 ? 'The fax already queued stays' : `The ${jobIds.length} faxes already queued stay`} in the Outbox${b !== undefined ? ` (broadcast ${b})` : ''}: Openfax Desktop sends ${jobIds.length === 1 ? 'it' : 'them'} when it runs, or openfax status --watch on this data folder. To stop ${jobIds.length === 1 ? 'it' : 'them'}: openfax cancel ${jobIds.slice(0, 10).join(' ')}${jobIds.length > 10 ? ' …' : ''} (see openfax status).`,
    );
  }
  return lines;
}

function resultJson(check: MergeCheck, end: MergeView | null, summary: RunSummary, jobs: readonly JobView[]): Record<string, unknown> {
  const _kind = check.view.data?.kind;
  return {
    ...checkJson(check),
    sent: true,
    state: end?.state ?? null,
    broadcastId: end?.progress?.broadcastId ?? null,
    progress: end?.progress ?? null,
    notMade: summary.notMade.map((r) => ({ row: r.row, label: rowLabel(r), number: r.number, error: r.error })),
    pageMismatch: summary.pageMismatch.map((r) => ({ row: r.row, label: rowLabel(r), pages: r.pages })),
    jobs: jobs.map(jobJson),
  };
}
