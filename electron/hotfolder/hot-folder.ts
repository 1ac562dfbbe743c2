// The hot folder: watches one folder (top level only) with chokidar, takes every complete PDF
// exactly once by moving it into the spool, and reports documents, rejects, errors and its
// state. Pausing, resuming and changing the folder stop the current session and start a new
// one, which scans the folder again; files already claimed are finished in any case.
// A claimed file stays in the spool until its consumer calls `finish`; what a crash left there
// is taken up again at the next start, before the folder is watched (spool-recovery.ts).

import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { FSWatcher } from 'chokidar';
import { createLogger } from '../core/logger.ts';
import type { PdfInspector } from '../pdf/pdf-inspector.ts';
import { documentKindOf } from '../../shared/document-kinds.ts';
import type { PaperSize } from '../../shared/domain.ts';
import { imageDamaged } from '../pdf/image-limits.ts';
import { pdfError } from '../pdf/pdf-errors.ts';
import { documentProblem } from '../pdf/read-input.ts';
import { claimFile, rejectFile } from './claim-file.ts';
import { createClaimedFiles } from './claimed-files.ts';
import { createEmitter, type HotFolderDocument, type HotFolderEvents, type HotFolderState, type Listener } from './events.ts';
import type { FileEnds } from './file-ends.ts';
import { createFileTracker, type FileTracker } from './file-tracker.ts';
import type { HotFolderLedger } from './ledger.ts';
import type { ClaimProof } from './move.ts';
import { createFolderNotices } from './folder-notices.ts';
import { isCandidate, prepareFolder, watchFolder } from './folder-watch.ts';
import type { ContactLookup } from './routing.ts';
import { takeUpUnfinished } from './spool-recovery.ts';

const log = createLogger('hotfolder');

export interface HotFolderOptions {
  folder: string;
  /** Where claimed files are moved (each run in a folder of its own inside); ideally on the same volume as the folder. */
  spoolDir: string;
  ledger: HotFolderLedger;
  lookupContact?: ContactLookup;
  defaultCountry?: string;
  /** Quiet time before a file is judged (default 100 ms); its bytes and its writers must then prove it complete. */
  settleMs?: number;
  /** Poll period while a file is being written (default 25 ms). */
  pollMs?: number;
  /** Give up on a file that stays incomplete this long after its last change (default 2 min). */
  incompleteTimeoutMs?: number;
  /** Safety re-scan for events a network share never delivers (default 30 s; 0 = off). */
  rescanIntervalMs?: number;
  /** How often to look for a missing folder (default 5 s). */
  missingRetryMs?: number;
  /** Create the folder at start-up when missing (default true). */
  createIfMissing?: boolean;
  /** Pages whose text is searched for routing codes (default 5). */
  textMaxPages?: number;
  /** Documents parsed at once after claiming (default 2). */
  concurrency?: number;
  /** The paper an image's pages are made on when its routing chose none (default Letter). */
  imagePaper?: () => PaperSize;
  /** Where pdf.js reads claimed files, in a child with a time and memory cap (pdf/pdf-inspector.ts). */
  pdfInspector?: PdfInspector;
  startPaused?: boolean;
}

export interface HotFolder {
  on<K extends keyof HotFolderEvents>(event: K, listener: Listener<HotFolderEvents[K]>): () => void;
  readonly state: HotFolderState;
  /** Resolves once the current session's initial scan has been reported (or it could not start). */
  whenReady(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Switches to another folder at once (the old one is no longer watched). */
  setFolder(folder: string): Promise<void>;
  /** Looks at every file in the folder again. */
  rescan(): Promise<void>;
  /** Notes durably that `doc` is being handed to the outbox, so a restart asks the outbox before sending it again. */
  beginHandOff(doc: HotFolderDocument): Promise<void>;
  /**
   * The consumer is done with `doc`. 'sent' (queued, or handed to Compose) is remembered in the
   * ledger and the spool copy removed; 'set-aside' (moved to Needs review or Rejected) is not
   * remembered, so the file fixed and put back is taken like a new one.
   */
  finish(doc: HotFolderDocument, outcome: 'sent' | 'set-aside'): Promise<void>;
  /** Stops watching and waits for documents already claimed to be reported. */
  dispose(): Promise<void>;
}

interface Session {
  folder: string;
  watcher?: FSWatcher;
  tracker: FileTracker;
  timers: NodeJS.Timeout[];
  ready: Promise<void>;
  closed: boolean;
}

export function createHotFolder(options: HotFolderOptions): HotFolder {
  const emitter = createEmitter<HotFolderEvents>((error) => log.error('a hot folder listener threw', error));
  const settleMs = options.settleMs ?? 100;
  const pollMs = options.pollMs ?? 25;
  let folder = resolve(options.folder);
  let state: HotFolderState = { status: 'starting', folder };
  let session: Session | undefined;
  let paused = options.startPaused === true;
  let disposed = false;
  let firstStart = true;
  let retryTimer: NodeJS.Timeout | undefined;
  let readyWaiters: Promise<void> = Promise.resolve();
  let transition: Promise<void> = Promise.resolve();

  const setState = (next: HotFolderState) => {
    if (next.status === state.status && next.folder === state.folder && next.detail === state.detail) return;
    state = next;
    log.info(`hot folder ${next.status}: ${next.folder}${next.detail ? ` (${next.detail})` : ''}`);
    emitter.emit('state', next);
  };

  const reportError = (message: string, path?: string, cause?: unknown) => {
    log.warn(message, cause);
    emitter.emit('error', { message, ...(path ? { path } : {}), ...(cause === undefined ? {} : { cause: describeCause(cause) }) });
  };

  const claimed = createClaimedFiles(
    {
      spoolDir: options.spoolDir,
      ledger: options.ledger,
      lookupContact: options.lookupContact,
      defaultCountry: options.defaultCountry,
      textMaxPages: options.textMaxPages ?? 5,
      concurrency: Math.max(1, options.concurrency ?? 2),
      imagePaper: options.imagePaper,
      pdfInspector: options.pdfInspector,
    },
    {
      document: (doc) => emitter.emit('document', doc),
      rejected: (r) => emitter.emit('rejected', r),
      error: (message, path, cause) => reportError(message, path, cause),
    },
  );

  const noticeFolders = createFolderNotices((message, path) => {
    log.info(message);
    emitter.emit('notice', { message, path });
  });

  const claim = async (sessionFolder: string, path: string, name: string, proof: ClaimProof) => {
    const spool = await claimed.spool();
    const file = await claimFile(sessionFolder, path, name, spool.dir, proof, (message, cause) => reportError(message, path, cause));
    if (file) claimed.add([file]);
  };

  const takeUp = async (firstLook: boolean) => {
    try {
      claimed.add(await takeUpUnfinished(await claimed.spool(), folder, firstLook));
    } catch (error) {
      reportError(
        'Documents taken before an interruption could not be looked at; they are tried again at the next start',
        options.spoolDir,
        error,
      );
    }
  };

  // `missing` says what the file lacked when it was given up on (pdf-complete.ts).
  const rejectInPlace = async (sessionFolder: string, path: string, name: string, ends: FileEnds, missing?: string) => {
    // Word and other files are named as such (shared/document-kinds.ts); a cut-off image is told as an image.
    const problem =
      documentProblem(ends.head, ends.size, ends.tail) ??
      (documentKindOf(ends.head) === 'pdf' ? pdfError('damaged', missing) : imageDamaged(missing ?? 'it is incomplete'));
    const placed = await rejectFile(sessionFolder, path, name, (await claimed.spool()).dir, problem);
    if (!placed) return;
    emitter.emit('rejected', {
      originalName: name,
      rejectedPath: placed.path,
      reasonPath: placed.reasonPath,
      reason: { code: problem.code, message: problem.message, action: problem.action },
    });
  };

  // ---- sessions ---------------------------------------------------------------------------
  const startSession = async (): Promise<void> => {
    const root = folder;
    const problem = await prepareFolder(root, firstStart && options.createIfMissing !== false);
    firstStart = false;
    if (problem) {
      setState({ status: 'folder-missing', folder: root, detail: problem });
      retryTimer = setTimeout(
        () =>
          void runTransition(async () => {
            retryTimer = undefined;
            if (!disposed && !paused && !session) await startSession();
          }),
        options.missingRetryMs ?? 5000,
      );
      return;
    }
    const tracker = createFileTracker(
      {
        settleMs,
        pollMs,
        maxPollMs: Math.max(1000, settleMs * 4),
        incompleteTimeoutMs: options.incompleteTimeoutMs ?? 120_000,
        now: () => performance.now(),
      },
      {
        complete: (path, name, proof) => claim(root, path, name, proof),
        notPdf: (path, name, ends) => rejectInPlace(root, path, name, ends),
        abandoned: (path, name, ends, missing) => rejectInPlace(root, path, name, ends, missing),
        error: (message, path, cause) => reportError(message, path, cause),
      },
    );
    const current: Session = { folder: root, tracker, timers: [], ready: Promise.resolve(), closed: false };
    session = current;
    const { watcher, ready } = watchFolder(root, {
      file: (path) => tracker.touch(path),
      gone: () => void runTransition(() => folderGone(current)),
      error: (error) => reportError('The folder watcher reported a problem; watching continues', root, error),
    });
    current.watcher = watcher;
    current.ready = ready.then(async () => {
      if (current.closed) return;
      setState({ status: 'watching', folder: root });
      await noticeFolders(root);
    });
    const rescanMs = options.rescanIntervalMs ?? 30_000;
    if (rescanMs > 0) {
      // Also takes over what another run on this data folder left when it died meanwhile.
      const timer = setInterval(() => void Promise.all([scan(current), takeUp(false)]).catch(() => {}), rescanMs);
      current.timers.push(timer);
    }
    readyWaiters = current.ready;
  };

  const scan = async (s: Session) => {
    if (s.closed) return;
    let names: string[];
    try {
      names = await readdir(s.folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return runTransition(() => folderGone(s));
      return reportError('The folder could not be listed', s.folder, error);
    }
    for (const name of names) {
      const path = join(s.folder, name);
      if (!isCandidate(s.folder, path)) continue;
      try {
        if ((await stat(path)).isFile()) s.tracker.touch(path);
      } catch {
        // gone meanwhile
      }
    }
    await noticeFolders(s.folder);
  };

  const stopSession = async () => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = undefined;
    const s = session;
    session = undefined;
    if (!s) return;
    s.closed = true;
    for (const t of s.timers) clearInterval(t);
    await s.watcher?.close();
    await s.tracker.stop();
  };

  const folderGone = async (s: Session) => {
    if (session !== s) return;
    await stopSession();
    setState({ status: 'folder-missing', folder: s.folder, detail: 'The folder was removed or its drive is not available.' });
    retryTimer = setTimeout(
      () =>
        void runTransition(async () => {
          retryTimer = undefined;
          if (!disposed && !paused && !session) await startSession();
        }),
      options.missingRetryMs ?? 5000,
    );
  };

  // Start, stop and folder changes run one at a time, in the order asked.
  const runTransition = (fn: () => Promise<void>): Promise<void> => {
    const next = transition.then(fn, fn);
    transition = next.catch((error) => reportError('The hot folder could not change state', folder, error));
    return transition;
  };

  if (paused) setState({ status: 'paused', folder });
  // What an earlier run claimed and did not finish is queued before anything new is claimed.
  void runTransition(async () => {
    await takeUp(true);
    if (!paused && !disposed) await startSession();
  });

  return {
    on: emitter.on,
    get state() {
      return state;
    },
    async whenReady() {
      await transition;
      await readyWaiters;
    },
    pause: () =>
      runTransition(async () => {
        paused = true;
        await stopSession();
        if (!disposed) setState({ status: 'paused', folder });
      }),
    resume: () =>
      runTransition(async () => {
        if (disposed || !paused) return;
        paused = false;
        await startSession();
      }),
    setFolder: (next: string) =>
      runTransition(async () => {
        await stopSession();
        folder = resolve(next);
        firstStart = true;
        if (disposed) return;
        if (paused) setState({ status: 'paused', folder });
        else await startSession();
      }),
    rescan: async () => {
      if (session) await scan(session);
    },
    beginHandOff: (doc) => claimed.beginHandOff(doc),
    finish: (doc, outcome) => claimed.finish(doc, outcome),
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      await runTransition(stopSession);
      // Documents still with their consumer keep the spool ours until they are finished (or this process ends).
      await claimed.drain();
      setState({ status: 'stopped', folder });
      emitter.clear();
    },
  };
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) return `${(cause as NodeJS.ErrnoException).code ?? cause.name}: ${cause.message}`;
  return String(cause);
}
