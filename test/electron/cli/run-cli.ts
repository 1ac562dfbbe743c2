// Runs one `openfax` command line in this process, as bin/openfax.mjs would, and keeps what
// it printed: the CLI tests judge its words and exit code.

import { runCli } from '../../../electron/cli/main.ts';
import type { CliIo } from '../../../electron/cli/types.ts';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** `openfax --data-dir DATA ARGS…` with `env` (quiet logs unless it says otherwise). */
export async function runCliIn(dataDir: string, args: string[], env: NodeJS.ProcessEnv = {}, extra: Partial<CliIo> = {}): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(['--data-dir', dataDir, ...args], {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    env: { OPENFAX_QUIET: '1', ...env },
    ...extra,
  });
  return { code, out, err };
}
