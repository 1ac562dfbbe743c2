// What the update engine needs from an updater, and nothing more: ask a feed, download what it
// found (verified), install it. electron-updater provides it in the app (updater-port.ts); the
// engine itself never sees the library, so its schedule and rules run in plain Node.

export interface UpdateFound {
  /** The newest version the feed lists. */
  latest: string;
  /** It is newer than this one (the same or an older version is no update). */
  newer: boolean;
}

/**
 * How this kind of install takes a downloaded update, which decides what "ready" may promise:
 * - on-quit: it also installs when the app quits (Windows' NSIS, macOS' Squirrel);
 * - on-restart: only "Restart now" installs it (an AppImage);
 * - password: only "Restart now", and the system asks for an administrator's password (deb, rpm).
 */
export type InstallKind = 'on-quit' | 'on-restart' | 'password';

export interface UpdatePort {
  readonly kind: InstallKind;
  /** Reads the feed at `feedUrl`; undefined when this install cannot update itself. Rejects when the feed cannot be read. */
  check(feedUrl: string): Promise<UpdateFound | undefined>;
  /** Downloads what `check` found and verifies it; rejects with UpdateRefused when it fails a check. */
  download(onProgress: (percent: number) => void): Promise<void>;
  /**
   * Runs the installer and quits the app through its usual quit path. Rejects when the install
   * could not start, or failed before the app ended (the app is then unchanged and running);
   * otherwise it never settles: the process ends.
   */
  install(): Promise<void>;
  /** The ready version is no longer on the feed: nothing may install it, not even at quit. */
  withdraw(): void;
  /**
   * Whether withdraw() can keep a ready version from being installed. False for Squirrel.Mac:
   * the zip it has prepared is installed by macOS at the next quit whatever the app says.
   */
  readonly canWithdraw: boolean;
}

/**
 * Why a downloaded update was not installed: its checksum, its signature, or the system's
 * updater answering that it is no update (Squirrel.Mac's "update-not-available").
 */
export type RefusalReason = 'checksum' | 'signature' | 'not-available';

/** A download that failed its checksum or signature, or that the system would not take: nothing was installed. */
export class UpdateRefused extends Error {
  readonly reason: RefusalReason;
  constructor(reason: RefusalReason, detail: string) {
    super(detail);
    this.name = 'UpdateRefused';
    this.reason = reason;
  }
}
