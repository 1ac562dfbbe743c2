// The hot folder inside the app: every printed PDF becomes a draft on Compose (the window
// comes to the front), or, when the document says where it goes and auto-routing is on,
// is queued straight away. Rejected files are announced; the watcher follows the settings.

import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import type { HotFolderView } from '../../shared/ipc/contract/account.ts';
import type { Settings } from '../../shared/settings.ts';
import { createLogger } from '../core/logger.ts';
import { defaultHotFolder, hotFolderSpool } from './default-folder.ts';
import type { HotFolderDocument, HotFolderState } from './events.ts';
import { createFileLedger } from './file-ledger.ts';
import { type HotFolder, createHotFolder } from './hot-folder.ts';
import { contactLookup, sendRouted } from './route-to-outbox.ts';
import { printedDocumentName } from './printed-name.ts';
import { isAutoRoutable } from './routing.ts';
import type { Outbox } from '../outbox/types.ts';
import type { Db } from '../store/sql.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { HostAdapter } from '../core/host.ts';

const log = createLogger('hotfolder-service');

export interface HotFolderServiceDeps {
  dataDir: string;
  db: Db;
  settings: { get(): Settings; onChange(l: (changed: Array<keyof Settings>, s: Settings) => void): () => void };
  outbox: Pick<Outbox, 'submit' | 'createBroadcast'>;
  /** Hands a document to Compose (the draft), with whatever its routing found. */
  toCompose(doc: HotFolderDocument): Promise<void>;
  host: HostAdapter;
  events: EventBus;
  /** The user's Documents folder (Electron's app.getPath('documents')); defaults to ~/Documents. */
  documentsDir?: string;
  /** Test knobs passed to the watcher. */
  watcher?: { settleMs?: number; rescanIntervalMs?: number };
}

export interface HotFolderService {
  view(): HotFolderView;
  pause(): Promise<HotFolderView>;
  resume(): Promise<HotFolderView>;
  /** Waits for the first scan of the current folder (tests, start-up). */
  whenReady(): Promise<void>;
  dispose(): Promise<void>;
}

export function folderFor(settings: Settings, documentsDir: string): string {
  return settings.hotFolderPath || defaultHotFolder(documentsDir);
}

export function setupHotFolder(deps: HotFolderServiceDeps): HotFolderService {
  const documentsDir = deps.documentsDir ?? join(homedir(), 'Documents');
  let state: HotFolderState = { status: 'starting', folder: folderFor(deps.settings.get(), documentsDir) };
  const hot: HotFolder = createHotFolder({
    folder: state.folder,
    spoolDir: hotFolderSpool(deps.dataDir),
    ledger: createFileLedger(join(deps.dataDir, 'hotfolder-ledger.jsonl')),
    lookupContact: contactLookup(deps.db),
    defaultCountry: deps.settings.get().defaultCountry,
    ...deps.watcher,
  });

  const view = (): HotFolderView => ({
    status: state.status,
    folder: state.folder,
    folderName: basename(state.folder),
    detail: state.detail ?? null,
  });

  async function autoSend(doc: HotFolderDocument, shown: string): Promise<boolean> {
    const s = deps.settings.get();
    if (!s.autoRouting || !isAutoRoutable(doc.route) || doc.duplicateOf) return false;
    const notes: string[] = [];
    const outcome = await sendRouted(
      deps.outbox as Outbox,
      {
        pdfPath: doc.spoolPath,
        originalName: shown,
        pages: doc.pages,
        recipients: doc.route.recipients,
        subject: doc.route.subject,
        options: { ...doc.route.options, ...doc.route.headers },
      },
      (text) => notes.push(text),
    );
    if (!outcome.ok) {
      deps.events.emit('notice', {
        level: 'warning',
        title: `${shown} was not sent automatically`,
        message: `${outcome.message} ${outcome.action} It is on the Compose screen to review.`,
      });
      return false;
    }
    const n = doc.route.recipients.length;
    deps.events.emit('notice', {
      level: 'success',
      title: 'Printed document queued',
      message: `${shown} (${doc.pages} page${doc.pages === 1 ? '' : 's'}) is on its way to ${n} recipient${n === 1 ? '' : 's'}.${notes.length ? ` ${notes.join(' ')}` : ''}`,
    });
    return true;
  }

  async function onDocument(doc: HotFolderDocument): Promise<void> {
    const shown = printedDocumentName(doc.originalName, state.folder);
    try {
      if (await autoSend(doc, shown)) return;
      await deps.toCompose(doc);
      deps.host.focusWindow();
      deps.events.emit('navigate', { screen: 'compose' });
      if (doc.duplicateOf) {
        deps.events.emit('notice', {
          level: 'warning',
          title: 'The same document again',
          message: `${shown} has the same content as a document picked up earlier. Check the Outbox before sending it twice.`,
        });
      }
      if (doc.route.problems.length) {
        deps.events.emit('notice', {
          level: 'warning',
          title: `Check ${shown} before sending`,
          message: doc.route.problems.join(' '),
        });
      }
    } catch (err) {
      log.error(`could not hand ${shown} over`, err);
      deps.events.emit('notice', {
        level: 'error',
        title: `${shown} could not be opened`,
        message: `It is kept in ${doc.spoolPath}. ${err instanceof Error ? err.message : ''}`.trim(),
      });
    }
  }

  const offs = [
    hot.on('document', (doc) => void onDocument(doc)),
    hot.on('rejected', (r) => {
      const message = `${r.reason.message} ${r.reason.action} The file was moved to ${r.rejectedPath}.`;
      deps.host.notify(`Not faxable: ${r.originalName}`, message);
      deps.events.emit('notice', { level: 'error', title: `${r.originalName} was set aside`, message, code: r.reason.code });
    }),
    hot.on('error', (e) => log.warn(`hot folder: ${e.message}`)),
    hot.on('state', (s) => {
      state = s;
      deps.events.emit('hotFolderChanged', view());
    }),
    deps.settings.onChange((changed, s) => {
      if (changed.includes('hotFolderPath')) {
        const next = folderFor(s, documentsDir);
        if (next !== state.folder) void hot.setFolder(next);
      }
    }),
  ];

  return {
    view,
    async pause() {
      await hot.pause();
      return view();
    },
    async resume() {
      await hot.resume();
      return view();
    },
    whenReady: () => hot.whenReady(),
    async dispose() {
      for (const off of offs) off();
      await hot.dispose();
    },
  };
}
