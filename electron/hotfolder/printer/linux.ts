// Linux: a CUPS queue on the cups-pdf backend. cups-pdf reads `cups-pdf-<instance>.conf` for a
// device URI `cups-pdf:/<instance>`, so our queue gets its own output folder (the hot folder)
// without touching the user's ordinary "PDF" printer and its cups-pdf.conf.

import { posix } from 'node:path';
import { DEFAULT_PRINTER_NAME, type PrinterPlan, type PrinterSetupOptions, type StatusCheck } from './plan.ts';

export interface CupsOptions extends PrinterSetupOptions {
  /** cups-pdf instance name, used in the device URI and the config file name (default: the queue name in lower case). */
  instance?: string;
  /** Default /etc/cups. */
  cupsConfDir?: string;
  /** Default /usr/lib/cups/backend/cups-pdf. */
  backendPath?: string;
  /** The cups-pdf PPD (Debian: /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd). */
  ppdPath?: string;
}

export const DEFAULT_CUPS_PDF_PPD = '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd';

function settings(options: CupsOptions) {
  const printer = options.printerName ?? DEFAULT_PRINTER_NAME;
  if (!/^[A-Za-z0-9_-]+$/.test(printer)) throw new Error(`CUPS queue name "${printer}" may use letters, digits, - and _ only`);
  // Each queue gets its own cups-pdf instance, so two queues never share an output folder.
  const instance = options.instance ?? printer.toLowerCase();
  if (!/^[A-Za-z0-9_-]+$/.test(instance)) throw new Error(`cups-pdf instance name "${instance}" may use letters, digits, - and _ only`);
  const confDir = options.cupsConfDir ?? '/etc/cups';
  return {
    instance,
    printer,
    uri: `cups-pdf:/${instance}`,
    confPath: posix.join(confDir, `cups-pdf-${instance}.conf`),
    backend: options.backendPath ?? '/usr/lib/cups/backend/cups-pdf',
    ppd: options.ppdPath ?? DEFAULT_CUPS_PDF_PPD,
  };
}

/** The queue's own cups-pdf configuration: everything printed lands in the hot folder. */
export function cupsPdfConfig(hotFolder: string): string {
  if (/[\r\n]/.test(hotFolder)) throw new Error('the hot folder path cannot contain a line break');
  return [
    '# Written by Openfax Desktop for its print queue; remove the queue from Openfax to undo.',
    `Out ${hotFolder}`,
    `AnonDirName ${hotFolder}`,
    'Grp lpadmin',
    'DecodeHexStrings 1',
    '',
  ].join('\n');
}

export function cupsInstallPlan(options: CupsOptions): PrinterPlan {
  const s = settings(options);
  return {
    title: `Set up the "${s.printer}" printer (CUPS)`,
    steps: [
      {
        kind: 'require',
        explain: 'Check that the cups-pdf printer driver is installed',
        probe: { kind: 'file-exists', path: s.backend },
        fix: 'Install it, then try again: on Debian or Ubuntu "sudo apt install printer-driver-cups-pdf", on Fedora "sudo dnf install cups-pdf".',
      },
      {
        kind: 'require',
        explain: 'Check that its printer description (PPD) is there',
        probe: { kind: 'file-exists', path: s.ppd },
        fix: `The cups-pdf PPD was not found at ${s.ppd}: reinstall cups-pdf.`,
      },
      {
        kind: 'require',
        explain: 'Check that the CUPS print service is running',
        probe: { kind: 'run-succeeds', program: 'lpstat', args: ['-r'] },
        fix: 'Start CUPS ("sudo systemctl start cups"), then try again.',
      },
      { kind: 'mkdir', explain: `Make sure the Openfax folder exists: ${options.hotFolder}`, path: options.hotFolder },
      {
        kind: 'write-file',
        explain: `Tell cups-pdf to save this printer's output in the Openfax folder (${s.confPath}; needs administrator rights)`,
        path: s.confPath,
        content: cupsPdfConfig(options.hotFolder),
        mode: 0o644,
      },
      {
        kind: 'run',
        explain: `Add the print queue "${s.printer}" on ${s.uri}, enabled and accepting jobs`,
        program: 'lpadmin',
        args: ['-p', s.printer, '-v', s.uri, '-E', '-P', s.ppd, '-D', 'Print to Openfax', '-L', 'Openfax Desktop'],
        done: { kind: 'run-output-includes', program: 'lpstat', args: ['-v', s.printer], text: s.uri },
      },
      {
        kind: 'note',
        explain: `Print from any program to "${s.printer}". On Ubuntu, AppArmor may confine cups-pdf to ~/PDF: if nothing arrives, see /usr/share/doc/printer-driver-cups-pdf/README.Debian.`,
      },
    ],
  };
}

export function cupsRemovePlan(options: CupsOptions): PrinterPlan {
  const s = settings(options);
  return {
    title: `Remove the "${s.printer}" printer (CUPS)`,
    steps: [
      {
        kind: 'run',
        explain: `Remove the print queue "${s.printer}"`,
        program: 'lpadmin',
        args: ['-x', s.printer],
        done: { kind: 'not', probe: { kind: 'run-succeeds', program: 'lpstat', args: ['-p', s.printer] } },
      },
      { kind: 'remove-file', explain: `Remove its cups-pdf settings (${s.confPath})`, path: s.confPath },
      { kind: 'note', explain: 'The Openfax folder and anything in it are left as they are.' },
    ],
  };
}

export function cupsStatusChecks(options: CupsOptions): StatusCheck[] {
  const s = settings(options);
  return [
    {
      explain: `The print queue "${s.printer}" exists on ${s.uri}`,
      probe: { kind: 'run-output-includes', program: 'lpstat', args: ['-v', s.printer], text: s.uri },
    },
    {
      explain: `cups-pdf saves its output in ${options.hotFolder}`,
      probe: { kind: 'file-equals', path: s.confPath, content: cupsPdfConfig(options.hotFolder) },
    },
  ];
}
