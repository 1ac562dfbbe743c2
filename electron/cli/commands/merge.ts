// openfax merge TEMPLATE.docx --data FILE | --group NAME: a mail merge from the command line.
// Everything is checked and said first (the fields, the data, the mapping, the converter, every
// problem row, the estimate); anything that stops the merge stops the command before a fax is
// queued. Then each row's document is made and queued as its own fax of one broadcast, in this
// process, and the command sees the faxes through as `openfax send` does.

import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { MergeRow, MergeView } from '../../../shared/ipc/contract/merge.ts';
import { AppError } from '../../core/app-error.ts';
import type { MergeDataSource, MergeService } from '../../merge/types.ts';
import { listGroups } from '../../store/groups-repo.ts';
import { applyMappingArgs, type MappingArgs, pickName } from '../merge-mapping.ts';
import { blockerLines, checkJson, checkText, type MergeCheck, rowLabel, type SampleRender } from '../merge-report.ts';
import { sendMerge } from '../merge-send.ts';
import { allMergeRows, type MergeSession, openMergeSession } from '../merge-session.ts';
import { CliError, type CliCommand, type CliContext, EXIT, type ResolvedAccount } from '../types.ts';

const CONVERTERS = ['word', 'libreoffice'] as const;
type CliConverter = (typeof CONVERTERS)[number];

interface MergeArgs {
  template: string;
  data?: string;
  group?: string;
  mapping: MappingArgs;
  converter?: CliConverter;
  leaveOutProblems: boolean;
  dryRun: boolean;
  allowDuplicate: boolean;
  wait: boolean;
}

export const mergeCommand: CliCommand = {
  name: 'merge',
  summary: 'Mail merge: fill a Word template for each row of a CSV, Excel sheet or group, and fax each row its own',
  help: `Usage: openfax merge TEMPLATE.docx (--data FILE.csv|FILE.xlsx | --group NAME) [options]

Fills the Word template (Word merge fields or {{tags}}) with each row's values, makes each
filled document a PDF, and faxes it to that row's number: one fax per row, together one
broadcast. First it says what it found: the template's fields, the data, which column fills
each field, the converter, every row that cannot be sent (with its line in the file) and the
estimate. Anything that stops the merge (a field no column fills, rows with problems, no
converter) stops the command before anything is sent.

  --data FILE            The rows: a CSV (any encoding) or an Excel .xlsx file; its first row names the columns
  --group NAME           Or the members of an address-book group (its name, any case)
  --field FIELD=COLUMN   Fill FIELD from COLUMN (repeat; by default each field takes the column of its name)
  --number-field NAME    The column with the fax numbers (or a field filled from it; default: a column named Fax…)
  --to-header-field F    The template field whose value is each fax's To header (cut to 15 characters)
  --converter C          word or libreoffice (default: Word when installed, else LibreOffice)
  --leave-out-problems   Send to the other rows when some have problems (they are named, not sent)
  --dry-run              Check everything and make the first row's document to count its pages; send nothing
  --allow-duplicate      Send even to rows that were faxed this same document recently
  --wait                 Wait until every fax is delivered or failed (default: until Openfax has them)
  --json                 Print the check (and the faxes) as one JSON object on stdout

Ctrl-C while it sends stops making documents (the merge is canceled); the faxes already queued
stay in the Outbox, and Openfax Desktop sends them when it runs (cancel them there, or with
openfax cancel JOB). A second Ctrl-C leaves at once.

Exit status: 0 all sent (with --wait: all delivered; with --dry-run: nothing stops the merge),
1 a fax failed or a row's document could not be made, 2 something stops the merge (a field with
no column, rows with problems, a name that is not there), 3 no account or no credit, 4 the data
folder cannot be used, 5 the template or the data cannot be read, or no converter can make PDFs,
6 rows already sent this same document recently (nothing was sent; --allow-duplicate sends them).`,
  options: {
    data: { type: 'string' },
    group: { type: 'string' },
    field: { type: 'string', multiple: true },
    'number-field': { type: 'string' },
    'to-header-field': { type: 'string' },
    converter: { type: 'string' },
    'leave-out-problems': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    'allow-duplicate': { type: 'boolean' },
    wait: { type: 'boolean' },
  },
  allowPositionals: true,
  async run(ctx, values, positionals) {
    const args = mergeArgs(values, positionals);
    const templateBytes = await readInput(args.template, 'template');
    const source = await dataSource(ctx, args);
    const session = await openMergeSession(ctx);
    const { check, account } = await prepare(ctx, session, args, templateBytes, source);
    if (check.view.blockers.length) throw blocked(ctx, check.view);
    if (args.dryRun) {
      ctx.note('Dry run: nothing was sent.');
      return EXIT.ok;
    }
    if (ctx.io.signal?.aborted) return EXIT.interrupted;
    if (!account) throw new CliError('No account to send with.', EXIT.account);
    return sendMerge(ctx, session, check, account, args);
  },
};

/** Opens the template and the rows, applies the command line's choices, and prints the check. */
async function prepare(
  ctx: CliContext,
  session: MergeSession,
  args: MergeArgs,
  templateBytes: Uint8Array,
  source: MergeDataSource,
): Promise<{ check: MergeCheck; account: ResolvedAccount | undefined }> {
  const { service } = session;
  let view = await asked(() => service.openTemplate(basename(args.template), templateBytes), EXIT.document);
  const id = view.id;
  // Registered after the session, so it runs first: a check leaves no draft behind for the app to show.
  ctx.defer(() => discardIfDraft(service, id));
  view = await asked(() => service.openData(id, source), EXIT.document);
  const names = { fields: view.template?.fields ?? [], columns: view.data?.columns ?? [] };
  const mapping = applyMappingArgs(view.mapping, args.mapping, names);
  view = await asked(() => service.update(id, { mapping, ...(args.converter ? { converter: args.converter } : {}) }), EXIT.usage);
  if (args.leaveOutProblems) {
    const problems = allMergeRows(service, id).filter((r) => r.problems.length && !r.leftOut);
    if (problems.length)
      view = await service.setLeftOut(
        id,
        problems.map((r) => r.row),
        true,
      );
  }
  const account = await accountFor(ctx, args, view);
  session.priceFor(account);
  view = service.get(id) ?? view;
  const rows = allMergeRows(service, id);
  const check: MergeCheck = {
    view,
    problems: rows.filter((r) => r.problems.length > 0),
    duplicates: rows.filter((r) => r.duplicateOf !== undefined && !r.leftOut),
  };
  if (args.dryRun && !view.blockers.length) {
    const made = await sampleRow(ctx, session, view, rows);
    check.sample = made.sample;
    check.view = service.get(id) ?? view;
    if (!made.ok) {
      printCheck(ctx, check, { dryRun: true });
      throw made.error;
    }
  }
  printCheck(ctx, check, { dryRun: args.dryRun });
  return { check, account };
}

function mergeArgs(values: Record<string, unknown>, positionals: string[]): MergeArgs {
  if (positionals.length !== 1) {
    throw new CliError(
      positionals.length ? `Give one template (got ${positionals.length}: ${positionals.join(', ')}).` : 'Give the Word template to fill.',
      EXIT.usage,
      'openfax merge TEMPLATE.docx --data FILE.csv (or --group NAME)',
    );
  }
  const data = values.data as string | undefined;
  const group = values.group as string | undefined;
  if ((data === undefined) === (group === undefined)) {
    throw new CliError(
      data === undefined ? 'Say whom to fax: --data FILE.csv|FILE.xlsx or --group NAME.' : 'Give --data or --group, not both.',
      EXIT.usage,
    );
  }
  const converter = values.converter as string | undefined;
  if (converter !== undefined && !(CONVERTERS as readonly string[]).includes(converter)) {
    throw new CliError(
      `--converter ${converter} is not one of: ${CONVERTERS.join(', ')}.`,
      EXIT.usage,
      converter === 'builtin' ? "The built-in converter draws in the app's window: use it from Openfax Desktop." : undefined,
    );
  }
  return {
    template: positionals[0] as string,
    data,
    group,
    mapping: {
      fields: (values.field as string[] | undefined) ?? [],
      numberField: values['number-field'] as string | undefined,
      toHeaderField: values['to-header-field'] as string | undefined,
    },
    converter: converter as CliConverter | undefined,
    leaveOutProblems: values['leave-out-problems'] === true,
    dryRun: values['dry-run'] === true,
    allowDuplicate: values['allow-duplicate'] === true,
    wait: values.wait === true,
  };
}

async function readInput(path: string, what: 'template' | 'data'): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : (code ?? (err as Error).message);
    throw new CliError(`The ${what} ${path} cannot be read: ${why}. Nothing was sent.`, EXIT.document);
  }
}

async function dataSource(ctx: CliContext, args: MergeArgs): Promise<MergeDataSource> {
  if (args.data !== undefined) return { kind: 'bytes', fileName: basename(args.data), bytes: await readInput(args.data, 'data') };
  const groups = listGroups(ctx.store().db);
  const name = pickName(
    args.group ?? '',
    groups.map((g) => g.name),
  );
  const group = groups.find((g) => g.name === name);
  if (!group) {
    throw new CliError(
      `There is no address-book group "${args.group}".`,
      EXIT.usage,
      groups.length
        ? `The groups are: ${groups.map((g) => `"${g.name}" (${g.members} member${g.members === 1 ? '' : 's'})`).join(', ')}.`
        : 'The address book has no groups yet: make one in Openfax Desktop (Contacts), or use --data FILE.',
    );
  }
  return { kind: 'group', groupId: group.id };
}

async function discardIfDraft(service: MergeService, id: string): Promise<void> {
  if (service.get(id)?.state === 'draft') await service.discard(id);
}

/** Runs a service call; its refusal becomes the CLI's, under `exit`. */
async function asked<T>(call: () => Promise<T>, exit: number): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof AppError) throw new CliError(`${err.message}${exit === EXIT.document ? ' Nothing was sent.' : ''}`, exit);
    throw err;
  }
}

/** Sending needs the account; a check uses it for the price, if there is one that works. */
async function accountFor(ctx: CliContext, args: MergeArgs, view: MergeView): Promise<ResolvedAccount | undefined> {
  if (!args.dryRun && !view.blockers.length) return ctx.account();
  try {
    return await ctx.optionalAccount();
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    ctx.note(`The cost is not estimated: ${err.message}`);
    return undefined;
  }
}

/** The dry run makes the first row that would be sent, to count its pages and time the converter. */
async function sampleRow(
  ctx: CliContext,
  session: MergeSession,
  view: MergeView,
  rows: readonly MergeRow[],
): Promise<{ ok: true; sample?: SampleRender } | { ok: false; sample?: SampleRender; error: CliError }> {
  const first = rows.find((r) => !r.leftOut && !r.problems.length && r.number);
  if (!first) return { ok: true };
  const label = rowLabel(first);
  const converter = view.converters.find((c) => c.id === view.converter)?.label ?? String(view.converter);
  ctx.note(`Making ${label}'s document with ${converter} to check it…`);
  const began = Date.now();
  try {
    const p = await session.service.preview(view.id, first.row);
    const sample: SampleRender = { row: first.row, line: first.line, pages: p.pages, converter, ms: Date.now() - began };
    if (p.pageMismatch) sample.pageMismatch = p.pageMismatch;
    return { ok: true, sample };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { ok: false, error: new CliError(`${label}'s document could not be made: ${err.message} Nothing was sent.`, EXIT.failed) };
  }
}

function printCheck(ctx: CliContext, check: MergeCheck, opts: { dryRun: boolean }): void {
  if (ctx.globals.json) {
    // A run prints one object at its end; a check that ends the command prints it now.
    if (opts.dryRun || check.view.blockers.length)
      ctx.io.stdout.write(`${JSON.stringify({ ...checkJson(check), sent: false }, null, 2)}\n`);
    return;
  }
  ctx.io.stdout.write(checkText(check));
}

/** What the command line can do about each thing that stops the merge (the app's words name its buttons). */
function cliAction(code: string, view: MergeView): string | undefined {
  const columns = view.data?.columns.map((c) => `"${c}"`).join(', ') ?? '';
  switch (code) {
    case 'missing-fields':
      return `Fill each with --field "FIELD=COLUMN" (the columns are ${columns}), or add the columns to the data.`;
    case 'no-number-column':
      return `Name the column with the fax numbers: --number-field COLUMN (the columns are ${columns}).`;
    case 'problem-rows':
      return `Fix them in ${view.data?.kind === 'group' ? 'the address book' : 'the file'}, or add --leave-out-problems to send to the other rows only.`;
    case 'no-converter':
      return 'Install LibreOffice (libreoffice.org), or pick another converter with --converter.';
    case 'from-header':
      return 'Correct the From header in Openfax Desktop (Settings).';
    default:
      return undefined;
  }
}

const FILE_BLOCKERS = new Set(['no-template', 'no-fields', 'no-converter']);

function blocked(ctx: CliContext, view: MergeView): CliError {
  const problems = view.blockers.map((b) => ({ ...b, action: cliAction(b.code, view) ?? b.action }));
  for (const line of blockerLines(problems)) ctx.note(line);
  const exit = problems.some((b) => FILE_BLOCKERS.has(b.code)) ? EXIT.document : EXIT.usage;
  return new CliError(
    `Nothing was sent: ${problems.length === 1 ? 'one thing stops' : `${problems.length} things stop`} the merge (above).`,
    exit,
  );
}
