// openfax retry [JOB...]: faxes that need attention go back to the queue and are seen through.

import { listJobs, type Job, getJob, getJobViews } from '../../store/jobs-repo.ts';
import { FINAL_JOB_STATES } from '../../../shared/domain.ts';
import { isHeldAsLookAlike } from '../../outbox/look-alike.ts';
import type { Outbox } from '../../outbox/types.ts';
import { jobJson, jobTable } from '../format.ts';
import { personAdvice, seeThrough, unsettledAdvice } from '../job-wait.ts';
import { CliError, type CliCommand, type CliContext, EXIT, outboxRefusal } from '../types.ts';

export const retryCommand: CliCommand = {
  name: 'retry',
  summary: 'Send again the faxes that need attention, and see them through',
  help: `Usage: openfax retry [JOB...] [--accept-duplicate] [--wait] [--json]

Puts each job that needs attention back in the queue, then waits as send does: until Openfax
has every fax (with --wait: until each has ended), or until one needs you again.
Without JOB: every fax that needs attention.

A fax whose upload answer was lost may already be with Openfax. For those, retry first reads
Openfax's report and sends again only if the fax never arrived, so nothing is sent twice.
When the report cannot tell (two alike faxes lost their answers), check with the recipient or
in the Openfax portal, then:
  --accept-duplicate   Send it again anyway (it may arrive twice)
  --wait               Wait until every fax is delivered or failed

A finished fax (delivered, failed, canceled) is not retried: send its file again with openfax send.

Exit status: 0 all sent (with --wait: all delivered), 1 a fax failed or needs you,
2 a job does not exist or cannot be retried, 3 no account.`,
  options: { 'accept-duplicate': { type: 'boolean' }, wait: { type: 'boolean' } },
  allowPositionals: true,
  async run(ctx, values, positionals) {
    const ids = positionals.map((p) => {
      const id = Number(p);
      if (!Number.isInteger(id) || id < 1) throw new CliError(`"${p}" is not a job number (see openfax status).`, EXIT.usage);
      return id;
    });
    const db = ctx.store().db;
    const named = ids.length > 0;
    const jobs: Job[] = named
      ? ids.map((id) => getJob(db, id) ?? notFound(id))
      : listJobs(db, { filter: 'needs-attention', limit: 5000 }).reverse();
    if (!jobs.length) {
      ctx.note('No fax needs attention: there is nothing to retry.');
      return EXIT.ok;
    }
    const refusals = jobs.filter((j) => FINAL_JOB_STATES.includes(j.state));
    if (refusals.length) {
      for (const j of refusals) ctx.note(finishedRefusal(j));
      throw new CliError(
        `Nothing was retried: ${refusals.length === 1 ? `job ${refusals[0]?.id} has` : `jobs ${refusals.map((j) => j.id).join(', ')} have`} already ended.`,
        EXIT.usage,
        'To fax a finished job again, send its file again: openfax send FILE --to NUMBER. Leave those jobs out to retry the others.',
      );
    }
    const account = await ctx.account();
    const outbox = await ctx.outbox();
    const accept = values['accept-duplicate'] === true;
    for (const j of jobs) retryOne(ctx, outbox, j, accept);
    const jobIds = jobs.map((j) => j.id);
    const wait = values.wait === true;
    const seen = await seeThrough(ctx, outbox, account, jobIds, wait);
    const shown = getJobViews(db, jobIds).reverse();
    if (ctx.globals.json) ctx.io.stdout.write(`${JSON.stringify(shown.map(jobJson), null, 2)}\n`);
    else ctx.io.stdout.write(jobTable(shown));
    for (const line of [...personAdvice(outbox, seen.needPerson), ...unsettledAdvice(seen.unsettled)]) ctx.note(line);
    if (!seen.finished) return EXIT.interrupted;
    const good = (j: Job) => j.state === 'delivered' || (!wait && j.state === 'submitted');
    return shown.every(good) ? EXIT.ok : EXIT.failed;
  },
};

/** Puts one job back, or says why it is left as it is; the waiting that follows covers them all. */
function retryOne(ctx: CliContext, outbox: Outbox, job: Job, acceptDuplicate: boolean): void {
  if (job.state !== 'needs-attention') {
    ctx.note(`Job ${job.id} is still being sent (${job.state}); this command follows it.`);
    return;
  }
  const uncertain = job.error?.kind === 'unknown-outcome';
  if (uncertain && !acceptDuplicate && !isHeldAsLookAlike(job)) {
    ctx.note(
      `Job ${job.id}: it is not known yet whether Openfax received it. Reading Openfax's report first; it is sent again only if it never arrived.`,
    );
    return;
  }
  if (uncertain && !acceptDuplicate) {
    ctx.note(
      `Job ${job.id} is left as it is: Openfax's report cannot tell whether it arrived. Check with the recipient or in the Openfax portal; if it did not arrive: openfax retry ${job.id} --accept-duplicate`,
    );
    return;
  }
  const r = outbox.retry(job.id, { acceptDuplicateRisk: acceptDuplicate });
  if (!r.ok) throw outboxRefusal(r.error);
  ctx.note(`Job ${job.id}: back in the queue${uncertain ? ' (it may arrive twice, as you accepted)' : ''}.`);
}

function finishedRefusal(j: Job): string {
  const how = j.state === 'delivered' ? 'was delivered' : j.state === 'canceled' ? 'was canceled' : `has ended (${j.state})`;
  return `Job ${j.id} ${how}: only a fax that needs attention can be retried.`;
}

function notFound(id: number): never {
  throw new CliError(`There is no fax job ${id} in this data folder.`, EXIT.usage, 'See the jobs with: openfax status');
}
