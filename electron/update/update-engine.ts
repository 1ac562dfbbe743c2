// The updater's rules, Electron-free: when to ask the feed (update-schedule.ts), what a found
// version goes through (downloaded in the background, verified, then "ready"), what the person
// is told (only a ready update shows outside Settings), and the one gate before installing:
// never while a fax is being uploaded to Openfax, and no new upload once an install is asked
// for. electron-updater sits behind the port.

// Faxes queued, or already with Openfax awaiting their report, are not waited for: a restart
// leaves them as they are, and the next start sends or polls them.

import type { UpdateCheckOutcome, UpdateView } from '../../shared/ipc/contract/update.ts';
import { updateFeedProblem } from '../../shared/update-feed.ts';
import type { Logger } from '../core/logger.ts';
import { UpdateRefused, type UpdatePort } from './update-port.ts';
import { nextCheckDelay, START_DELAY_MS } from './update-schedule.ts';
import { feedContentCause, UPDATE_WORDS, unreachableCause } from './update-words.ts';

export interface UpdateService {
  view(): UpdateView;
  /** "Check now": answers once the feed has been read (a download it starts goes on). */
  check(): Promise<UpdateView>;
  /** Installs the ready update now, or as soon as no fax is being uploaded. */
  restart(): UpdateView;
  /** "Later": the ready update stays out of sight until the next start. */
  postpone(): UpdateView;
  /**
   * Whether quitting now runs an installer: "Restart now" on its way (which starts the new
   * version by itself), or a version this kind of install takes at any quit. Nothing else may
   * start the app meanwhile, or it would run beside the installer.
   */
  quitInstalls(): boolean;
  dispose(): void;
}

export interface UpdateEngineDeps {
  port: UpdatePort;
  currentVersion: string;
  /** The Update feed setting ('' = the address the app was built with). */
  feedSetting(): string;
  /** The address the app was built with (electron-builder's publish entry), if any. */
  defaultFeedUrl: string | undefined;
  /** The outbox's uploads in progress, a subscription to their count, and its hold on new ones. */
  uploads: {
    count(): number;
    onChange(listener: (count: number) => void): () => void;
    /** true: start no new upload (those in progress finish); false: go on. */
    hold(held: boolean): void;
  };
  emit(view: UpdateView): void;
  /**
   * "Restart now" failed after the app had begun to close (macOS closes every window before
   * Squirrel installs): the person must see it, so the window comes back and the OS says it.
   */
  alertInstallFailed(message: string): void;
  log: Logger;
  now?: () => number;
}

type Phase = UpdateView['phase'];

export function startUpdateEngine(deps: UpdateEngineDeps): UpdateService {
  const now = deps.now ?? Date.now;
  let phase: Phase = 'idle';
  let version: string | undefined;
  let percent: number | undefined;
  let waitingFor: number | undefined;
  let postponedVersion: string | undefined;
  let lastCheck: UpdateView['lastCheck'];
  let retries = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The check in progress; cleared before its result is told, so a check asked for then is a new one. */
  let checking: Promise<void> | undefined;
  let disposed = false;
  /** A version the platform has already prepared and installs at quit, withdrawn or not (Squirrel.Mac). */
  let stagedForQuit = false;
  let held = false;
  /**
   * Every change of phase: the outbox's hold follows it, so no path can leave uploads held
   * without an install on its way ("Restart now" waiting for uploads, or the installer running).
   */
  const setPhase = (next: Phase) => {
    phase = next;
    const on = next === 'waiting' || next === 'restarting';
    if (held === on) return;
    held = on;
    deps.uploads.hold(on);
  };

  const feed = () => {
    const url = deps.feedSetting() || deps.defaultFeedUrl || '';
    return { url, problem: url ? updateFeedProblem(url) : UPDATE_WORDS.noFeed };
  };
  /** The sentence that says how the ready version gets installed here (the bar shows it). */
  const installHint = (): string | undefined => {
    if (phase === 'ready' || phase === 'waiting') return UPDATE_WORDS.installHint(deps.port.kind);
    return phase === 'restarting' ? UPDATE_WORDS.installing(deps.port.kind) : undefined;
  };
  const view = (): UpdateView => {
    const { url } = feed();
    const hint = installHint();
    return {
      supported: true,
      currentVersion: deps.currentVersion,
      ...(url ? { feedUrl: url } : {}),
      ...(deps.defaultFeedUrl ? { defaultFeedUrl: deps.defaultFeedUrl } : {}),
      phase,
      ...(version ? { version } : {}),
      ...(percent !== undefined ? { percent } : {}),
      ...(waitingFor !== undefined ? { waitingFor } : {}),
      ...(hint ? { installHint: hint } : {}),
      postponed: !!version && postponedVersion === version,
      ...(lastCheck ? { lastCheck } : {}),
    };
  };
  const changed = () => {
    if (!disposed) deps.emit(view());
  };
  const record = (outcome: UpdateCheckOutcome, message: string) => {
    lastCheck = { at: now(), outcome, message };
  };

  const schedule = (delayMs: number) => {
    if (timer) clearTimeout(timer);
    if (disposed) return;
    timer = setTimeout(() => {
      timer = undefined;
      void runCheck();
    }, delayMs);
    timer.unref?.();
  };
  /** The end of a round (a check, and the download it started): when the next one is due. */
  const roundEnded = (reached: boolean) => {
    const next = nextCheckDelay(reached, retries);
    retries = next.retries;
    schedule(next.delayMs);
  };

  const download = async (found: string) => {
    // Only from rest: a download over a restart in progress would put it aside for good.
    if (phase !== 'idle' && phase !== 'ready') return;
    setPhase('downloading');
    version = found;
    percent = 0;
    changed();
    try {
      await deps.port.download((p) => {
        const rounded = Math.max(0, Math.min(100, Math.floor(p)));
        if (rounded === percent || phase !== 'downloading') return;
        percent = rounded;
        changed();
      });
      if (disposed) return;
      setPhase('ready');
      percent = undefined;
      record('found', UPDATE_WORDS.ready(found, deps.port.kind));
      deps.log.info(`version ${found} is downloaded and verified`);
      roundEnded(true);
    } catch (err) {
      if (disposed) return;
      setPhase('idle');
      version = undefined;
      percent = undefined;
      const content = feedContentCause(err);
      if (err instanceof UpdateRefused) {
        deps.log.warn(`refused version ${found} (${err.reason}): ${err.message}`);
        record('refused', UPDATE_WORDS.refused(found, err.reason));
        roundEnded(true);
      } else if (content) {
        deps.log.warn(`the update feed lists no valid update: ${content}`);
        record('invalid-feed', UPDATE_WORDS.invalidFeed(feed().url, content));
        roundEnded(true);
      } else {
        deps.log.info(`download of ${found} failed: ${unreachableCause(err)}`);
        record('unreachable', UPDATE_WORDS.unreachable(unreachableCause(err)));
        roundEnded(false);
      }
    }
    changed();
  };

  const checkOnce = async (done: () => void) => {
    // A download, or a restart on its way, is the round in progress.
    if (phase === 'downloading' || phase === 'waiting' || phase === 'restarting') return done();
    const settle = (reached: boolean) => {
      done();
      roundEnded(reached);
      changed();
    };
    const { url, problem } = feed();
    if (problem) {
      record('no-feed', problem);
      return settle(true);
    }
    // A ready update stays shown while the feed is asked again; only an idle app shows "checking".
    if (phase === 'idle') {
      setPhase('checking');
      changed();
    }
    // "Restart now" pressed while the feed was being asked: the install on its way is the
    // round now, and this answer changes nothing about it.
    const overtaken = () => phase === 'waiting' || phase === 'restarting' || phase === 'downloading';
    let found: Awaited<ReturnType<UpdatePort['check']>>;
    try {
      found = await deps.port.check(url);
    } catch (err) {
      if (disposed) return done();
      if (overtaken()) return settle(true);
      if (phase === 'checking') setPhase('idle');
      // A feed that answered with nothing usable is not retried soon: it will not change by itself.
      const content = feedContentCause(err);
      if (content) {
        deps.log.warn(`the update feed lists no valid update: ${content}`);
        record('invalid-feed', UPDATE_WORDS.invalidFeed(url, content));
        return settle(true);
      }
      deps.log.info(`the update feed could not be read: ${unreachableCause(err)}`);
      record('unreachable', UPDATE_WORDS.unreachable(unreachableCause(err)));
      return settle(false);
    }
    if (disposed) return done();
    if (overtaken()) return settle(true);
    if (phase === 'checking') setPhase('idle');
    if (!found) record('inactive', UPDATE_WORDS.inactive);
    else if (!found.newer) {
      if (phase === 'ready' && version) {
        // Withdrawn: the feed no longer offers what is ready, so nothing may install it, where
        // the platform lets it be taken back (Squirrel.Mac installs what it prepared at quit).
        deps.port.withdraw();
        if (deps.port.canWithdraw) {
          deps.log.warn(`version ${version} is no longer on the update feed: it will not be installed`);
          record('current', UPDATE_WORDS.withdrawn(version, deps.currentVersion));
        } else {
          deps.log.warn(`version ${version} is no longer on the update feed, but the system installs it at quit`);
          record('current', UPDATE_WORDS.withdrawnStaged(version));
          stagedForQuit = true;
        }
        setPhase('idle');
        version = undefined;
        postponedVersion = undefined;
      } else record('current', UPDATE_WORDS.current(deps.currentVersion));
    } else if (phase === 'ready' && version === found.latest) record('found', UPDATE_WORDS.ready(found.latest, deps.port.kind));
    else {
      record('found', UPDATE_WORDS.downloading(found.latest));
      done();
      // In the background: "Check now" answers with the check, the download reports as it goes.
      void download(found.latest);
      return;
    }
    settle(true);
  };
  const runCheck = (): Promise<void> => {
    if (checking) return checking;
    let resolve!: () => void;
    const current = new Promise<void>((r) => (resolve = r));
    checking = current;
    const done = () => {
      if (checking === current) checking = undefined;
      resolve();
    };
    checkOnce(done)
      .catch((err: unknown) => deps.log.error('update check failed', err))
      .finally(done);
    return current;
  };

  /** The install failed and the app runs on: the update is ready again (or refused), uploads go on. */
  const installFailed = (installing: string, err: unknown) => {
    if (disposed) return;
    let message: string;
    if (err instanceof UpdateRefused) {
      deps.log.warn(`refused version ${installing} at install (${err.reason}): ${err.message}`);
      message = UPDATE_WORDS.refused(installing, err.reason);
      record('refused', message);
      setPhase('idle');
      version = undefined;
    } else {
      deps.log.warn(`version ${installing} could not be installed: ${unreachableCause(err)}`);
      message = UPDATE_WORDS.installFailed(installing, unreachableCause(err));
      record('install-failed', message);
      setPhase('ready');
    }
    changed();
    deps.alertInstallFailed(message);
  };
  const install = () => {
    const installing = version ?? '';
    setPhase('restarting');
    waitingFor = undefined;
    changed();
    deps.log.info(`restarting to install version ${installing}`);
    // The next turn: the renderer has been told before a deb's password dialog blocks this process.
    setImmediate(() => {
      if (disposed || phase !== 'restarting') return;
      Promise.resolve()
        .then(() => deps.port.install())
        .catch((err: unknown) => installFailed(installing, err));
    });
  };
  const offUploads = deps.uploads.onChange((count) => {
    if (phase !== 'waiting') return;
    if (count === 0) install();
    else if (count !== waitingFor) {
      waitingFor = count;
      changed();
    }
  });

  schedule(START_DELAY_MS);

  return {
    view,
    async check() {
      await runCheck();
      return view();
    },
    restart() {
      if (phase !== 'ready' && phase !== 'waiting') return view();
      postponedVersion = undefined;
      // From the phase set below on, the outbox starts no upload, so the wait ends; "Later" or a
      // failed install lets it go on.
      const count = deps.uploads.count();
      if (count === 0) install();
      else {
        // Never mid-upload: the installer quits the app, and an upload cut short would have to be
        // looked for again. It goes as soon as the outbox says the last one is handed over.
        setPhase('waiting');
        waitingFor = count;
        changed();
      }
      return view();
    },
    postpone() {
      if (phase === 'waiting') {
        setPhase('ready');
        waitingFor = undefined;
      }
      if (phase === 'ready') postponedVersion = version;
      changed();
      return view();
    },
    quitInstalls() {
      if (phase === 'restarting' || stagedForQuit) return true;
      return deps.port.kind === 'on-quit' && (phase === 'ready' || phase === 'waiting');
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      offUploads();
    },
  };
}

/** Where nothing can update itself (the browser host, a development build): the view says why. */
export function noUpdates(currentVersion: string, note: string): UpdateService {
  const view = (): UpdateView => ({ supported: false, note, currentVersion, phase: 'idle', postponed: false });
  return { view, check: async () => view(), restart: view, postpone: view, quitInstalls: () => false, dispose: () => undefined };
}
