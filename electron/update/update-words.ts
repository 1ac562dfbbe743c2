// What the person is told about updates, one line per outcome, and the one place that says how
// a ready update gets installed on this kind of install (the bar and Settings both show it).
// Only Settings shows a check's outcome: a check that finds nothing, or cannot reach the feed,
// never interrupts anyone.

import type { InstallKind, RefusalReason } from './update-port.ts';

/** After "Version X is ready.": what installs it here, and nothing this install does not do. */
function installHint(kind: InstallKind): string {
  if (kind === 'on-quit') return 'Restart now to install it, or it installs when you quit Openfax Desktop.';
  if (kind === 'password') return 'Restart now to install it: you will be asked for your password.';
  return 'Restart now to install it.';
}

const REFUSALS: Record<RefusalReason, (version: string) => string> = {
  checksum: (version) => `The update to ${version} was refused: its checksum did not match the published one. Nothing was installed.`,
  signature: (version) => `The update to ${version} was refused: it is not signed by the publisher of this app. Nothing was installed.`,
  'not-available': (version) =>
    `The update to ${version} was not taken: macOS answered that it has no update to install. Nothing was installed; Openfax Desktop checks again tomorrow.`,
};

export const UPDATE_WORDS = {
  current: (version: string) => `Openfax Desktop ${version} is the newest version.`,
  downloading: (version: string) => `Version ${version} is available; it is downloading.`,
  installHint,
  ready: (version: string, kind: InstallKind) => `Version ${version} is ready. ${installHint(kind)}`,
  /** While a deb or rpm installs: the main window waits for the system's password dialog. */
  installing: (kind: InstallKind) => (kind === 'password' ? 'Enter your password when the system asks for it.' : undefined),
  withdrawn: (version: string, current: string) =>
    `Version ${version} is no longer offered by the update feed, so it will not be installed. Openfax Desktop ${current} is the newest version.`,
  /** macOS: Squirrel has already prepared the version, and installs it at quit whatever the app says. */
  withdrawnStaged: (version: string) =>
    `Version ${version} is no longer offered by the update feed, but macOS has already prepared it: it installs when you quit Openfax Desktop.`,
  unreachable: (why: string) => `Could not reach the update feed (${why}). Openfax Desktop tries again later.`,
  invalidFeed: (url: string, why: string) =>
    `The update feed at ${url} lists no valid update (${why}). Openfax Desktop checks it again tomorrow.`,
  refused: (version: string, reason: RefusalReason) => REFUSALS[reason](version),
  noFeed: 'No update feed is set: enter its address under Update feed.',
  inactive:
    'This copy of Openfax Desktop cannot replace itself (it was not set up by its installer): install it from the installer to get updates.',
  installFailed: (version: string, why: string) =>
    `Version ${version} could not be installed (${why}). Openfax Desktop is unchanged: Restart now tries again.`,
} as const;

/**
 * electron-updater's codes for a feed that answered, but with nothing usable in it: told as
 * such and asked again with the daily check, not retried as if the network had failed.
 */
const FEED_CONTENT_CAUSES: Record<string, string> = {
  ERR_UPDATER_CHANNEL_FILE_NOT_FOUND: 'it has no list of releases for this computer',
  ERR_UPDATER_INVALID_UPDATE_INFO: 'its list of releases cannot be read',
  ERR_UPDATER_NO_FILES_PROVIDED: 'it lists no file to download',
  ERR_UPDATER_NO_CHECKSUM: 'the file it lists has no checksum',
  ERR_UPDATER_INVALID_VERSION: 'the version it lists is not a version number',
  ERR_UPDATER_LATEST_VERSION_NOT_FOUND: 'it lists no version',
  ERR_UPDATER_NO_PUBLISHED_VERSIONS: 'it lists no version',
  ERR_UPDATER_ZIP_FILE_NOT_FOUND: 'it lists no file for this computer',
  ERR_UPDATER_ASSET_NOT_FOUND: 'it lists no file for this computer',
  ERR_UPDATER_WEB_INSTALLER_DISABLED: 'it lists only a web installer',
};

/** Why the feed's content is unusable, when that is the failure; undefined for a network failure. */
export function feedContentCause(err: unknown): string | undefined {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' ? FEED_CONTENT_CAUSES[code] : undefined;
}

/** A short cause for a feed that could not be read: the HTTP status, the network error's code, or its first line. */
export function unreachableCause(err: unknown): string {
  const e = err as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof e?.statusCode === 'number') return `it answered HTTP ${e.statusCode}`;
  if (typeof e?.code === 'string' && /^E[A-Z_]+$/.test(e.code)) return e.code;
  const first = String(e?.message ?? err).split('\n')[0] ?? '';
  return first.length > 120 ? `${first.slice(0, 117)}…` : first || 'no answer';
}
