// A printer set-up is a list of steps, each explained in plain words, built by pure functions
// per platform (unit-tested anywhere) and carried out by the executor. A step can name a probe
// that shows it is already done, which makes install and remove safe to run again.

/**
 * Values a script reads from its environment (PowerShell `$env:NAME`). A user's value (a folder,
 * a printer name) travels here, never inside script text: no quoting rule can be trusted with
 * every character a shell treats as a quote (PowerShell also closes '…' on ‘ ’ ‚ ‛).
 */
export type RunEnv = Readonly<Record<string, string>>;

export type Probe =
  | { kind: 'file-exists'; path: string }
  | { kind: 'file-equals'; path: string; content: string }
  | { kind: 'run-succeeds'; program: string; args: string[]; env?: RunEnv }
  | { kind: 'run-output-includes'; program: string; args: string[]; text: string; env?: RunEnv }
  | { kind: 'not'; probe: Probe };

export type PrinterStep =
  /** Must already hold; otherwise the plan stops with `fix`. */
  | { kind: 'require'; explain: string; probe: Probe; fix: string }
  | { kind: 'mkdir'; explain: string; path: string }
  | { kind: 'write-file'; explain: string; path: string; content: string; mode?: number }
  | { kind: 'remove-file'; explain: string; path: string }
  | { kind: 'run'; explain: string; program: string; args: string[]; env?: RunEnv; done?: Probe }
  /** Nothing to do; something the user should know. */
  | { kind: 'note'; explain: string };

export interface PrinterPlan {
  title: string;
  steps: PrinterStep[];
}

/** What is checked to say whether the printer is set up, each line explained. */
export interface StatusCheck {
  explain: string;
  probe: Probe;
}

export interface PrinterSetupOptions {
  /** The hot folder the printer must deliver into. */
  hotFolder: string;
  /** The user's home folder (macOS PDF Services live there). */
  homeDir: string;
  /** Printer / queue name shown to people (default "Openfax"). */
  printerName?: string;
}

export const DEFAULT_PRINTER_NAME = 'Openfax';
