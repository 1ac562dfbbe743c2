// Windows: a printer "Openfax" on the built-in "Microsoft Print to PDF" driver, printing to a
// local port whose name is a file path inside the hot folder. Nothing to install; every print
// rewrites that one file, which the hot folder moves away as soon as it is complete.

import { win32 } from 'node:path';
import { DEFAULT_PRINTER_NAME, type PrinterPlan, type PrinterSetupOptions, type Probe, type StatusCheck } from './plan.ts';

const WINDOWS_DRIVER = 'Microsoft Print to PDF';
const PORT_FILE_NAME = 'openfax-print.pdf';

/**
 * Every script below is a constant: the printer name and the port path (which holds the hot
 * folder, a value the user chose) reach PowerShell as environment variables it reads, never as
 * text it parses. PowerShell closes a single-quoted string on ' and also on ‘ ’ ‚ ‛, so a folder
 * named "x’+(Start-Process calc)+’" would run code under any quoting rule that missed one.
 */
const PRINTER = '$env:OPENFAX_PRINTER';
const PORT = '$env:OPENFAX_PORT';
const DRIVER = '$env:OPENFAX_DRIVER';

function powershell(script: string, options: PrinterSetupOptions) {
  const { printer, port } = names(options);
  return {
    program: 'powershell.exe',
    args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', script],
    env: { OPENFAX_PRINTER: printer, OPENFAX_PORT: port, OPENFAX_DRIVER: WINDOWS_DRIVER },
  };
}

export function windowsPortPath(hotFolder: string): string {
  return win32.join(hotFolder, PORT_FILE_NAME);
}

function names(options: PrinterSetupOptions) {
  return { printer: options.printerName ?? DEFAULT_PRINTER_NAME, port: windowsPortPath(options.hotFolder) };
}

const psProbe = (script: string, options: PrinterSetupOptions): Probe => ({ kind: 'run-succeeds', ...powershell(script, options) });

export function windowsInstallPlan(options: PrinterSetupOptions): PrinterPlan {
  const { printer, port } = names(options);
  const ps = (script: string) => powershell(script, options);
  const probe = (script: string) => psProbe(script, options);
  return {
    title: `Set up the "${printer}" printer`,
    steps: [
      {
        kind: 'require',
        explain: `Check that Windows has its built-in "${WINDOWS_DRIVER}" driver`,
        probe: probe(`if (Get-PrinterDriver -Name ${DRIVER} -ErrorAction SilentlyContinue) { exit 0 } else { exit 1 }`),
        fix: `Turn on "Microsoft Print to PDF" in Control Panel → Programs → Turn Windows features on or off, then try again.`,
      },
      { kind: 'mkdir', explain: `Make sure the Openfax folder exists: ${options.hotFolder}`, path: options.hotFolder },
      {
        kind: 'run',
        explain: `Add a printer port that writes each print to ${port} (needs administrator rights)`,
        ...ps(`Add-PrinterPort -Name ${PORT}`),
        done: probe(`if (Get-PrinterPort -Name ${PORT} -ErrorAction SilentlyContinue) { exit 0 } else { exit 1 }`),
      },
      {
        kind: 'run',
        explain: `Add the printer "${printer}" using "${WINDOWS_DRIVER}" on that port`,
        ...ps(
          `$p = Get-Printer -Name ${PRINTER} -ErrorAction SilentlyContinue; ` +
            `if ($p) { Set-Printer -Name ${PRINTER} -PortName ${PORT} -DriverName ${DRIVER} } ` +
            `else { Add-Printer -Name ${PRINTER} -DriverName ${DRIVER} -PortName ${PORT} }`,
        ),
        done: probe(
          `$p = Get-Printer -Name ${PRINTER} -ErrorAction SilentlyContinue; ` +
            `if ($p -and $p.PortName -eq ${PORT} -and $p.DriverName -eq ${DRIVER}) { exit 0 } else { exit 1 }`,
        ),
      },
      { kind: 'note', explain: `Print from any program to "${printer}": the fax opens in Openfax.` },
    ],
  };
}

export function windowsRemovePlan(options: PrinterSetupOptions): PrinterPlan {
  const { printer, port } = names(options);
  const ps = (script: string) => powershell(script, options);
  const probe = (script: string) => psProbe(script, options);
  return {
    title: `Remove the "${printer}" printer`,
    steps: [
      {
        kind: 'run',
        explain: `Remove the printer "${printer}"`,
        ...ps(`Remove-Printer -Name ${PRINTER}`),
        done: probe(`if (Get-Printer -Name ${PRINTER} -ErrorAction SilentlyContinue) { exit 1 } else { exit 0 }`),
      },
      {
        kind: 'run',
        explain: `Remove its port ${port}`,
        ...ps(`Remove-PrinterPort -Name ${PORT}`),
        done: probe(`if (Get-PrinterPort -Name ${PORT} -ErrorAction SilentlyContinue) { exit 1 } else { exit 0 }`),
      },
      { kind: 'note', explain: 'The Openfax folder and anything in it are left as they are.' },
    ],
  };
}

export function windowsStatusChecks(options: PrinterSetupOptions): StatusCheck[] {
  const { printer, port } = names(options);
  return [
    {
      explain: `The printer "${printer}" prints to ${port}`,
      probe: psProbe(
        `$p = Get-Printer -Name ${PRINTER} -ErrorAction SilentlyContinue; if ($p -and $p.PortName -eq ${PORT}) { exit 0 } else { exit 1 }`,
        options,
      ),
    },
  ];
}
