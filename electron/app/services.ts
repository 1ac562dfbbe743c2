// Composition: the app's services, built on the core (core.ts) as a list of setup steps, each
// registering its disposer the moment it is made. The Electron main, the browser host and the
// tests all start the app through here; the CLI uses the core alone.

import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { startAccountFeed } from '../account/account-feed.ts';
import { type AsSentService, startAsSent } from '../as-sent/as-sent-service.ts';
import type { AccountService } from '../account/account-service.ts';
import { sandboxFacts } from '../account/account-view.ts';
import { type ComposeService, createComposeService } from '../compose/compose-service.ts';
import { incomingFromHotFolder } from '../compose/incoming.ts';
import { pricingInputs } from '../compose/pricing.ts';
import { DisposableStore } from '../core/disposables.ts';
import { createEventBus, type EventBus } from '../core/event-bus.ts';
import type { HostAdapter } from '../core/host.ts';
import { createLogger, setLogFile } from '../core/logger.ts';
import { folderFor, type HotFolderService, setupHotFolder } from '../hotfolder/hotfolder-service.ts';
import { createPrinterService, type PrinterService, type PrinterServiceOptions } from '../hotfolder/printer/printer-service.ts';
import type { Outbox } from '../outbox/types.ts';
import type { PdfInspector } from '../pdf/pdf-inspector.ts';
import { type ReportService, startReportService } from '../report/report-service.ts';
import { createThreadInspector } from '../pdf/thread-inspector.ts';
import { startJobsFeed } from '../outbox-view/jobs-feed.ts';
import { countInFlight, mergeBroadcastLabel } from '../outbox-view/outbox-query.ts';
import { startResultNotifier } from '../outbox-view/result-notifier.ts';
import type { FaultOptions, Sandbox } from '../sandbox/index.ts';
import { createKeychainStore } from '../secrets/keychain.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { createHotFolderGate, type HotFolderGate } from '../settings/hot-folder-gate.ts';
import { type HotFolderPlaces, placesHere } from '../settings/hot-folder-rules.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { broadcastProgress } from '../store/broadcasts-repo.ts';
import type { Store } from '../store/store.ts';
import { noUpdates, startUpdateEngine, type UpdateService } from '../update/update-engine.ts';
import type { UpdatePort } from '../update/update-port.ts';
import type { DocxPrintPort, MergeService } from '../merge/types.ts';
import { buildCore, buildMerge, type Core } from './core.ts';

const log = createLogger('services');

export interface ServicesOptions {
  dataDir: string;
  host: HostAdapter;
  version: string;
  /** Write the log file in the data directory (the app does; tests may not). */
  logToFile?: boolean;
  /** Where the API key lives; the OS keychain unless a test passes a memory store. */
  secrets?: SecretStore;
  /** The embedded simulator. `speed` divides its realistic durations (tests: hundreds); `faults` makes it fail some requests. */
  sandbox?: { speed?: number; inMemory?: boolean; faults?: FaultOptions };
  /**
   * The hot folder. `documentsDir` is the user's Documents folder (Electron's
   * app.getPath('documents')), where the default hot folder lives; `enabled: false` leaves it
   * off (some tests); `watcher` passes test knobs to the watcher; `home` is the home folder the
   * hot folder rules refuse (tests: a temp one; the OS's otherwise).
   */
  hotFolder?: {
    enabled?: boolean;
    documentsDir?: string;
    home?: string;
    watcher?: { settleMs?: number; rescanIntervalMs?: number };
  };
  /** "Print to Openfax" knobs (tests: their own queue name, a recording host). */
  printer?: Omit<PrinterServiceOptions, 'folder' | 'onStep'>;
  /**
   * Where pdf.js reads the documents Compose and the hot folder take: Electron's main passes a
   * utility process (wiring/pdf-inspector.ts); otherwise a worker thread. Closed with the services.
   */
  pdfInspector?: PdfInspector;
  /**
   * In-app updates: the updater Electron's main made (wiring/updater.ts) with the feed address the
   * app was built with, or why there is none. Left out (the browser host, tests): none, and the
   * view says updates come with the installed app.
   */
  updates?: { port: UpdatePort; defaultFeedUrl: string | undefined } | { unavailable: string };
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
  /** The image Openfax sent of each fax ("As sent by Openfax"). */
  readonly asSent: AsSentService;
  /** The one gate a new hot folder passes (the picker's grants live here, one set per app). */
  readonly hotFolderGate: HotFolderGate;
  /** Transmission reports and the archive folder. */
  readonly reports: ReportService;
  /** In-app updates: checks, the ready update, the restart that waits for faxes being sent. */
  readonly updates: UpdateService;
  /** The mail merge: one Word template, a personalised fax to each row. */
  readonly merge: MergeService;
  /** What is still running, by name, oldest first (empty once disposed). */
  readonly running: readonly string[];
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
  const disposables = new DisposableStore();
  disposables.add('log file', () => setLogFile(undefined));
  try {
    const events = createEventBus();
    const pdfInspector = opts.pdfInspector ?? createThreadInspector();
    disposables.add('pdf check', () => pdfInspector.dispose());
    const inFlight = new Set<(count: number) => void>();
    const core = await buildCore(
      { dataDir: opts.dataDir, secrets: opts.secrets ?? createKeychainStore(), sandbox: opts.sandbox ?? {}, pdfInspector },
      disposables,
    );
    await core.outbox.start();
    setupFeeds(core, events, opts.host, inFlight, disposables);
    const asSent = setupAsSent(core, disposables);
    const compose = await setupCompose(core, events, disposables, pdfInspector);
    const places = placesHere({ dataDir: opts.dataDir, documents: opts.hotFolder?.documentsDir, home: opts.hotFolder?.home });
    const hotFolderGate = createHotFolderGate(places, Date.now, () => core.settings.get().archiveFolderPath);
    const hotfolder = setupAppHotFolder(core, compose, events, opts, disposables, pdfInspector, hotFolderGate);
    const printer = setupPrinter(core, hotfolder, events, opts);
    const reports = setupReports(core, events, disposables, pdfInspector, places, asSent);
    const updates = setupUpdates(core, events, opts, disposables);
    const merge = await setupMerge(core, events, opts.host, disposables);

    return {
      dataDir: opts.dataDir,
      host: opts.host,
      version: opts.version,
      events,
      store: core.store,
      settings: core.settings,
      sandbox: core.sandbox!,
      account: core.account,
      outbox: core.outbox,
      compose,
      hotfolder,
      printer,
      asSent,
      hotFolderGate,
      reports,
      updates,
      merge,
      get running() {
        return disposables.names;
      },
      mode: () => core.account.mode(),
      async openDocuments(paths) {
        log.info(`asked to open ${paths.length} document(s)`);
        events.emit('navigate', { screen: 'compose' });
        opts.host.focusWindow();
        // Refusals travel with the composeChanged event and show on Compose.
        await compose.openDocuments(paths);
      },
      onInFlightChanged(listener) {
        inFlight.add(listener);
        return () => inFlight.delete(listener);
      },
      dispose: () => disposables.dispose(),
    };
  } catch (err) {
    // Whatever started before the failure stops again: no open database or port is left behind.
    await disposables.dispose();
    throw err;
  }
}

/** What the renderer hears about: jobs, account and connection; notifications and the badge. */
function setupFeeds(core: Core, events: EventBus, host: HostAdapter, inFlight: Set<(n: number) => void>, d: DisposableStore): void {
  const { store, outbox, account, settings } = core;
  const emit: EventBus['emit'] = (name, payload) => events.emit(name, payload);
  d.add(
    'jobs feed',
    startJobsFeed({
      db: store.db,
      outbox,
      emit: (p) => events.emit('jobsChanged', p),
      mode: () => account.mode(),
      inUse: () => outbox.accountInUse(),
    }),
  );
  d.add('account feed', startAccountFeed({ account, settings, sandbox: sandboxFacts(core.sandbox!), outbox, emit }));
  d.add(
    'result notifier',
    startResultNotifier({
      outbox,
      host,
      notificationsEnabled: () => settings.get().notifyOnResult,
      countInFlight: () => countInFlight(store.db, account.mode()),
      // A merge's finished broadcast is named after its template; others keep their document's name.
      broadcastName: (id) => mergeBroadcastLabel(store.db, id),
      broadcastProgress: (id) => broadcastProgress(store.db, id),
      onInFlight: (n) => {
        for (const l of [...inFlight]) l(n);
      },
    }),
  );
}

async function setupCompose(core: Core, events: EventBus, d: DisposableStore, pdfInspector: PdfInspector): Promise<ComposeService> {
  const { store, outbox, account, settings } = core;
  const compose = await createComposeService({
    db: store.db,
    dataDir: core.dataDir,
    outbox,
    getSettings: () => settings.get(),
    emit: (name, payload) => events.emit(name, payload),
    pricing: () => pricingInputs({ db: store.db, account, overridePricePerPage: settings.get().pricePerPage }),
    pdfInspector,
  });
  d.add('compose', () => compose.dispose());
  return compose;
}

function setupAppHotFolder(
  core: Core,
  compose: ComposeService,
  events: EventBus,
  opts: ServicesOptions,
  d: DisposableStore,
  pdfInspector: PdfInspector,
  gate: HotFolderGate,
): HotFolderService | undefined {
  if (opts.hotFolder?.enabled === false) return undefined;
  const hotfolder: HotFolderService = setupHotFolder({
    dataDir: core.dataDir,
    db: core.store.db,
    settings: core.settings,
    outbox: core.outbox,
    toCompose: async (doc) => (await compose.addIncoming(incomingFromHotFolder(doc, hotfolder.view().folder))).refused[0],
    host: opts.host,
    events,
    documentsDir: opts.hotFolder?.documentsDir,
    watcher: opts.hotFolder?.watcher,
    pdfInspector,
    // The saved folder too (an older version took any): home, Documents or system is never watched.
    refusal: (folder) => gate.checkKept(folder),
  });
  d.add('hot folder', () => hotfolder.dispose());
  return hotfolder;
}

/** Reports made on request, and the archive folder written as faxes end. */
function setupReports(
  core: Core,
  events: EventBus,
  d: DisposableStore,
  pdfInspector: PdfInspector,
  places: HotFolderPlaces,
  asSent: AsSentService,
): ReportService {
  const reports = startReportService({
    db: core.store.db,
    outbox: core.outbox,
    settings: core.settings,
    places,
    renderFax: (input, options) => pdfInspector.renderFax(input, options),
    // The image Openfax sent goes beside ours on page 1; a download that is due is finished
    // first, so an archived fax carries it whenever Openfax provided one.
    asSentFirstPage: (jobId) => asSent.firstPage(jobId),
    notice: (notice) => events.emit('notice', notice),
  });
  // Before the outbox stops (registered later, disposed first): an archive write in progress finishes.
  d.add('reports and archive', () => reports.dispose());
  // Registered later, so disposed first: downloads stop before the reports, and an archive
  // write waiting for an image goes on without it rather than wait for the download's timeout.
  d.add('as-sent downloads', () => asSent.dispose());
  return reports;
}

/** Downloads the image Openfax sent of each fax that ends, once. */
function setupAsSent(core: Core, d: DisposableStore): AsSentService {
  const asSent = startAsSent({ db: core.store.db, dataDir: core.dataDir, outbox: core.outbox, log: createLogger('as-sent') });
  // Registered after the store: a download in progress stops before the database closes.
  d.add('as sent by Openfax', () => asSent.dispose());
  return asSent;
}

/** Update checks on their schedule; a restart to install waits for the uploads in progress, and holds new ones. */
function setupUpdates(core: Core, events: EventBus, opts: ServicesOptions, d: DisposableStore): UpdateService {
  const given = opts.updates ?? { unavailable: 'Updates come with the installed app.' };
  if ('unavailable' in given) return noUpdates(opts.version, given.unavailable);
  const updates = startUpdateEngine({
    port: given.port,
    currentVersion: opts.version,
    feedSetting: () => core.settings.get().updateFeedUrl,
    defaultFeedUrl: given.defaultFeedUrl,
    // Only uploads: a queued fax, or one with Openfax awaiting its report, survives a restart.
    uploads: {
      count: () => core.outbox.queueState().uploading,
      onChange: (listener) => core.outbox.on('queue-state', (q) => listener(q.uploading)),
      hold: (held) => core.outbox.holdUploads(held),
    },
    emit: (view) => events.emit('updateChanged', view),
    // The window may be gone (macOS closes them all before Squirrel installs): back it comes,
    // with the reason on screen, and the OS says it too.
    alertInstallFailed: (message) => {
      opts.host.focusWindow();
      opts.host.notify('Openfax Desktop was not updated', message);
    },
    log: createLogger('updates'),
  });
  d.add('update checks', () => updates.dispose());
  return updates;
}

/** The mail merge, with the host's built-in DOCX printer when it has one; a merge a crash left running goes on. */
async function setupMerge(core: Core, events: EventBus, host: HostAdapter, d: DisposableStore): Promise<MergeService> {
  const printer: HostAdapter & Partial<DocxPrintPort> = host;
  const print = printer.printDocx;
  return buildMerge(core, d, {
    converters: print ? { builtin: { printDocx: (docx, signal) => print.call(host, docx, signal) } } : {},
    emit: (name, payload) => events.emit(name, payload),
  });
}

function setupPrinter(core: Core, hotfolder: HotFolderService | undefined, events: EventBus, opts: ServicesOptions): PrinterService {
  const documentsDir = opts.hotFolder?.documentsDir ?? join(homedir(), 'Documents');
  return createPrinterService({
    ...opts.printer,
    folder: () => hotfolder?.view().folder ?? folderFor(core.settings.get(), documentsDir),
    onStep: (action, index, step) => events.emit('printerStep', { action, index, step }),
  });
}
