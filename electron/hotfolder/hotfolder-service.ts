// The hot folder inside the app: every printed PDF becomes a draft on Compose (the window
// comes to the front), or, when the document says where it goes and auto-routing is on,
// is queued straight away. Rejected files are announced; the watcher follows the settings.
// A document is finished with the hot folder once the outbox or Compose holds its own copy, so
// one a crash interrupted is taken up again at the next start (and not queued twice).

import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import type { HotFolderView } from '../../shared/ipc/contract/account.ts';
import type { Settings } from '../../shared/settings.ts';
import { createLogger } from '../core/logger.ts';
import { defaultHotFolder, hotFolderLedgerPath, hotFolderSpool } from './default-folder.ts';
import type { HotFolderDocument, HotFolderState } from './events.ts';
import { createFileLedger } from './file-ledger.ts';
import { type HotFolder, createHotFolder } from './hot-folder.ts';
import { REJECTED_DIR, REVIEW_DIR } from './names.ts';
import { linkNote } from './process-claimed.ts';
import { setAside, type SetAsideReason } from './rejects.ts';
import { contactLookup, queuedFromHotFolder, sendRouted } from './route-to-outbox.ts';
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
  /** Hands a document to Compose (the draft), with whatever its routing found; says why when Compose refused it. */
  toCompose(doc: HotFolderDocument): Promise<SetAsideReason | undefined>;
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
    ledger: createFileLedger(hotFolderLedgerPath(deps.dataDir)),
    lookupContact: contactLookup(deps.db),
    defaultCountry: deps.settings.get().defaultCountry,
    imagePaper: () => deps.settings.get().paperSize,
    ...deps.watcher,
  });

  const wasQueued = queuedFromHotFolder(deps.db);

  const view = (): HotFolderView => ({
    status: state.status,
    folder: state.folder,
    folderName: basename(state.folder),
    detail: state.detail ?? null,
  });

  /** True: queued; 'set-aside': moved to Needs review (the duplicate guard refused it); false: Compose takes it. */
  async function autoSend(doc: HotFolderDocument, shown: string): Promise<boolean | 'set-aside'> {
    const s = deps.settings.get();
    if (!s.autoRouting || !isAutoRoutable(doc.route) || doc.duplicateOf) return false;
    const notes: string[] = [];
    await hot.beginHandOff(doc);
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
    if (!outcome.ok && outcome.duplicate) {
      await setAsideForReview(doc, shown, { message: outcome.message, action: outcome.action });
      return 'set-aside';
    }
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

  // The outbox got it before an interruption: it is not queued again.
  function alreadyQueued(doc: HotFolderDocument, shown: string): boolean {
    if (doc.handOffSince === undefined) return false;
    const jobIds = wasQueued({ sha256: doc.sha256, size: doc.size, originalName: shown, since: doc.handOffSince });
    if (jobIds) log.info(`${shown} reached the outbox before an interruption (job ${jobIds.join(', ')}); not queued again`);
    return jobIds !== undefined;
  }

  async function setAsideForReview(doc: HotFolderDocument, shown: string, reason: SetAsideReason): Promise<void> {
    const placed = await setAside(
      doc.spoolPath,
      state.folder,
      REVIEW_DIR,
      doc.originalName,
      { ...reason, notes: linkNote(doc.linkTarget) },
      new Date(),
    );
    await hot.finish(doc, 'set-aside');
    deps.events.emit('notice', {
      level: 'warning',
      title: `${shown} was not sent again`,
      message: `${reason.message} ${reason.action} The file was moved to ${placed.path}.`,
    });
  }

  async function refusedByCompose(doc: HotFolderDocument, reason: SetAsideReason): Promise<void> {
    const withLink = { ...reason, notes: linkNote(doc.linkTarget) };
    const placed = await setAside(doc.spoolPath, state.folder, REJECTED_DIR, doc.originalName, withLink, new Date());
    await hot.finish(doc, 'set-aside');
    deps.events.emit('notice', {
      level: 'error',
      title: `${doc.originalName} was set aside`,
      message: `${reason.message} ${reason.action} The file was moved to ${placed.path}.`,
    });
  }

  async function onDocument(doc: HotFolderDocument): Promise<void> {
    const shown = printedDocumentName(doc.originalName, state.folder);
    try {
      const sent = alreadyQueued(doc, shown) || (await autoSend(doc, shown));
      if (sent === 'set-aside') return;
      if (sent) return await hot.finish(doc, 'sent');
      const refused = await deps.toCompose(doc);
      if (refused) return await refusedByCompose(doc, refused);
      // Compose keeps its own copy: handed over counts as sent.
      await hot.finish(doc, 'sent');
      deps.host.focusWindow();
      deps.events.emit('navigate', { screen: 'compose' });
      if (doc.duplicateOf) {
        deps.events.emit('notice', {
          level: 'warning',
          title: 'The same document again',
          message: `${shown} has the same content as a document the hot folder already queued or put on Compose. Check the Outbox before sending it twice.`,
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
        message: `${err instanceof Error ? `${err.message} ` : ''}It is kept in ${doc.spoolPath} and taken up again when Openfax Desktop starts next.`,
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
    hot.on('notice', (n) => deps.events.emit('notice', { level: 'warning', title: 'Not taken from the hot folder', message: n.message })),
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
