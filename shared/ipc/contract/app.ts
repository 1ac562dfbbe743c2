// App-level channels: identity, data location, mode, navigation requests and notices.

import { z } from 'zod';
import { SHORTCUT_IDS } from '../../shortcuts.ts';
import { method } from '../define.ts';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
  platform: z.string(),
  mode: z.enum(['sandbox', 'live']),
  transport: z.enum(['electron', 'web']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const Screen = z.enum(['compose', 'outbox', 'contacts', 'settings']);
export type Screen = z.infer<typeof Screen>;

export const Notice = z.object({
  level: z.enum(['info', 'success', 'warning', 'error']),
  title: z.string(),
  message: z.string(),
  code: z.string().optional(),
});
export type Notice = z.infer<typeof Notice>;

export const appMethods = {
  getAppInfo: method(z.void(), AppInfo),
  /** Opens a folder or file in the OS file manager (a path main already knows, never a renderer-supplied one). */
  revealDataDir: method(z.void(), z.object({ opened: z.boolean() })),
  /**
   * The renderer has subscribed to every event: main delivers what it held while the page
   * loaded (a window opened for a print must still hear "show Compose"). Answers how many.
   */
  rendererReady: method(z.void(), z.object({ delivered: z.number().int().nonnegative() })),
};

export const appEvents = {
  /** Main asks the renderer to show a screen (hot-folder pickup, "Open with", tray). */
  navigate: z.object({ screen: Screen }),
  /** A command of the desktop app's menu bar: the renderer runs it as its shortcut key would. */
  runShortcut: z.object({ id: z.enum(SHORTCUT_IDS) }),
  /** Help → Getting started in the desktop app's menu bar. */
  showGettingStarted: z.object({}),
  notice: Notice,
};
