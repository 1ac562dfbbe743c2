// openfax watch [DIR]: the hot folder without a window. Documents that say where they go are
// queued in the outbox; the rest move to "Needs review/" with a reason. Runs until Ctrl-C.

import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultHotFolder, hotFolderLedgerPath, hotFolderSpool } from '../../hotfolder/default-folder.ts';
import { createFileLedger } from '../../hotfolder/file-ledger.ts';
import { startHeadlessWatch, type WatchReport } from '../../hotfolder/headless-watch.ts';
import { contactLookup, queuedFromHotFolder, sendRouted } from '../../hotfolder/route-to-outbox.ts';
import { getSettings } from '../../store/settings-repo.ts';
import { type CliCommand, type CliContext, EXIT } from '../types.ts';

export const watchCommand: CliCommand = {
  name: 'watch',
  summary: 'Watch a folder and fax every PDF put into it that says where it goes',
  help: `Usage: openfax watch [DIR]

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

Exit status: 0 stopped cleanly, 3 no account, 4 the data folder cannot be used.`,
  options: {},
  allowPositionals: true,
  async run(ctx, _values, positionals) {
    const store = ctx.store();
    const settings = getSettings(store.db);
    const folder = resolve(positionals[0] ?? (settings.hotFolderPath || defaultHotFolder(join(homedir(), 'Documents'))));
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
    ctx.note(`Watching ${folder}. Stop with Ctrl-C.`);
    await untilAborted(ctx.io.signal);
    ctx.note('Stopping: finishing documents already taken…');
    await watch.dispose();
    return EXIT.ok;
  },
};

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
