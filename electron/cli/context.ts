// Per-command resources: the store, the account, the outbox, cleanup in reverse order.

import { StoreError } from '../store/database.ts';
import { createOutbox } from '../outbox/outbox.ts';
import type { Outbox } from '../outbox/types.ts';
import { openStore, type Store } from '../store/store.ts';
import { NO_ACCOUNT_HELP, resolveAccount, sandboxAccount, startLocalSandbox } from './account.ts';
import { CliError, type CliContext, type CliIo, EXIT, type GlobalOptions, type ResolvedAccount } from './types.ts';

export interface ContextHandle {
  ctx: CliContext;
  dispose(): Promise<void>;
}

export function createContext(io: CliIo, globals: GlobalOptions): ContextHandle {
  const cleanups: Array<() => unknown | Promise<unknown>> = [];
  let store: Store | undefined;
  let account: Promise<ResolvedAccount | undefined> | undefined;
  let outbox: Promise<Outbox> | undefined;

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
      cleanups.push(() => s.close());
      return s;
    },
    optionalAccount() {
      account ??= (async () => {
        if (globals.sandbox) {
          const sb = await startLocalSandbox(globals);
          cleanups.push(() => sb.close());
          ctx.note(`Using the local sandbox at ${sb.url} (account ${sb.demoAccount.accountId}); nothing is really faxed.`);
          return sandboxAccount(sb);
        }
        return resolveAccount(io, globals, () => ctx.store());
      })();
      return account;
    },
    async account() {
      const a = await ctx.optionalAccount();
      if (!a) throw new CliError(NO_ACCOUNT_HELP, EXIT.account);
      return a;
    },
    outbox() {
      outbox ??= (async () => {
        const s = ctx.store();
        const a = await ctx.optionalAccount();
        // The sandbox runs faster than life: poll and give up on lost answers at its pace.
        const timing = globals.sandbox
          ? {
              pollIntervalMs: Math.max(250, 15_000 / globals.sandboxSpeed),
              reconcileGraceMs: Math.max(1_000, 600_000 / globals.sandboxSpeed),
            }
          : undefined;
        const o = createOutbox({ db: s.db, dataDir: s.dataDir, getAccount: () => a, timing });
        await o.start();
        cleanups.push(() => o.stop());
        return o;
      })();
      return outbox;
    },
    defer(fn) {
      cleanups.push(fn);
    },
    note(text) {
      io.stderr.write(`${text}\n`);
    },
  };

  return {
    ctx,
    async dispose() {
      for (const fn of cleanups.reverse()) {
        try {
          await fn();
        } catch (err) {
          io.stderr.write(`openfax: cleanup failed: ${(err as Error).message}\n`);
        }
      }
    },
  };
}
