// openfax status [--watch]: the outbox as a table; with an account, fresh from the report.

import { broadcastCounts, broadcastCountsText } from '../../../shared/broadcast-counts.ts';
import {
  ACCOUNT_VIEWS,
  type AccountScope,
  isAccountView,
  isJobFilter,
  JOB_FILTERS,
  type JobSide,
  sideOfAccountKey,
} from '../../../shared/outbox-filters.ts';
import { redialAbout } from '../../../shared/redial-estimate.ts';
import { outboxSummary } from '../../outbox-view/outbox-query.ts';
import { redialTimes } from '../../outbox-view/redial.ts';
import { accountKeyOf } from '../../store/account-state-repo.ts';
import { broadcastProgress } from '../../store/broadcasts-repo.ts';
import { type JobView, listJobs } from '../../store/jobs-repo.ts';
import { getSettings } from '../../store/settings-repo.ts';
import type { Db } from '../../store/sql.ts';
import { jobJson, jobTable } from '../format.ts';
import { CliError, type CliCommand, type CliContext, EXIT } from '../types.ts';

export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'Show the outbox (recent faxes and how they ended)',
  help: `Usage: openfax status [--watch] [--limit N] [--filter F] [--search TEXT] [--show SIDE] [--json]

With an account configured, first reads the latest results from Openfax (and sends
anything still waiting in the queue). Sandbox and live faxes are kept apart: the list
shows those of the account in use (the sandbox with --sandbox) unless --show says otherwise.

  --watch          Keep the table up to date until Ctrl-C
  --limit N        How many of the newest faxes to show (default 20)
  --filter F       ${JOB_FILTERS.slice(0, -1).join(', ')} or ${JOB_FILTERS.at(-1)}
  --search TEXT    Part of a name, company, number or document; or an OutTransID
  --show SIDE      ${ACCOUNT_VIEWS.join(', ')}: whose faxes to list (default: the account in use)
  --json           Print the jobs as JSON on stdout`,
  options: {
    watch: { type: 'boolean' },
    limit: { type: 'string' },
    filter: { type: 'string' },
    search: { type: 'string' },
    show: { type: 'string' },
  },
  async run(ctx, values) {
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit ${values.limit} is not a positive whole number.`, EXIT.usage);
    const filter = (values.filter as string | undefined) ?? 'all';
    if (!isJobFilter(filter)) throw new CliError(`--filter ${filter} is not one of: ${JOB_FILTERS.join(', ')}.`, EXIT.usage);
    const search = values.search as string | undefined;
    const show = values.show as string | undefined;
    if (show !== undefined && !isAccountView(show))
      throw new CliError(`--show ${show} is not one of: ${ACCOUNT_VIEWS.join(', ')}.`, EXIT.usage);
    const account = await ctx.optionalAccount();
    const outbox = account ? await ctx.outbox() : undefined;
    if (!account) ctx.note('No account configured: showing the outbox as last known (see openfax help for how to set one up).');
    else if (outbox?.queueState().leader) await outbox.pollNow();
    // The side in use: the account's, else (no account) the app's setting.
    const mode: JobSide = account
      ? (sideOfAccountKey(accountKeyOf(account.endpoint, account.accountId)) ?? 'live')
      : ctx.globals.sandbox
        ? 'sandbox'
        : getSettings(ctx.store().db).accountMode;
    const scope: AccountScope = { view: show ?? mode, mode };
    const render = () => {
      const db = ctx.store().db;
      const jobs = listJobs(db, { limit, filter, search, scope });
      if (ctx.globals.json) return `${JSON.stringify(jobs.map(jobJson), null, 2)}\n`;
      const table = jobs.length ? jobTable(jobs) : `No faxes${filter !== 'all' || search ? ' match' : ' yet'}.\n`;
      return `${summaryLines(db, scope)}${table}${redialLines(db, jobs)}${broadcastLines(db, jobs)}`;
    };
    if (!values.watch) {
      ctx.io.stdout.write(render());
      return EXIT.ok;
    }
    return watch(ctx, render);
  },
};

const SIDE_WORDS: Record<JobSide, string> = { sandbox: 'sandbox', live: 'live' };

/** The counts of the sides shown, and a pointer to the side left out when it has faxes. */
function summaryLines(db: Db, scope: AccountScope): string {
  const s = outboxSummary(db, scope.mode);
  const shown = scope.view === 'both' ? (['sandbox', 'live'] as const) : [scope.view];
  const c = { all: 0, 'in-progress': 0, delivered: 0, failed: 0, canceled: 0, 'needs-attention': 0 };
  for (const side of shown) for (const k of Object.keys(c) as Array<keyof typeof c>) c[k] += s.bySide[side][k];
  const whose = scope.view === 'both' ? 'sandbox and live' : SIDE_WORDS[scope.view];
  let out = `${c.all} fax${c.all === 1 ? '' : 'es'}: ${c['in-progress']} in progress, ${c.delivered} delivered, ${c.failed} failed, ${c.canceled} canceled, ${c['needs-attention']} need attention (${whose})\n`;
  if (scope.view !== 'both') {
    const other: JobSide = scope.view === 'sandbox' ? 'live' : 'sandbox';
    const n = s.bySide[other].all;
    if (n) out += `(${n} ${SIDE_WORDS[other]} fax${n === 1 ? '' : 'es'} not shown: --show ${other} or --show both)\n`;
  }
  return out;
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "Job 2: Openfax will redial about 10:42" for each listed job waiting to redial, when it can be known. */
function redialLines(db: Db, jobs: readonly JobView[]): string {
  const now = Date.now();
  return [...redialTimes(db, jobs)]
    .flatMap(([id, at]) => {
      const about = redialAbout(at, now, (ms) => clock.format(new Date(ms)));
      return about ? [`Job ${id}: Openfax will redial ${about}\n`] : [];
    })
    .join('');
}

/** One line per broadcast in the list, in the same words as the Outbox row. */
function broadcastLines(db: Db, jobs: readonly JobView[]): string {
  const ids = [...new Set(jobs.flatMap((j) => (j.broadcastId == null ? [] : [j.broadcastId])))];
  return ids
    .map((id) => {
      const p = broadcastProgress(db, id);
      return `Broadcast ${id}: ${broadcastCountsText(broadcastCounts(p.byState, p.unmade))}\n`;
    })
    .join('');
}

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
