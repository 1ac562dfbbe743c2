// electron-updater behind the engine's port. The updater object is made by the wiring (the
// platform's class) or by a test (the same class, with a Node HTTP client); this file only
// translates: the feed address for each check, progress, which failures are refusals, when a
// download is really ready, and how an install that did not happen is told back.

import type { EventEmitter } from 'node:events';
import type { AppUpdater, ProgressInfo, Logger as UpdaterLogger } from 'electron-updater';
import type { Logger } from '../core/logger.ts';
import { type InstallKind, UpdateRefused, type UpdatePort } from './update-port.ts';

/** How long Squirrel.Mac may take to unpack and check a zip it has fetched, before the download counts as failed. */
const SQUIRREL_STAGE_MS = 10 * 60_000;

export interface UpdaterPortOptions {
  kind: InstallKind;
  /**
   * macOS: Electron's own autoUpdater (Squirrel.Mac). electron-updater hands it the zip; only its
   * 'update-downloaded' says the zip is unpacked and its code signature matches this app's, so
   * the update is ready then, and its 'error' is a refusal.
   */
  squirrel?: EventEmitter;
  /**
   * An AppImage: the updater would start the new file while this process still holds the
   * single-instance lock, and the new one would give up. Given this, the updater only swaps the
   * file, and this starts the new one (its path, when it was renamed) once this process has ended.
   */
  relaunchAfterExit?: (newPath: string | undefined) => void;
}

/** The failures electron-updater and Squirrel report for a file that is not the one published. */
function refusalOf(err: unknown): UpdateRefused | undefined {
  if (err instanceof UpdateRefused) return err;
  const code = (err as { code?: unknown })?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'ERR_CHECKSUM_MISMATCH') return new UpdateRefused('checksum', message);
  if (code === 'ERR_UPDATER_INVALID_SIGNATURE') return new UpdateRefused('signature', message);
  // Squirrel.Mac checks the new app's code signature against this one's; a mismatch is a plain
  // error from the native updater ("Code signature at URL … did not pass validation").
  if (/code signature|did not pass validation|code requirement/i.test(message)) return new UpdateRefused('signature', message);
  return undefined;
}

/** Squirrel.Mac's verdict on the zip electron-updater hands it: waited for from before the download starts. */
function squirrelVerdict(squirrel: EventEmitter) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let settle!: (err?: unknown) => void;
  const verdict = new Promise<void>((resolve, reject) => {
    settle = (err) => {
      clearTimeout(timer);
      squirrel.off('update-downloaded', downloaded);
      squirrel.off('update-not-available', notAvailable);
      squirrel.off('error', failed);
      if (err === undefined) resolve();
      else reject(err);
    };
  });
  // Awaited once the download is done; an error before then fails the download itself.
  verdict.catch(() => undefined);
  const downloaded = () => settle();
  const failed = (err: unknown) => settle(err ?? new Error('macOS refused the update'));
  // Squirrel then never fetches the zip, so electron-updater's download would wait for good.
  const notAvailable = () => settle(new UpdateRefused('not-available', 'Squirrel.Mac answered update-not-available'));
  squirrel.on('update-downloaded', downloaded);
  squirrel.on('update-not-available', notAvailable);
  squirrel.on('error', failed);
  return {
    /** Rejects as soon as Squirrel has refused, even while electron-updater still waits for it to fetch the zip; never resolves. */
    refused: verdict.then(() => new Promise<never>(() => undefined)),
    /** After the zip was handed over: Squirrel unpacks and checks it. */
    wait() {
      timer = setTimeout(() => failed(new Error('macOS did not finish preparing the update')), SQUIRREL_STAGE_MS);
      timer.unref?.();
      return verdict;
    },
    cancel: () => settle(new Error('canceled')),
  };
}

export function updaterPort(updater: AppUpdater, opts: UpdaterPortOptions): UpdatePort {
  let feed: string | undefined;
  const quitsOnItsOwn = updater.autoInstallOnAppQuit;
  return {
    kind: opts.kind,
    canWithdraw: !opts.squirrel,
    async check(feedUrl) {
      // Always the generic provider at the address the engine chose (the setting or the
      // build-time default), so a changed setting applies to the next check.
      if (feedUrl !== feed) {
        updater.setFeedURL({ provider: 'generic', url: feedUrl });
        feed = feedUrl;
      }
      const result = await updater.checkForUpdates();
      if (!result) return undefined;
      return { latest: result.updateInfo.version, newer: result.isUpdateAvailable };
    },
    async download(onProgress) {
      const progress = (p: ProgressInfo) => onProgress(p.percent);
      updater.on('download-progress', progress);
      const squirrel = opts.squirrel ? squirrelVerdict(opts.squirrel) : undefined;
      // A new download is installed at quit again where this kind does that (see withdraw); on
      // macOS this is also what makes electron-updater hand the zip to Squirrel at once.
      updater.autoInstallOnAppQuit = quitsOnItsOwn;
      try {
        await (squirrel ? Promise.race([updater.downloadUpdate(), squirrel.refused]) : updater.downloadUpdate());
        await squirrel?.wait();
      } catch (err) {
        squirrel?.cancel();
        throw refusalOf(err) ?? err;
      } finally {
        updater.off('download-progress', progress);
      }
    },
    install() {
      return new Promise<void>((_quitting, reject) => {
        // electron-updater never throws here: a failed install is an 'error' event (at once for
        // the NSIS, deb, rpm and AppImage steps; later from Squirrel.Mac), or an install that
        // returned false and left the app running.
        let failedAlready = false;
        const failed = (err: unknown) => {
          failedAlready = true;
          updater.off('error', failed);
          reject(refusalOf(err) ?? err);
        };
        updater.on('error', failed);
        let newPath: string | undefined;
        const renamed = (path: string) => {
          newPath = path;
        };
        updater.on('appimage-filename-updated', renamed);
        try {
          // Silent; started again by the updater, unless this process starts it after exit.
          updater.quitAndInstall(true, !opts.relaunchAfterExit);
        } catch (err) {
          failed(err);
        } finally {
          updater.off('appimage-filename-updated', renamed);
        }
        if (failedAlready) return;
        // BaseUpdater clears this flag when its install step returned false.
        if (Reflect.get(updater, 'quitAndInstallCalled') === false) {
          failed(new Error('the installer did not start'));
          return;
        }
        opts.relaunchAfterExit?.(newPath);
      });
    },
    withdraw() {
      // electron-updater keeps the downloaded file; at quit it would install it still. (A zip
      // Squirrel.Mac has already staged cannot be taken back: macOS installs it at quit.)
      updater.autoInstallOnAppQuit = false;
    },
  };
}

/** Text electron-updater logs, made fit for the app's log: one line, and never the feed's body. */
function logLine(message: unknown): string {
  const text = String(message instanceof Error ? message.message : message);
  // "Cannot parse update info from latest.yml …: YAMLException …, rawData: <the whole file>"
  const first = (text.split(/,?\s*rawData:/)[0] ?? '').split('\n')[0] ?? '';
  return first.length > 300 ? `${first.slice(0, 299)}…` : first;
}

/** electron-updater's logger, onto ours: its own 'error' listener logs every error it emits. */
export function updaterLogger(log: Logger): UpdaterLogger {
  return {
    info: (m) => log.info(logLine(m)),
    warn: (m) => log.warn(logLine(m)),
    error: (m) => log.error(logLine(m)),
  };
}
