// openfax status [--watch]: the outbox as a table; with an account, fresh from the report.

import { isJobFilter, JOB_FILTERS } from '../../../shared/outbox-filters.ts';
import { countJobsByFilter, listJobs } from '../../store/jobs-repo.ts';
import { jobJson, jobTable } from '../format.ts';
import { CliError, type CliCommand, type CliContext, EXIT } from '../types.ts';

export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'Show the outbox (recent faxes and how they ended)',
  help: `Usage: openfax status [--watch] [--limit N] [--filter F] [--search TEXT] [--json]

With an account configured, first reads the latest results from Openfax (and sends
anything still waiting in the queue).

  --watch          Keep the table up to date until Ctrl-C
  --limit N        How many of the newest faxes to show (default 20)
  --filter F       ${JOB_FILTERS.slice(0, -1).join(', ')} or ${JOB_FILTERS.at(-1)}
  --search TEXT    Part of a name, company, number or document; or an OutTransID
  --json           Print the jobs as JSON on stdout`,
  options: {
    watch: { type: 'boolean' },
    limit: { type: 'string' },
    filter: { type: 'string' },
    search: { type: 'string' },
  },
  async run(ctx, values) {
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit ${values.limit} is not a positive whole number.`, EXIT.usage);
    const filter = (values.filter as string | undefined) ?? 'all';
    if (!isJobFilter(filter)) throw new CliError(`--filter ${filter} is not one of: ${JOB_FILTERS.join(', ')}.`, EXIT.usage);
    const search = values.search as string | undefined;
    const account = await ctx.optionalAccount();
    const outbox = account ? await ctx.outbox() : undefined;
    if (!account) ctx.note('No account configured: showing the outbox as last known (see openfax help for how to set one up).');
    else if (outbox?.queueState().leader) await outbox.pollNow();
    const render = () => {
      const jobs = listJobs(ctx.store().db, { limit, filter, search });
      if (ctx.globals.json) return `${JSON.stringify(jobs.map(jobJson), null, 2)}\n`;
      const c = countJobsByFilter(ctx.store().db);
      const summary = `${c.all} fax${c.all === 1 ? '' : 'es'}: ${c['in-progress']} in progress, ${c.delivered} delivered, ${c.failed} failed, ${c.canceled} canceled, ${c['needs-attention']} need attention\n`;
      return jobs.length ? `${summary}${jobTable(jobs)}` : `${summary}No faxes${filter !== 'all' || search ? ' match' : ' yet'}.\n`;
    };
    if (!values.watch) {
      ctx.io.stdout.write(render());
      return EXIT.ok;
    }
    return watch(ctx, render);
  },
};

async function watch(ctx: CliContext, render: () => string): Promise<number> {
  const tty = ctx.io.stdout.isTTY === true;
  let last = '';
  while (!ctx.io.signal?.aborted) {
    const text = render();
    if (text !== last) {
      ctx.io.stdout.write(tty ? `\x1b[H\x1b[2J${text}` : `${text}\n`);
      last = text;
    }
    await sleep(1000, ctx.io.signal);
  }
  return EXIT.ok;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
