// The CLI's moving parts, so commands can be tested in-process and added by other features
// (the hot folder adds `watch` and `printer`) without touching the entry point.

import type { ParseArgsOptionsConfig } from 'node:util';
import type { Outbox, OutboxAccount, OutboxErrorKind } from '../outbox/types.ts';
import type { FaultOptions } from '../sandbox/types.ts';
import type { Store } from '../store/store.ts';

export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** The API key stored for an account (the OS keychain, as the app stores it). */
  readApiKey?: (accountId: string) => Promise<string | undefined>;
  /** Aborted on Ctrl-C / SIGTERM: long-running commands finish cleanly. */
  signal?: AbortSignal;
}

export interface GlobalOptions {
  dataDir: string;
  apiUrl?: string;
  /** --trust-address: the person at the terminal agrees to send the key to an unusual --api-url. */
  trustAddress: boolean;
  sandbox: boolean;
  sandboxSpeed: number;
  /** Faults the local simulator injects (--sandbox-faults, or OPENFAX_SANDBOX_FAULTS). */
  sandboxFaults?: FaultOptions;
  json: boolean;
  moveDamagedDb: boolean;
}

/**
 * Exit codes, the same for every command and every kind of refusal:
 *   0 ok           done (send: Openfax has every fax; with --wait, every one delivered)
 *   1 failed       a fax failed, Openfax refused it, or it needs a person (the message says what to do)
 *   2 usage        the command line asks for something impossible: an unknown option, a bad value,
 *                  a number that cannot be dialled, a job that does not exist or cannot be retried
 *   3 account      no account, a refused account, or no credit
 *   4 store        the data folder cannot be used (damaged, in use for too long, disk full)
 *   5 document     a file cannot be faxed (missing, not a PDF, needs a password, damaged): nothing was queued
 *   6 duplicate    Openfax already accepted this document for that number recently (--allow-duplicate sends it anyway)
 *   130            interrupted (Ctrl-C); what was queued stays queued
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, account: 3, store: 4, document: 5, duplicate: 6, interrupted: 130 } as const;

const EXIT_FOR_OUTBOX_ERROR: Record<OutboxErrorKind, number> = {
  file: EXIT.document,
  spool: EXIT.store,
  store: EXIT.store,
  validation: EXIT.usage,
  'not-found': EXIT.usage,
  'not-allowed': EXIT.usage,
  auth: EXIT.account,
  'no-credit': EXIT.account,
  duplicate: EXIT.duplicate,
};

/** An outbox refusal as the CLI reports it: its message and action, under the table's exit code. */
export function outboxRefusal(error: { kind: OutboxErrorKind; message: string; action: string }): CliError {
  return new CliError(error.message, EXIT_FOR_OUTBOX_ERROR[error.kind], error.action);
}

export class CliError extends Error {
  readonly exitCode: number;
  readonly action?: string;
  constructor(message: string, exitCode: number = EXIT.failed, action?: string) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.action = action;
  }
}

export interface ResolvedAccount extends OutboxAccount {
  /** Where the account came from, for messages. */
  source: 'env' | 'app' | 'sandbox';
}

export interface CliContext {
  io: CliIo;
  globals: GlobalOptions;
  /** The data folder's store, opened on first use. Throws CliError (exit 4) when it cannot be. */
  store(): Store;
  /** The account to send with. Throws CliError (exit 3) when none is configured. */
  account(): Promise<ResolvedAccount>;
  /** The account if one is configured, without failing. */
  optionalAccount(): Promise<ResolvedAccount | undefined>;
  /** A started outbox on the store and account. Stopped by the context when the command ends. */
  outbox(): Promise<Outbox>;
  /** Registers cleanup to run when the command ends (reverse order). */
  defer(fn: () => unknown | Promise<unknown>): void;
  /** Progress and notes, on stderr. */
  note(text: string): void;
}

export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Usage lines and option descriptions for `openfax help NAME`. */
  help: string;
  options: ParseArgsOptionsConfig;
  allowPositionals?: boolean;
  run(ctx: CliContext, values: Record<string, unknown>, positionals: string[]): Promise<number>;
}
