// The hot folder inside the app: every printed PDF becomes a draft on Compose (the window
// comes to the front), or, when the document says where it goes and auto-routing is on,
// is queued straight away. Rejected files are announced; the watcher follows the settings.
// A document is finished with the hot folder once the outbox or Compose holds its own copy, so
// one a crash interrupted is taken up again at the next start (and not queued twice).
// Each folder is checked before it is watched, also one saved by an older version that let any
// folder be the hot folder: home, Documents or a system folder is never watched (nothing in it
// is touched); the status says why and what to do, until another folder is chosen.

import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import type { HotFolderView } from '../../shared/ipc/contract/account.ts';
import type { Settings } from '../../shared/settings.ts';
import { createLogger } from '../core/logger.ts';
import type { PdfInspector } from '../pdf/pdf-inspector.ts';
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
  /** Where pdf.js reads what the folder receives (pdf/pdf-inspector.ts). */
  pdfInspector?: PdfInspector;
  /**
   * Why a folder chosen before can never be watched (settings/hot-folder-gate.ts `checkKept`:
   * home, Documents, system, the data folder), asked before each folder is watched.
   */
  refusal?: (folder: string) => Promise<string | undefined>;
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

/** The status of a folder that is not watched because it can never be the hot folder. */
function refusedState(folder: string, why: string): HotFolderState {
  return {
    status: 'stopped',
    folder,
    detail: `Not watched, and nothing in it was moved: ${why} Choose another folder in Settings (Hot folder).`,
  };
}

export function setupHotFolder(deps: HotFolderServiceDeps): HotFolderService {
  const documentsDir = deps.documentsDir ?? join(homedir(), 'Documents');
  let wanted = folderFor(deps.settings.get(), documentsDir);
  let state: HotFolderState = { status: 'starting', folder: wanted };
  // Made once, for the first folder that may be watched (its spool and ledger are this run's).
  let hot: HotFolder | undefined;
  // The folder in the settings can never be watched: `state` says why, whatever the watcher reports.
  let refusing = false;
  // The watcher was paused for that (not by the person): the next good folder resumes it.
  let heldForRefusal = false;
  let disposed = false;
  const hotOffs: Array<() => void> = [];

  const wasQueued = queuedFromHotFolder(deps.db);

  const view = (): HotFolderView => ({
    status: state.status,
    folder: state.folder,
    folderName: basename(state.folder),
    detail: state.detail ?? null,
  });
  const setState = (next: HotFolderState) => {
    state = next;
    deps.events.emit('hotFolderChanged', view());
  };

  /** True: queued; 'set-aside': moved to Needs review (the duplicate guard refused it); false: Compose takes it. */
  async function autoSend(hot: HotFolder, doc: HotFolderDocument, shown: string): Promise<boolean | 'set-aside'> {
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
      await setAsideForReview(hot, doc, shown, { message: outcome.message, action: outcome.action });
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

  // Set aside in the folder the document came from (hot.state), not the one the status names.
  async function setAsideForReview(hot: HotFolder, doc: HotFolderDocument, shown: string, reason: SetAsideReason): Promise<void> {
    const placed = await setAside(
      doc.spoolPath,
      hot.state.folder,
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

  async function refusedByCompose(hot: HotFolder, doc: HotFolderDocument, reason: SetAsideReason): Promise<void> {
    const withLink = { ...reason, notes: linkNote(doc.linkTarget) };
    const placed = await setAside(doc.spoolPath, hot.state.folder, REJECTED_DIR, doc.originalName, withLink, new Date());
    await hot.finish(doc, 'set-aside');
    deps.events.emit('notice', {
      level: 'error',
      title: `${doc.originalName} was set aside`,
      message: `${reason.message} ${reason.action} The file was moved to ${placed.path}.`,
    });
  }

  async function onDocument(hot: HotFolder, doc: HotFolderDocument): Promise<void> {
    const shown = printedDocumentName(doc.originalName, hot.state.folder);
    try {
      const sent = alreadyQueued(doc, shown) || (await autoSend(hot, doc, shown));
      if (sent === 'set-aside') return;
      if (sent) return await hot.finish(doc, 'sent');
      const refused = await deps.toCompose(doc);
      if (refused) return await refusedByCompose(hot, doc, refused);
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

  function listen(hot: HotFolder): void {
    hotOffs.push(
      hot.on('document', (doc) => void onDocument(hot, doc)),
      hot.on('rejected', (r) => {
        const message = `${r.reason.message} ${r.reason.action} The file was moved to ${r.rejectedPath}.`;
        deps.host.notify(`Not faxable: ${r.originalName}`, message);
        deps.events.emit('notice', { level: 'error', title: `${r.originalName} was set aside`, message, code: r.reason.code });
      }),
      hot.on('notice', (n) => deps.events.emit('notice', { level: 'warning', title: 'Not taken from the hot folder', message: n.message })),
      hot.on('error', (e) => log.warn(`hot folder: ${e.message}`)),
      hot.on('state', (s) => {
        if (!refusing) setState(s);
      }),
    );
  }

  /** Watches `folder` once it passed the rules; otherwise watches nothing and says why. */
  async function follow(folder: string): Promise<void> {
    let why: string | undefined;
    try {
      // The default ("Openfax Outbox" in Documents) is the app's own: only a folder someone chose is checked.
      if (folder !== defaultHotFolder(documentsDir)) why = await deps.refusal?.(folder);
    } catch (err) {
      why = `It could not be checked (${err instanceof Error ? err.message : String(err)}).`;
    }
    if (disposed) return;
    if (why) {
      log.warn(`hot folder ${folder} not watched: ${why}`);
      refusing = true;
      if (hot && hot.state.status !== 'paused') {
        heldForRefusal = true;
        await hot.pause();
      }
      return setState(refusedState(folder, why));
    }
    const wasRefused = refusing;
    refusing = false;
    if (!hot) {
      hot = createHotFolder({
        folder,
        spoolDir: hotFolderSpool(deps.dataDir),
        ledger: createFileLedger(hotFolderLedgerPath(deps.dataDir)),
        lookupContact: contactLookup(deps.db),
        defaultCountry: deps.settings.get().defaultCountry,
        imagePaper: () => deps.settings.get().paperSize,
        pdfInspector: deps.pdfInspector,
        ...deps.watcher,
      });
      listen(hot);
      return setState(hot.state);
    }
    await hot.setFolder(folder);
    if (heldForRefusal) {
      heldForRefusal = false;
      await hot.resume();
    }
    // The watcher may have nothing new to report (back to its own folder): the refusal must go.
    if (wasRefused) setState(hot.state);
  }

  // One folder at a time, in the order the settings changed.
  let changes = follow(wanted).catch((err) => log.error('the hot folder could not start', err));
  const offSettings = deps.settings.onChange((changed, s) => {
    if (!changed.includes('hotFolderPath')) return;
    const next = folderFor(s, documentsDir);
    if (next === wanted) return;
    wanted = next;
    changes = changes.then(() => follow(next)).catch((err) => log.error('the hot folder could not change folder', err));
  });

  return {
    view,
    async pause() {
      await changes;
      if (hot && !refusing) await hot.pause();
      return view();
    },
    async resume() {
      await changes;
      // A folder that can never be one stays unwatched: the status says why.
      if (hot && !refusing) await hot.resume();
      return view();
    },
    async whenReady() {
      await changes;
      await hot?.whenReady();
    },
    async dispose() {
      disposed = true;
      offSettings();
      await changes;
      for (const off of hotOffs) off();
      await hot?.dispose();
    },
  };
}
