// openfax send FILE... --to NUMBER... : queue a fax (or a broadcast) and see it through.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { FaxOptions, PaperSize, Priority } from '../../../shared/domain.ts';
import type { Outbox, Submitted } from '../../outbox/types.ts';
import { getJobViews, type JobView } from '../../store/jobs-repo.ts';
import { broadcastLine, bytes, jobJson, jobTable } from '../format.ts';
import { CliError, type CliCommand, type CliContext, EXIT } from '../types.ts';

const PAPERS: Record<string, PaperSize> = { letter: 'letter', legal: 'legal', a4: 'a4' };
const PRIORITY: Record<string, Priority> = { low: 'Low', normal: 'Normal' };
const HANDED_OVER = new Set(['submitted', 'delivered', 'failed', 'canceled', 'rejected', 'needs-attention', 'auth-failed', 'no-credit']);

export const sendCommand: CliCommand = {
  name: 'send',
  summary: 'Fax one or more PDFs to one or more numbers',
  help: `Usage: openfax send FILE... --to NUMBER [--to NUMBER...] [options]

Several files are sent as one fax, in the order given. Several numbers make a broadcast:
one fax to each, after a credit check.

  --to NUMBER          Recipient, as you would dial it (212 555 0100, +44 20 7946 0000); repeat, or separate with commas
  --to-header TEXT     Text for the To field of the fax header (15 characters)
  --from-header TEXT   Text for the From field (default: the app's setting)
  --fine               Fine resolution (204x196 dpi; slower, may cost more)
  --paper SIZE         letter, legal or a4 (default: the app's setting)
  --priority low       Low priority (Normal is the default)
  --wait               Wait until every fax is delivered or failed (default: until Openfax has them)
  --json               Print the jobs as JSON on stdout

Exit status: 0 all sent (with --wait: all delivered), 1 any fax refused or failed,
2 wrong usage, 3 no account, 4 the data folder cannot be used.`,
  options: {
    to: { type: 'string', multiple: true },
    'to-header': { type: 'string' },
    'from-header': { type: 'string' },
    fine: { type: 'boolean' },
    paper: { type: 'string' },
    priority: { type: 'string' },
    wait: { type: 'boolean' },
  },
  allowPositionals: true,
  async run(ctx, values, files) {
    const to = ((values.to as string[] | undefined) ?? [])
      .flatMap((t) => t.split(','))
      .map((t) => t.trim())
      .filter(Boolean);
    if (!files.length) throw new CliError('Give at least one PDF to send: openfax send FILE... --to NUMBER', EXIT.usage);
    if (!to.length) throw new CliError('Give a number to fax to: --to NUMBER (repeat --to for a broadcast).', EXIT.usage);
    const options = faxOptions(values);
    await ctx.account();
    const outbox = await ctx.outbox();
    const pdf = await documentOf(ctx, files);
    const result =
      to.length === 1
        ? await outbox.submit({ pdfPath: pdf.path, originalName: pdf.name, source: 'cli', to: { number: to[0] }, options })
        : await outbox.createBroadcast({
            pdfPath: pdf.path,
            originalName: pdf.name,
            source: 'cli',
            recipients: to.map((number) => ({ number })),
            options,
            name: pdf.name,
          });
    if (!result.ok)
      throw new CliError(result.error.message, result.error.kind === 'auth' ? EXIT.account : EXIT.failed, result.error.action);
    const submitted = result.value;
    for (const r of submitted.rejected) ctx.note(`Not sent to ${r.number}: ${r.reason}`);
    const queued = submitted.jobIds.length - submitted.rejected.length;
    ctx.note(
      `Queued ${queued} fax${queued === 1 ? '' : 'es'} of "${pdf.name}"${submitted.broadcastId ? ` as broadcast ${submitted.broadcastId}` : ''}.`,
    );
    if (!outbox.queueState().leader)
      ctx.note('Openfax Desktop (or another openfax command) is sending for this data folder; waiting for it.');
    const stopProgress = showProgress(ctx, outbox, submitted);
    const wait = values.wait === true;
    const finished = await waitFor(ctx, outbox, submitted.jobIds, wait);
    stopProgress();
    const jobs = getJobViews(ctx.store().db, submitted.jobIds).reverse();
    if (ctx.globals.json) ctx.io.stdout.write(`${JSON.stringify(jobs.map(jobJson), null, 2)}\n`);
    else ctx.io.stdout.write(jobTable(jobs));
    if (!finished) return EXIT.interrupted;
    const good = wait ? (j: JobView) => j.state === 'delivered' : (j: JobView) => j.state === 'submitted' || j.state === 'delivered';
    if (!wait && jobs.some((j) => j.state === 'submitted')) ctx.note('Openfax has the faxes. See how they end with: openfax status');
    return jobs.every(good) ? EXIT.ok : EXIT.failed;
  },
};

function faxOptions(values: Record<string, unknown>): Partial<FaxOptions> {
  const o: Partial<FaxOptions> = {};
  if (values['to-header'] !== undefined) o.toHeader = String(values['to-header']);
  if (values['from-header'] !== undefined) o.fromHeader = String(values['from-header']);
  if (values.fine) o.resolution = 'fine';
  if (values.paper !== undefined) {
    const p = PAPERS[String(values.paper).toLowerCase()];
    if (!p) throw new CliError(`--paper ${values.paper} is not a paper size Openfax accepts: use letter, legal or a4.`, EXIT.usage);
    o.paperSize = p;
  }
  if (values.priority !== undefined) {
    const p = PRIORITY[String(values.priority).toLowerCase()];
    if (!p) throw new CliError(`--priority ${values.priority} is not a priority: use low (or normal, the default).`, EXIT.usage);
    o.priority = p;
  }
  return o;
}

/** One file as is; several merged, in order, into one document. */
async function documentOf(ctx: CliContext, files: string[]): Promise<{ path: string; name: string }> {
  if (files.length === 1) return { path: files[0], name: basename(files[0]) };
  const { mergePdfs } = await import('../../pdf/merge.ts');
  const dir = await mkdtemp(join(tmpdir(), 'openfax-merge-'));
  ctx.defer(() => rm(dir, { recursive: true, force: true }));
  const out = join(dir, 'merged.pdf');
  try {
    const r = await mergePdfs(files, out, (p) => ctx.note(`Merging ${p.done}/${p.total}: ${basename(p.path)}`));
    ctx.note(`Merged ${files.length} files into one fax of ${r.pages} page${r.pages === 1 ? '' : 's'}.`);
  } catch (err) {
    throw new CliError(
      `The files could not be combined into one fax: ${(err as Error).message}`,
      EXIT.failed,
      (err as { action?: string }).action ?? 'Check that every file is a readable PDF.',
    );
  }
  return { path: out, name: files.map((f) => basename(f)).join(' + ') };
}

/** Upload and broadcast progress on stderr: rewritten in place on a terminal, a line per step otherwise. */
function showProgress(ctx: CliContext, outbox: Outbox, submitted: Submitted): () => void {
  const tty = ctx.io.stderr.isTTY === true;
  const mine = new Set(submitted.jobIds);
  const lastPct = new Map<number, number>();
  const warnedUncertain = new Set<number>();
  let lastBroadcast = '';
  const offs = [
    outbox.on('upload-progress', (p) => {
      if (!mine.has(p.jobId)) return;
      const pct = p.totalBytes ? Math.floor((p.sentBytes / p.totalBytes) * 100) : 100;
      const step = tty ? pct : Math.floor(pct / 50) * 50;
      if (lastPct.get(p.jobId) === step) return;
      lastPct.set(p.jobId, step);
      const text = `Uploading job ${p.jobId}: ${pct}% (${bytes(p.sentBytes)} of ${bytes(p.totalBytes)})`;
      ctx.io.stderr.write(tty ? `\r${text}\x1b[K${pct === 100 ? '\n' : ''}` : `${text}\n`);
    }),
    outbox.on('broadcast-progress', (p) => {
      if (p.broadcastId !== submitted.broadcastId) return;
      const line = broadcastLine(p);
      if (line === lastBroadcast) return;
      lastBroadcast = line;
      ctx.io.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
    }),
    outbox.on('job-changed', (j) => {
      if (!mine.has(j.id)) return;
      if (j.state === 'submitting' && j.error && !warnedUncertain.has(j.id)) {
        warnedUncertain.add(j.id);
        ctx.note(
          `Job ${j.id}: the answer from Openfax was lost (${j.error.message.replace(/^.*\((.*)\)$/, '$1')}). Checking the Openfax report before sending again, so it is never sent twice; this can take a few minutes.`,
        );
      }
      if (submitted.broadcastId) return;
      if (j.state === 'submitted' && j.outTransId) ctx.note(`Job ${j.id}: Openfax accepted it (OutTransID ${j.outTransId}).`);
      else if (j.state !== 'queued' && j.state !== 'submitting' && j.state !== 'submitted')
        ctx.note(`Job ${j.id}: ${j.state}${j.error ? ` (${j.error.message})` : ''}`);
    }),
  ];
  return () => {
    for (const off of offs) off();
    if (tty && lastBroadcast) ctx.io.stderr.write('\n');
  };
}

/** Resolves true when done, false when interrupted (Ctrl-C). */
async function waitFor(ctx: CliContext, outbox: Outbox, jobIds: number[], untilFinal: boolean): Promise<boolean> {
  const signal = ctx.io.signal;
  for (;;) {
    if (signal?.aborted) {
      ctx.note('Stopped waiting. The faxes stay in the outbox; check them with: openfax status');
      return false;
    }
    if (untilFinal) {
      if (await outbox.whenIdle({ jobIds, timeoutMs: 250 })) return true;
    } else {
      const jobs = getJobViews(ctx.store().db, jobIds);
      if (jobs.every((j) => HANDED_OVER.has(j.state))) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
