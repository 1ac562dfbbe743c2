// Composition: builds every service from the data directory and settings. The Electron
// main, the browser host and the tests all start the app through here.

import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { IN_FLIGHT_JOB_STATES } from '../../shared/domain.ts';
import { type ComposeService, createComposeService } from '../compose/compose-service.ts';
import { incomingFromHotFolder } from '../compose/incoming.ts';
import { createLogger, setLogFile } from '../core/logger.ts';
import { startAccountFeed } from '../account/account-feed.ts';
import { sandboxFacts } from '../account/account-view.ts';
import { startJobsFeed } from '../outbox-view/jobs-feed.ts';
import { startResultNotifier } from '../outbox-view/result-notifier.ts';
import { createOutbox } from '../outbox/outbox.ts';
import type { Outbox } from '../outbox/types.ts';
import { DEFAULT_PRICE_PER_PAGE } from '../sandbox/defaults.ts';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';
import { createKeychainStore } from '../secrets/keychain.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { broadcastProgress } from '../store/broadcasts-repo.ts';
import { countJobsInStates } from '../store/jobs-repo.ts';
import { type Store, openStore } from '../store/store.ts';
import { type AccountService, createAccountService } from '../account/account-service.ts';
import { createSettingsService, type SettingsService } from '../settings/settings-service.ts';
import { type EventBus, createEventBus } from '../core/event-bus.ts';
import type { HostAdapter } from '../core/host.ts';
import { folderFor, type HotFolderService, setupHotFolder } from '../hotfolder/hotfolder-service.ts';
import { createPrinterService, type PrinterService, type PrinterServiceOptions } from '../hotfolder/printer/printer-service.ts';

const log = createLogger('services');

export interface ServicesOptions {
  dataDir: string;
  host: HostAdapter;
  version: string;
  /** Write the log file in the data directory (the app does; tests may not). */
  logToFile?: boolean;
  /** Where the API key lives; the OS keychain unless a test passes a memory store. */
  secrets?: SecretStore;
  /** The embedded simulator. `speed` divides its realistic durations (tests: hundreds). */
  sandbox?: { speed?: number; inMemory?: boolean };
  /**
   * The hot folder. `documentsDir` is the user's Documents folder (Electron's
   * app.getPath('documents')), where the default hot folder lives; `enabled: false` leaves it
   * off (the CLI, some tests); `watcher` passes test knobs to the watcher.
   */
  hotFolder?: { enabled?: boolean; documentsDir?: string; watcher?: { settleMs?: number; rescanIntervalMs?: number } };
  /** "Print to Openfax" knobs (tests: their own queue name, a recording host). */
  printer?: Omit<PrinterServiceOptions, 'folder' | 'onStep'>;
}

export interface AppServices {
  readonly dataDir: string;
  readonly host: HostAdapter;
  readonly version: string;
  readonly events: EventBus;
  readonly store: Store;
  readonly settings: SettingsService;
  readonly sandbox: Sandbox;
  readonly account: AccountService;
  readonly outbox: Outbox;
  readonly compose: ComposeService;
  /** Absent when started with the hot folder disabled. */
  readonly hotfolder: HotFolderService | undefined;
  readonly printer: PrinterService;
  mode(): 'sandbox' | 'live';
  /** PDFs handed to the app by the OS ("Open with", a second launch): loaded into Compose. */
  openDocuments(paths: string[]): Promise<void>;
  /** Faxes in flight changed (tray tooltip, dock badge); returns a disposer. */
  onInFlightChanged(listener: (count: number) => void): () => void;
  dispose(): Promise<void>;
}

export async function createAppServices(opts: ServicesOptions): Promise<AppServices> {
  mkdirSync(opts.dataDir, { recursive: true });
  if (opts.logToFile) setLogFile(join(opts.dataDir, 'openfax.log'));
  log.info(`starting in ${opts.dataDir}`);
  const events = createEventBus();
  const disposers: Array<() => unknown> = [];
  const inFlightListeners = new Set<(count: number) => void>();

  const store = openStore(opts.dataDir);
  disposers.push(() => store.close());
  const settings = createSettingsService(store.db);
  const sandbox = await startSandbox({
    dataDir: opts.sandbox?.inMemory ? undefined : join(opts.dataDir, 'sandbox'),
    speed: opts.sandbox?.speed ?? 1,
  });
  disposers.push(() => sandbox.close());
  const account = await createAccountService({
    settings,
    secrets: opts.secrets ?? createKeychainStore(),
    sandbox,
  });
  const outbox = createOutbox({ db: store.db, dataDir: opts.dataDir, getAccount: () => account.current() });
  // The outbox goes before the store in the disposers (reverse order): uploads finish first.
  disposers.push(() => outbox.stop());
  disposers.push(outbox.on('credit-changed', ({ credit }) => account.noteCredit(credit)));
  disposers.push(account.onChange(() => outbox.resume()));
  await outbox.start();

  const emit: AppServices['events']['emit'] = (name, payload) => events.emit(name, payload);
  disposers.push(startJobsFeed({ db: store.db, outbox, emit: (p) => events.emit('jobsChanged', p) }));
  disposers.push(startAccountFeed({ account, settings, sandbox: sandboxFacts(sandbox), outbox, emit }));
  disposers.push(
    startResultNotifier({
      outbox,
      host: opts.host,
      notificationsEnabled: () => settings.get().notifyOnResult,
      countInFlight: () => countJobsInStates(store.db, IN_FLIGHT_JOB_STATES),
      broadcastProgress: (id) => broadcastProgress(store.db, id),
      onInFlight: (n) => {
        for (const l of [...inFlightListeners]) l(n);
      },
    }),
  );

  const compose = await createComposeService({
    db: store.db,
    dataDir: opts.dataDir,
    outbox,
    getSettings: () => settings.get(),
    emit,
    pricing: () => ({
      mode: account.mode(),
      sandboxPricePerPage: DEFAULT_PRICE_PER_PAGE,
      settingsPricePerPage: settings.get().pricePerPage,
      credit: outbox.lastCredit()?.credit ?? account.status().credit,
    }),
  });
  disposers.push(() => compose.dispose());

  let hotfolder: HotFolderService | undefined;
  if (opts.hotFolder?.enabled !== false) {
    hotfolder = setupHotFolder({
      dataDir: opts.dataDir,
      db: store.db,
      settings,
      outbox,
      toCompose: async (doc) => {
        await compose.addIncoming(incomingFromHotFolder(doc, hotfolder?.view().folder));
      },
      host: opts.host,
      events,
      documentsDir: opts.hotFolder?.documentsDir,
      watcher: opts.hotFolder?.watcher,
    });
    const hf = hotfolder;
    disposers.push(() => hf.dispose());
  }

  const documentsDir = opts.hotFolder?.documentsDir ?? join(homedir(), 'Documents');
  const printer = createPrinterService({
    ...opts.printer,
    folder: () => hotfolder?.view().folder ?? folderFor(settings.get(), documentsDir),
    onStep: (action, index, step) => events.emit('printerStep', { action, index, step }),
  });

  return {
    dataDir: opts.dataDir,
    host: opts.host,
    version: opts.version,
    events,
    store,
    settings,
    sandbox,
    account,
    outbox,
    compose,
    hotfolder,
    printer,
    mode: () => account.mode(),
    async openDocuments(paths) {
      log.info(`asked to open ${paths.length} document(s)`);
      events.emit('navigate', { screen: 'compose' });
      opts.host.focusWindow();
      // Refusals travel with the composeChanged event and show on Compose.
      await compose.openDocuments(paths);
    },
    onInFlightChanged(listener) {
      inFlightListeners.add(listener);
      return () => inFlightListeners.delete(listener);
    },
    async dispose() {
      for (const d of disposers.reverse()) {
        try {
          await d();
        } catch (err) {
          log.warn('a service did not stop cleanly', err);
        }
      }
      setLogFile(undefined);
    },
  };
}
