import type { StateCreator } from 'zustand';
import type { RootState } from '../index.ts';
import type { AppScreen } from './app-slice.ts';

export interface GettingStartedSlice {
  /**
   * Getting started is shown in place of the screen. undefined: not decided yet (the settings
   * have not arrived); any navigation decides it (false), so a print that came first keeps Compose.
   */
  gettingStartedShown: boolean | undefined;
  showGettingStarted(): void;
  /** The first settings of this page: shows Getting started when it was never closed for good. */
  offerGettingStarted(): void;
  /** Closed for good: the setting remembers, so it never opens by itself again. */
  dismissGettingStarted(): Promise<void>;
}

/**
 * The screen on show: none while Getting started stands in its place. The page and the
 * shortcuts both read this, so a shortcut never acts on a screen that is not there (Ctrl+O
 * then goes to Compose, hiding the page as every navigation does).
 */
export function shownScreen(s: RootState): AppScreen | undefined {
  return s.gettingStartedShown === true ? undefined : s.screen;
}

export const createGettingStartedSlice: StateCreator<RootState, [], [], GettingStartedSlice> = (set, get) => ({
  gettingStartedShown: undefined,
  showGettingStarted: () => set({ gettingStartedShown: true }),
  offerGettingStarted() {
    const s = get();
    if (s.gettingStartedShown === undefined && s.settings) set({ gettingStartedShown: !s.settings.gettingStartedDone });
  },
  async dismissGettingStarted() {
    set({ gettingStartedShown: false });
    if (get().settings?.gettingStartedDone !== true) await get().saveSetting('gettingStartedDone', true);
  },
});
