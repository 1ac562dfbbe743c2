// "Print to Openfax" inside the app: what the printer is on this OS, whether it is set up and
// delivers into the current hot folder, and set-up / removal run step by step with each step
// reported as it finishes. The plans themselves live in hotfolder/printer (shared with the CLI).

import { homedir } from 'node:os';
import type { PrinterRunResult, PrinterSetupView, PrinterStepView } from '../../../shared/ipc/contract/printer.ts';
import { AppError } from '../../core/app-error.ts';
import { createLogger } from '../../core/logger.ts';
import { nodePrinterHost, type PrinterHost } from './executor.ts';
import { pasteCommand } from './paste-command.ts';
import { DEFAULT_PRINTER_NAME } from './plan.ts';
import { buildInstallPlan, installPrinter, type PrinterSetup, printerStatus, removePrinter } from './printer-setup.ts';

const log = createLogger('printer');

export interface PrinterServiceOptions {
  /** The hot folder the printer must deliver into (follows Settings). */
  folder: () => string;
  platform?: NodeJS.Platform;
  homeDir?: string;
  printerName?: string;
  /** Linux: the cups-pdf instance (tests use their own, beside a real "Openfax" queue). */
  instance?: string;
  host?: PrinterHost;
  onStep?: (action: 'install' | 'remove', index: number, step: PrinterStepView) => void;
}

export interface PrinterService {
  view(): Promise<PrinterSetupView>;
  /** The view for a browser: set-up belongs to the desktop app, so nothing is checked or run. */
  desktopOnlyView(): PrinterSetupView;
  install(): Promise<PrinterRunResult>;
  remove(): Promise<PrinterRunResult>;
}

export class PrinterBusyError extends AppError {
  override name = 'PrinterBusyError';
}

/**
 * Why the browser host neither checks nor changes the printer: both run commands on this
 * computer (lpstat, lpadmin, PowerShell), which only the person at the desktop app may start.
 */
export const PRINTER_NEEDS_DESKTOP =
  'The printer is set up in the Openfax Desktop app: open it and go to Settings → Print to Openfax. The browser host does not check or change printers.';

function wordsFor(platform: NodeJS.Platform, name: string, folder: string) {
  const cli = pasteCommand(platform, folder, name);
  switch (platform) {
    case 'win32':
      return {
        kind: `A printer named "${name}" in every program's Print dialog. It uses Windows' own "Microsoft Print to PDF" driver and saves into the hot folder.`,
        rights:
          'Windows asks for administrator rights to add a printer. If a step fails, run the command below in PowerShell opened with "Run as administrator".',
        command: cli,
      };
    case 'darwin':
      return {
        kind: `"Send with Openfax" in the PDF menu at the bottom of every Print dialog.`,
        rights: 'No administrator rights are needed: it is installed for you alone, in your Library folder.',
        command: cli,
      };
    default:
      return {
        kind: `A print queue named "${name}" (CUPS, with the cups-pdf driver) that saves into the hot folder.`,
        rights: 'Adding a CUPS queue needs root. If a step fails for lack of rights, run the command below with sudo.',
        command: cli,
      };
  }
}

export function createPrinterService(opts: PrinterServiceOptions): PrinterService {
  const platform = opts.platform ?? process.platform;
  const host = opts.host ?? nodePrinterHost();
  const name = opts.printerName ?? DEFAULT_PRINTER_NAME;
  const supported = platform === 'win32' || platform === 'darwin' || platform === 'linux';
  let running = false;

  const setup = (): PrinterSetup => ({
    platform,
    hotFolder: opts.folder(),
    homeDir: opts.homeDir ?? homedir(),
    printerName: name,
    ...(opts.instance ? { instance: opts.instance } : {}),
  });

  /** A view with nothing to set up here, and why. */
  function unavailable(reason: string): PrinterSetupView {
    const folder = opts.folder();
    return {
      supported: false,
      reason,
      printerName: name,
      folder,
      installed: false,
      checks: [],
      plan: [],
      ...wordsFor(platform, name, folder),
    };
  }

  async function view(): Promise<PrinterSetupView> {
    if (!supported) return unavailable(`There is no printer to set up on ${platform}. Save or export PDFs into the hot folder instead.`);
    const s = setup();
    const words = wordsFor(platform, name, s.hotFolder);
    const status = await printerStatus(s, host);
    return {
      supported,
      reason: null,
      printerName: name,
      folder: s.hotFolder,
      installed: status.installed,
      checks: status.checks,
      plan: buildInstallPlan(s).steps.map((step) => step.explain),
      ...words,
    };
  }

  async function run(action: 'install' | 'remove'): Promise<PrinterRunResult> {
    if (!supported) throw new PrinterBusyError((await view()).reason ?? 'Not supported here.', { code: 'printer-unsupported' });
    if (running) throw new PrinterBusyError('The printer is being set up already. Wait for it to finish.', { code: 'printer-busy' });
    running = true;
    try {
      let index = 0;
      const onStep = (step: PrinterStepView) => opts.onStep?.(action, index++, step);
      const report = action === 'install' ? await installPrinter(setup(), host, onStep) : await removePrinter(setup(), host, onStep);
      log.info(`${action} the printer: ${report.ok ? 'done' : 'stopped at a failed step'}`);
      return { ok: report.ok, title: report.title, steps: report.steps, setup: await view() };
    } finally {
      running = false;
    }
  }

  return { view, desktopOnlyView: () => unavailable(PRINTER_NEEDS_DESKTOP), install: () => run('install'), remove: () => run('remove') };
}
