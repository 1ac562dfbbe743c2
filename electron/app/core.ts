// The core every entry starts from: the data folder's store, the settings, the simulator, the
// account and the outbox. The app and the browser host build on it (services.ts adds the feeds,
// Compose, the hot folder and the printer); the CLI uses it alone. So which account sends, how
// sandbox jobs are scoped and how fast the outbox paces itself are decided here, once.

import { join } from 'node:path';
import { type AccountPin, type AccountService, createAccountService } from '../account/account-service.ts';
import type { DisposableStore } from '../core/disposables.ts';
import { createLogger } from '../core/logger.ts';
import { pricingInputs } from '../compose/pricing.ts';
import { createMergeService, type MergeServiceDeps } from '../merge/merge-service.ts';
import type { MergeService } from '../merge/types.ts';
import { createOutbox } from '../outbox/outbox.ts';
import type { PdfInspector } from '../pdf/pdf-inspector.ts';
import type { Outbox, OutboxTiming } from '../outbox/types.ts';
import { type FaultOptions, type Sandbox, startSandbox } from '../sandbox/index.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { createSettingsService, type SettingsService } from '../settings/settings-service.ts';
import { accountKeyOf } from '../store/account-state-repo.ts';
import { openStore, type Store } from '../store/store.ts';

const log = createLogger('core');

export interface CoreOptions {
  dataDir: string;
  /** Where the API key lives (the OS keychain in the app). */
  secrets: SecretStore;
  /** A store already open (the CLI opens it first, for commands that need nothing more). */
  store?: Store;
  /**
   * The embedded simulator; `false` runs none (the CLI with a real account). `speed` divides its
   * realistic durations; `inMemory` keeps its state out of the data folder (tests).
   */
  sandbox?: false | { speed?: number; inMemory?: boolean; port?: number; faults?: FaultOptions };
  /** An account this process is told to use instead of the settings' (the CLI). */
  pin?: AccountPin;
  /** Where the simulator draws its fax images (the app's PDF check); its own worker thread otherwise. */
  pdfInspector?: PdfInspector;
}

export interface Core {
  readonly dataDir: string;
  readonly store: Store;
  readonly settings: SettingsService;
  readonly sandbox: Sandbox | undefined;
  readonly account: AccountService;
  /** Built, not started: the caller starts it when it means to send (`credit` never does). */
  readonly outbox: Outbox;
}

/**
 * A simulator that runs faster than life is a test or a demo: the outbox polls and gives up on
 * a lost answer at the same pace, or a ten-times sandbox would wait ten real minutes for one.
 */
function outboxTimingFor(sandboxSpeed: number | undefined): OutboxTiming | undefined {
  if (!sandboxSpeed || sandboxSpeed <= 1) return undefined;
  return {
    pollIntervalMs: Math.max(250, 15_000 / sandboxSpeed),
    pollMaxBackoffMs: Math.max(1_000, 300_000 / sandboxSpeed),
    reconcileGraceMs: Math.max(1_000, 600_000 / sandboxSpeed),
  };
}

/**
 * The simulator's HTTP server is open only while the account is in sandbox mode: live, no local
 * process finds a server in the app's main process to load. Its faxes and schedule carry on
 * either way. The switch to sandbox opens it at once, in the same tick, on the port it had
 * before, so the first call of the new mode (its credit, read right after the switch) reaches it.
 */
async function followMode(sandbox: Sandbox, account: AccountService, disposables: DisposableStore): Promise<void> {
  const follow = () => (account.mode() === 'sandbox' ? sandbox.listen() : sandbox.stopListening());
  await follow();
  disposables.add(
    'sandbox follows the mode',
    account.onChange(() => {
      follow().catch((err) => log.error('could not open or close the sandbox server', err));
    }),
  );
}

/** Builds the core; everything it opens is registered in `disposables` as it is made. */
export async function buildCore(opts: CoreOptions, disposables: DisposableStore): Promise<Core> {
  let store = opts.store;
  if (!store) {
    const opened = openStore(opts.dataDir);
    disposables.add('store', () => opened.close());
    store = opened;
  }
  const settings = createSettingsService(store.db);
  let sandbox: Sandbox | undefined;
  const sandboxOpts = opts.sandbox === false ? undefined : (opts.sandbox ?? {});
  if (sandboxOpts) {
    const sb = await startSandbox({
      dataDir: sandboxOpts.inMemory ? undefined : join(opts.dataDir, 'sandbox'),
      speed: sandboxOpts.speed ?? 1,
      port: sandboxOpts.port,
      faults: sandboxOpts.faults,
      pdfInspector: opts.pdfInspector,
      // Opened below once the account says which mode is in use.
      listen: false,
    });
    disposables.add('sandbox', () => sb.close());
    sandbox = sb;
  }
  const account = await createAccountService({ settings, secrets: opts.secrets, sandbox, pin: opts.pin });
  if (sandbox) await followMode(sandbox, account, disposables);
  const outbox = createOutbox({
    db: store.db,
    dataDir: opts.dataDir,
    getAccount: () => account.current(),
    getSide: () => account.mode(),
    timing: outboxTimingFor(sandboxOpts?.speed),
  });
  // Registered after the store, so it stops first: uploads in progress finish before the database closes.
  disposables.add('outbox', () => outbox.stop());
  disposables.add(
    'outbox → account credit',
    outbox.on('credit-changed', (c) => {
      // A read that was under way when the person switched accounts is the old account's credit.
      const now = account.current();
      if (now && c.accountKey === accountKeyOf(now.endpoint, now.accountId)) account.noteCredit(c.credit);
    }),
  );
  disposables.add(
    'account → outbox resume',
    account.onChange(() => outbox.resume()),
  );
  return { dataDir: opts.dataDir, store, settings, sandbox, account, outbox };
}

/** What an entry adds to the core's mail merge. */
export type CoreMergeOptions = Pick<MergeServiceDeps, 'emit' | 'converters' | 'adoptOrphans' | 'alwaysNewMerge' | 'timing' | 'log'>;

/**
 * The mail merge on the core: the CLI and the benchmark build it so (no event bus; the CLI says
 * `adoptOrphans: false` and `alwaysNewMerge: true`, so it makes only its own merge and leaves the
 * app's draft alone); the app adds the host's printer and
 * its events (services.ts). Registered after the outbox, so it stops first: no row is queued
 * into an outbox that has stopped.
 */
export async function buildMerge(core: Core, disposables: DisposableStore, opts: CoreMergeOptions = {}): Promise<MergeService> {
  const merge = await createMergeService({
    db: core.store.db,
    dataDir: core.dataDir,
    outbox: core.outbox,
    getSettings: () => core.settings.get(),
    pricing: () => pricingInputs({ db: core.store.db, account: core.account, overridePricePerPage: core.settings.get().pricePerPage }),
    ...opts,
  });
  disposables.add('merge', () => merge.dispose());
  return merge;
}
