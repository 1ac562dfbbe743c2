// Channels of in-app updates: what the updater knows (one view, pushed on every change), a check
// on request, and the two answers to "Update ready": restart now, or later. Only the installed
// desktop app updates itself; elsewhere the view says why and the actions change nothing.

import { z } from 'zod';
import { method } from '../define.ts';

/** How the last check ended; `message` is the line Settings shows beside its time. */
export const UpdateCheckOutcome = z.enum([
  /** This version is the newest on the feed. */
  'current',
  /** A newer version was found (it downloads, then is ready). */
  'found',
  /** The feed could not be reached; tried again later, without a word outside Settings. */
  'unreachable',
  /** The feed answered, but lists nothing usable (no valid file, no version): asked again with the daily check. */
  'invalid-feed',
  /** The download failed its checksum or signature, or macOS's updater would not take it: nothing was installed. */
  'refused',
  /** "Restart now" ran the installer and it failed (a password dialog canceled, a read-only disk): the update is ready again. */
  'install-failed',
  /** No feed address, or one the rules refuse. */
  'no-feed',
  /** This kind of install cannot replace itself (a plain folder, not an installer's copy). */
  'inactive',
]);
export type UpdateCheckOutcome = z.infer<typeof UpdateCheckOutcome>;

export const UpdateView = z.object({
  /** False where no updater runs (the browser host, a development build): `note` says why. */
  supported: z.boolean(),
  note: z.string().optional(),
  currentVersion: z.string(),
  /** The address checked: the setting, or the one the app was built with. */
  feedUrl: z.string().optional(),
  /** The address the app was built with (what an empty setting means). */
  defaultFeedUrl: z.string().optional(),
  /**
   * idle: nothing to do; checking, downloading (with `percent`); ready: `version` waits for a
   * restart; waiting: "Restart now" waits for faxes being uploaded (`waitingFor`), and no new
   * upload starts meanwhile; restarting: the installer runs (a failure comes back as ready).
   */
  phase: z.enum(['idle', 'checking', 'downloading', 'ready', 'waiting', 'restarting']),
  /** The newer version, from the moment it is found. */
  version: z.string().optional(),
  percent: z.number().min(0).max(100).optional(),
  waitingFor: z.number().int().nonnegative().optional(),
  /**
   * How the ready version gets installed on this kind of install, in words (ready, waiting), e.g.
   * "Restart now to install it, or it installs when you quit Openfax Desktop."; while restarting,
   * what the person must do, if anything (a deb's password).
   */
  installHint: z.string().optional(),
  /** "Later" was chosen for `version`: the bar stays hidden until the next start or a newer version. */
  postponed: z.boolean(),
  lastCheck: z.object({ at: z.number(), outcome: UpdateCheckOutcome, message: z.string() }).optional(),
});
export type UpdateView = z.infer<typeof UpdateView>;

export const updateMethods = {
  getUpdate: method(z.void(), UpdateView),
  /** Checks the feed now; answers once the check (not the download) is done. */
  checkForUpdate: method(z.void(), UpdateView),
  /** Installs the ready update: at once, or once the faxes being uploaded are handed over. */
  restartToUpdate: method(z.void(), UpdateView),
  /** "Later": hides the ready update until the next start. */
  postponeUpdate: method(z.void(), UpdateView),
};

export const updateEvents = {
  updateChanged: UpdateView,
};
