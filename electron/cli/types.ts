// The CLI's moving parts, so commands can be tested in-process and added by other features
// (the hot folder adds `watch` and `printer`) without touching the entry point.

import type { ParseArgsOptionsConfig } from 'node:util';
import type { OutboxAccount, Outbox } from '../outbox/types.ts';
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
  sandbox: boolean;
  sandboxSpeed: number;
  json: boolean;
  moveDamagedDb: boolean;
}

/** Exit codes, the same for every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2, account: 3, store: 4, interrupted: 130 } as const;

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
