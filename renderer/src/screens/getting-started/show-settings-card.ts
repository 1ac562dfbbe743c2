// Opens Settings and brings one of its cards into view with the keyboard on its heading, so
// "Set up the printer" lands where the printer is set up (a screen reader reads the heading).

import { useStore } from '../../store/index.ts';

/** Headings of the Settings cards that Getting started points at. */
export const SETTINGS_HEADINGS = { printer: 'settings-printer', account: 'settings-account' } as const;

/** About two seconds of frames: Settings shows its cards once the settings have arrived. */
const MAX_FRAMES = 120;

export function showSettingsCard(headingId: string): void {
  useStore.getState().navigate('settings');
  let frames = 0;
  const seek = () => {
    const heading = document.getElementById(headingId);
    if (!heading) {
      if (++frames < MAX_FRAMES) requestAnimationFrame(seek);
      return;
    }
    // A heading takes focus only from script, and is not added to the Tab order.
    if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
    (heading.closest('section') ?? heading).scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  };
  requestAnimationFrame(seek);
}
