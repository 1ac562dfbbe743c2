// Per-command resources: the store, then (when a command needs it) the core with its account
// and outbox, all undone in reverse order when the command ends.

import { buildCore, type Core } from '../app/core.ts';
import { DisposableStore } from '../core/disposables.ts';
import type { Outbox } from '../outbox/types.ts';
import { describeFaults } from '../sandbox/fault-spec.ts';
import { StoreError } from '../store/database.ts';
import { describeLeaseHolder } from '../store/lease-repo.ts';
import { openStore, type Store } from '../store/store.ts';
import { accountProblem, chooseAccount, NO_ACCOUNT_HELP, readOnlyKeychain } from './account.ts';
import { CliError, type CliContext, type CliIo, EXIT, type GlobalOptions, type ResolvedAccount } from './types.ts';

export interface ContextHandle {
  ctx: CliContext;
  dispose(): Promise<void>;
}

export function createContext(io: CliIo, globals: GlobalOptions): ContextHandle {
  const disposables = new DisposableStore();
  let store: Store | undefined;
  let core: Promise<{ core: Core; account: ResolvedAccount } | undefined> | undefined;
  let outboxStarted: Promise<Outbox> | undefined;

  const withCore = () => {
    core ??= (async () => {
      const choice = chooseAccount(io, globals, () => ctx.store());
      if (!choice) return undefined;
      const built = await buildCore(
        {
          dataDir: globals.dataDir,
          store: ctx.store(),
          secrets: readOnlyKeychain(io),
          sandbox: choice.source === 'sandbox' ? { speed: globals.sandboxSpeed, faults: globals.sandboxFaults } : false,
          pin: choice.pin,
        },
        disposables,
      );
      if (built.sandbox) {
        const sb = built.sandbox;
        ctx.note(`Using the local sandbox at ${sb.url} (account ${sb.demoAccount.accountId}); nothing is really faxed.`);
        if (globals.sandboxFaults) ctx.note(`Sandbox faults on: ${describeFaults(globals.sandboxFaults)}.`);
      } else {
        const problem = accountProblem(built.account.status());
        if (problem) throw problem;
      }
      const current = built.account.current();
      if (!current) throw new CliError(NO_ACCOUNT_HELP, EXIT.account);
      return { core: built, account: { ...current, source: choice.source } };
    })();
    return core;
  };

  const ctx: CliContext = {
    io,
    globals,
    store() {
      if (store) return store;
      try {
        store = openStore(globals.dataDir, { moveDamagedAside: globals.moveDamagedDb });
      } catch (err) {
        if (err instanceof StoreError) throw new CliError(err.message, EXIT.store, err.action);
        throw err;
      }
      const s = store;
      disposables.add('store', () => s.close());
      return s;
    },
    async optionalAccount() {
      return (await withCore())?.account;
    },
    async account() {
      const a = await ctx.optionalAccount();
      if (!a) throw new CliError(NO_ACCOUNT_HELP, EXIT.account);
      return a;
    },
    outbox() {
      outboxStarted ??= (async () => {
        const built = await withCore();
        if (!built) throw new CliError(NO_ACCOUNT_HELP, EXIT.account);
        await built.core.outbox.start();
        if (!built.core.outbox.queueState().leader) ctx.note(folderInUse(ctx.store()));
        return built.core.outbox;
      })();
      return outboxStarted;
    },
    defer(fn) {
      disposables.add('command cleanup', fn);
    },
    note(text) {
      io.stderr.write(`${text}\n`);
    },
  };

  return { ctx, dispose: () => disposables.dispose() };
}

/** Said when another process sends for this data folder: who it is, what happens, what to do. */
function folderInUse(store: Store): string {
  const holder = describeLeaseHolder(store.db, Date.now()) ?? 'another process';
  return (
    `The data folder ${store.dataDir} is in use by ${holder} (Openfax Desktop or another openfax command): ` +
    'that process uploads the faxes and reads their results; this command queues its faxes for it and follows them. ' +
    'If that process stops, this command takes over within a minute. To run them apart instead, give this one its own --data-dir.'
  );
}
