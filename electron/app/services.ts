// Composition: builds every service from the data directory and settings. The Electron
// main, the browser host and the tests all start the app through here.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, setLogFile } from '../core/logger.ts';
import { type EventBus, createEventBus } from './event-bus.ts';
import type { HostAdapter } from './host.ts';

const log = createLogger('services');

export interface ServicesOptions {
  dataDir: string;
  host: HostAdapter;
  version: string;
  /** Write the log file in the data directory (the app does; tests may not). */
  logToFile?: boolean;
}

export interface AppServices {
  readonly dataDir: string;
  readonly host: HostAdapter;
  readonly version: string;
  readonly events: EventBus;
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
  const events = createEventBus();
  const disposers: Array<() => unknown> = [];
  const inFlightListeners = new Set<(count: number) => void>();
  log.info(`starting in ${opts.dataDir}`);
  return {
    dataDir: opts.dataDir,
    host: opts.host,
    version: opts.version,
    events,
    mode: () => 'sandbox',
    async openDocuments(paths) {
      log.info(`asked to open ${paths.length} document(s)`);
      events.emit('navigate', { screen: 'compose' });
    },
    onInFlightChanged(listener) {
      inFlightListeners.add(listener);
      return () => inFlightListeners.delete(listener);
    },
    async dispose() {
      for (const d of disposers.reverse()) await d();
    },
  };
}
