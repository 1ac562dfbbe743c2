// openfax printer install|remove|status: the "Print to Openfax" printer, step by step.

import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultHotFolder } from '../../hotfolder/default-folder.ts';
import type { StepReport } from '../../hotfolder/printer/executor.ts';
import { installPrinter, type PrinterSetup, printerStatus, removePrinter } from '../../hotfolder/printer/printer-setup.ts';
import { getSettings } from '../../store/settings-repo.ts';
import { CliError, type CliCommand, type CliContext, EXIT } from '../types.ts';

const MARK: Record<StepReport['status'], string> = {
  ok: 'ok',
  done: 'done',
  already: 'already',
  failed: 'FAILED',
  skipped: 'skipped',
  info: 'note',
};

export const printerCommand: CliCommand = {
  name: 'printer',
  summary: 'Set up, remove or check the "Openfax" printer that prints into the hot folder',
  help: `Usage: openfax printer install|remove|status [--folder DIR] [--name NAME]

  install   Windows: a printer "Openfax" (Microsoft Print to PDF on a port that writes into the
            folder; run as administrator). macOS: "Send with Openfax" in the print dialog's PDF
            menu. Linux: a CUPS queue "Openfax" on cups-pdf (run with sudo).
            Safe to run again: steps already done are reported as such.
  remove    Undoes it; the folder and its files stay.
  status    Says whether it is set up and delivers into the folder.

  --folder DIR   The hot folder (default: the app's, or "Documents/Openfax Outbox")
  --name NAME    The printer's name (default Openfax)

Exit status: 0 done (status: set up), 1 a step failed (status: not set up), 2 wrong usage.`,
  options: { folder: { type: 'string' }, name: { type: 'string' } },
  allowPositionals: true,
  async run(ctx, values, positionals) {
    const action = positionals[0];
    if (action !== 'install' && action !== 'remove' && action !== 'status') {
      throw new CliError('Say what to do: openfax printer install, remove or status.', EXIT.usage);
    }
    const setup: PrinterSetup = {
      platform: process.platform,
      hotFolder: hotFolderOf(ctx, values.folder as string | undefined),
      homeDir: homedir(),
      ...(values.name !== undefined ? { printerName: String(values.name) } : {}),
    };
    try {
      if (action === 'status') {
        const status = await printerStatus(setup);
        if (ctx.globals.json) ctx.io.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
        else for (const c of status.checks) ctx.io.stdout.write(`${c.ok ? 'yes' : 'no '}  ${c.explain}\n`);
        return status.installed ? EXIT.ok : EXIT.failed;
      }
      const onStep = (s: StepReport) => {
        if (ctx.globals.json) return;
        ctx.io.stdout.write(`${MARK[s.status].padEnd(8)} ${s.explain}\n`);
        if (s.detail) ctx.io.stdout.write(`         ${s.detail}\n`);
      };
      const report = action === 'install' ? await installPrinter(setup, undefined, onStep) : await removePrinter(setup, undefined, onStep);
      if (ctx.globals.json) ctx.io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return report.ok ? EXIT.ok : EXIT.failed;
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError((error as Error).message, EXIT.failed);
    }
  },
};

function hotFolderOf(ctx: CliContext, given: string | undefined): string {
  if (given) return resolve(given);
  const configured = getSettings(ctx.store().db).hotFolderPath;
  return configured || defaultHotFolder(join(homedir(), 'Documents'));
}
