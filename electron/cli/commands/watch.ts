// openfax watch [DIR]: the hot folder without a window. Documents that say where they go are
// queued in the outbox; the rest move to "Needs review/" with a reason. Runs until Ctrl-C.
// DIR passes the app's own gate first (settings/hot-folder-gate.ts): never home, Documents or a
// system folder, and a folder of files only with --take-existing, after saying what is in it.

import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultHotFolder, hotFolderLedgerPath, hotFolderSpool } from '../../hotfolder/default-folder.ts';
import { createFileLedger } from '../../hotfolder/file-ledger.ts';
import { startHeadlessWatch, type WatchReport } from '../../hotfolder/headless-watch.ts';
import { contactLookup, queuedFromHotFolder, sendRouted } from '../../hotfolder/route-to-outbox.ts';
import { createHotFolderGate } from '../../settings/hot-folder-gate.ts';
import { placesHere } from '../../settings/hot-folder-rules.ts';
import { rememberWatched, watchedBefore } from '../../settings/watched-folders.ts';
import { getSettings } from '../../store/settings-repo.ts';
import { listingLine } from '../../../shared/trust-questions.ts';
import { CliError, type CliCommand, type CliContext, EXIT } from '../types.ts';

export const watchCommand: CliCommand = {
  name: 'watch',
  summary: 'Watch a folder and fax every PDF put into it that says where it goes',
  help: `Usage: openfax watch [DIR] [--take-existing]

Watches DIR (default: the app's hot folder, or "Documents/Openfax Outbox") for PDFs, for
a machine that serves a shared folder many desktops print into. A PDF is taken once it is
complete, and:
  - sent, when it says where it goes: {{fax: number}} codes in its text (also YajHFC
    @@fax:…@@ and RightFax <TOFAXNUM:…>), a NAME.pdf.json file next to it, or a name like
    "12025551212 - letter.pdf";
  - moved to DIR/Needs review/ with a .reason.txt otherwise (or when anything is unclear);
  - moved to DIR/Rejected/ with a .reason.txt when it is not a PDF that can be faxed.
Stop with Ctrl-C; documents already taken are finished first. After a crash or a kill, the
next start takes up every document that was taken but not finished: it is sent once (or found
already queued), or moved to Needs review/ with a reason.

DIR is checked before anything in it is touched. Your home folder, the Documents, Desktop or
Downloads folder itself, a system folder and the data folder are never watched. A DIR that
already holds files is watched only with --take-existing: without it, openfax says what is in
it and moves nothing. The app's hot folder and a DIR watched before are not asked about again.

Options:
  --take-existing   Watch DIR although it already holds files: they are taken like new ones
                    (faxed, or moved to Needs review/ or Rejected/)

Exit status: 0 stopped cleanly, 2 DIR cannot be watched, or holds files and --take-existing
was not given (the message says which), 3 no account, 4 the data folder cannot be used.`,
  options: { 'take-existing': { type: 'boolean' } },
  allowPositionals: true,
  async run(ctx, values, positionals) {
    const store = ctx.store();
    const settings = getSettings(store.db);
    const home = homeOf(ctx.io.env);
    const appFolder = settings.hotFolderPath || defaultHotFolder(join(home, 'Documents'));
    const folder = resolve(positionals[0] ?? appFolder);
    // Chosen before: the app's hot folder, or one this command ran on. Its contents are not asked about.
    const kept = folder === resolve(appFolder) || (await watchedBefore(store.dataDir, folder));
    await admitFolder(ctx, { folder, home, dataDir: store.dataDir, kept, takeExisting: values['take-existing'] === true });
    await ctx.account();
    const outbox = await ctx.outbox();
    const watching = new Set<number>();
    ctx.defer(
      outbox.on('job-changed', (job) => {
        if (!watching.has(job.id)) return;
        if (job.state === 'delivered' || job.state === 'failed' || job.state === 'rejected' || job.state === 'needs-attention') {
          line(ctx, `${job.state.padEnd(9)} job ${job.id} (${job.documentName})${job.error ? `: ${job.error.message}` : ''}`);
          watching.delete(job.id);
        }
      }),
    );

    const watch = startHeadlessWatch({
      folder,
      spoolDir: hotFolderSpool(store.dataDir),
      ledger: createFileLedger(hotFolderLedgerPath(store.dataDir)),
      wasQueued: queuedFromHotFolder(store.db),
      lookupContact: contactLookup(store.db),
      defaultCountry: settings.defaultCountry,
      imagePaper: () => settings.paperSize,
      send: async (request) => {
        const outcome = await sendRouted(outbox, request, (text) => ctx.note(text));
        if (outcome.ok) for (const id of outcome.jobIds) watching.add(id);
        return outcome;
      },
      onReport: (report) => {
        if (report.kind === 'sent' && report.recovered) for (const id of report.jobIds) watching.add(id);
        printReport(ctx, report);
      },
    });
    await watch.hotFolder.whenReady();
    await rememberWatched(store.dataDir, folder);
    ctx.note(`Watching ${folder}. Stop with Ctrl-C.`);
    await untilAborted(ctx.io.signal);
    ctx.note('Stopping: finishing documents already taken…');
    await watch.dispose();
    return EXIT.ok;
  },
};

/** The home folder the rules protect: the command's own environment first (HOME, USERPROFILE). */
function homeOf(env: NodeJS.ProcessEnv): string {
  return (process.platform === 'win32' ? env.USERPROFILE : env.HOME) || homedir();
}

/**
 * Throws (exit 2, nothing moved) unless `folder` may be watched: never a place that can never
 * be a hot folder; a new folder also writable, and with files in it only with --take-existing.
 */
async function admitFolder(
  ctx: CliContext,
  o: { folder: string; home: string; dataDir: string; kept: boolean; takeExisting: boolean },
): Promise<void> {
  const gate = createHotFolderGate(placesHere({ dataDir: o.dataDir, home: o.home, documents: join(o.home, 'Documents') }));
  const refuse = (why: string, action: string) => new CliError(why, EXIT.usage, `Nothing in it was moved. ${action}`);
  const otherFolder = 'Give openfax watch a folder of its own: openfax watch DIR.';
  if (o.kept) {
    const why = await gate.checkKept(o.folder);
    if (why) throw refuse(why, otherFolder);
    return;
  }
  // No dialog here: a folder of files comes back with its listing, and the flag is the yes.
  const verdict = await gate.checkPicked(o.folder, undefined);
  if (verdict === 'declined' || verdict.ok) return;
  const { listing } = verdict;
  if (!listing) throw refuse(verdict.reason, otherFolder);
  const held = `${o.folder} already holds ${listing.count} ${listing.count === 1 ? 'item' : 'items'}. ${listingLine(listing)}`;
  if (o.takeExisting) return ctx.note(`${held} Taking them like new ones (--take-existing).`);
  throw refuse(
    `${held} Watching it takes every file put in it: PDFs and images are faxed or moved to Needs review/, anything else to Rejected/.`,
    'If that is what you want, run it again with --take-existing; otherwise give it an empty folder of its own.',
  );
}

function line(ctx: CliContext, text: string): void {
  ctx.io.stdout.write(`${new Date().toISOString().slice(11, 19)} ${text}\n`);
}

function printReport(ctx: CliContext, r: WatchReport): void {
  if (ctx.globals.json) {
    ctx.io.stdout.write(`${JSON.stringify(r)}\n`);
    return;
  }
  if (r.kind === 'sent' && r.recovered)
    line(ctx, `queued    ${r.name} before the interruption (job ${r.jobIds.join(', ')}); not queued again`);
  else if (r.kind === 'sent')
    line(ctx, `queued    ${r.name} to ${r.recipients} recipient${r.recipients === 1 ? '' : 's'} (job ${r.jobIds.join(', ')})`);
  else if (r.kind === 'review') line(ctx, `review    ${r.name}: ${r.reason}`);
  else if (r.kind === 'rejected') line(ctx, `rejected  ${r.name}: ${r.reason}`);
  else if (r.kind === 'notice') ctx.note(r.message);
  else if (r.kind === 'error') ctx.note(`Problem: ${r.message}`);
  else if (r.status === 'folder-missing') ctx.note(`Folder missing: ${r.folder}. ${r.detail ?? ''}`);
}

function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise(() => {});
  if (signal.aborted) return Promise.resolve();
  return new Promise((done) => signal.addEventListener('abort', () => done(), { once: true }));
}
