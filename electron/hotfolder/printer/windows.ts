// Windows: a printer "Openfax" on the built-in "Microsoft Print to PDF" driver, printing to a
// local port whose name is a file path inside the hot folder. Nothing to install; every print
// rewrites that one file, which the hot folder moves away as soon as it is complete.

import { win32 } from 'node:path';
import { DEFAULT_PRINTER_NAME, type PrinterPlan, type PrinterSetupOptions, type Probe, type StatusCheck } from './plan.ts';

const WINDOWS_DRIVER = 'Microsoft Print to PDF';
const PORT_FILE_NAME = 'openfax-print.pdf';

/** PowerShell single-quoted literal: only the quote itself needs doubling. */
export function psQuote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function powershell(script: string): { program: string; args: string[] } {
  return { program: 'powershell.exe', args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', script] };
}

export function windowsPortPath(hotFolder: string): string {
  return win32.join(hotFolder, PORT_FILE_NAME);
}

function names(options: PrinterSetupOptions) {
  return { printer: options.printerName ?? DEFAULT_PRINTER_NAME, port: windowsPortPath(options.hotFolder) };
}

const psProbe = (script: string): Probe => ({ kind: 'run-succeeds', ...powershell(script) });

export function windowsInstallPlan(options: PrinterSetupOptions): PrinterPlan {
  const { printer, port } = names(options);
  const P = psQuote(printer);
  const Q = psQuote(port);
  return {
    title: `Set up the "${printer}" printer`,
    steps: [
      {
        kind: 'require',
        explain: `Check that Windows has its built-in "${WINDOWS_DRIVER}" driver`,
        probe: psProbe(`if (Get-PrinterDriver -Name ${psQuote(WINDOWS_DRIVER)} -ErrorAction SilentlyContinue) { exit 0 } else { exit 1 }`),
        fix: `Turn on "Microsoft Print to PDF" in Control Panel → Programs → Turn Windows features on or off, then try again.`,
      },
      { kind: 'mkdir', explain: `Make sure the Openfax folder exists: ${options.hotFolder}`, path: options.hotFolder },
      {
        kind: 'run',
        explain: `Add a printer port that writes each print to ${port} (needs administrator rights)`,
        ...powershell(`Add-PrinterPort -Name ${Q}`),
        done: psProbe(`if (Get-PrinterPort -Name ${Q} -ErrorAction SilentlyContinue) { exit 0 } else { exit 1 }`),
      },
      {
        kind: 'run',
        explain: `Add the printer "${printer}" using "${WINDOWS_DRIVER}" on that port`,
        ...powershell(
          `$p = Get-Printer -Name ${P} -ErrorAction SilentlyContinue; ` +
            `if ($p) { Set-Printer -Name ${P} -PortName ${Q} -DriverName ${psQuote(WINDOWS_DRIVER)} } ` +
            `else { Add-Printer -Name ${P} -DriverName ${psQuote(WINDOWS_DRIVER)} -PortName ${Q} }`,
        ),
        done: psProbe(
          `$p = Get-Printer -Name ${P} -ErrorAction SilentlyContinue; ` +
            `if ($p -and $p.PortName -eq ${Q} -and $p.DriverName -eq ${psQuote(WINDOWS_DRIVER)}) { exit 0 } else { exit 1 }`,
        ),
      },
      { kind: 'note', explain: `Print from any program to "${printer}": the fax opens in Openfax.` },
    ],
  };
}

export function windowsRemovePlan(options: PrinterSetupOptions): PrinterPlan {
  const { printer, port } = names(options);
  const P = psQuote(printer);
  const Q = psQuote(port);
  return {
    title: `Remove the "${printer}" printer`,
    steps: [
      {
        kind: 'run',
        explain: `Remove the printer "${printer}"`,
        ...powershell(`Remove-Printer -Name ${P}`),
        done: psProbe(`if (Get-Printer -Name ${P} -ErrorAction SilentlyContinue) { exit 1 } else { exit 0 }`),
      },
      {
        kind: 'run',
        explain: `Remove its port ${port}`,
        ...powershell(`Remove-PrinterPort -Name ${Q}`),
        done: psProbe(`if (Get-PrinterPort -Name ${Q} -ErrorAction SilentlyContinue) { exit 1 } else { exit 0 }`),
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
        `$p = Get-Printer -Name ${psQuote(printer)} -ErrorAction SilentlyContinue; if ($p -and $p.PortName -eq ${psQuote(port)}) { exit 0 } else { exit 1 }`,
      ),
    },
  ];
}
