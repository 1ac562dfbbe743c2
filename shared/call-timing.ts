// How long a fax call lasts, as a fax line at 14.4 kbit/s does it on a typical text page: about
// 30 s to dial and hand-shake, then about 20 s a page at standard resolution and twice that at
// fine (twice the scan lines). The Compose estimate tells the person this, and the sandbox
// simulates the same figures, so its reports (CallDuration) match the estimate.

import type { Resolution } from './domain.ts';

/** Dialling and the fax hand-shake, before the first page. */
export const CALL_SETUP_SECONDS = 30;
export const SECONDS_PER_PAGE: Record<Resolution, number> = { standard: 20, fine: 40 };

/** Seconds a call that sends all `pages` takes (0 when there is nothing to send). */
export function transmissionSeconds(pages: number, resolution: Resolution): number {
  return pages <= 0 ? 0 : CALL_SETUP_SECONDS + pages * SECONDS_PER_PAGE[resolution];
}
