// When the updater asks the feed: a little after start-up (never in the way of the window
// opening), then once a day. A feed that cannot be reached is asked again sooner, a few times
// with growing gaps, and then waits for the daily check like everything else.

/** The first check, after start-up has settled. */
export const START_DELAY_MS = 30_000;
export const DAILY_MS = 24 * 60 * 60_000;
/** Gaps before asking an unreachable feed again; after the last, the daily check takes over. */
export const RETRY_DELAYS_MS = [5 * 60_000, 30 * 60_000, 2 * 60 * 60_000] as const;

/** How long until the next check, given whether this one reached the feed and how many retries came before. */
export function nextCheckDelay(reached: boolean, retriesSoFar: number): { delayMs: number; retries: number } {
  if (reached) return { delayMs: DAILY_MS, retries: 0 };
  const gap = RETRY_DELAYS_MS[retriesSoFar];
  return gap === undefined ? { delayMs: DAILY_MS, retries: 0 } : { delayMs: gap, retries: retriesSoFar + 1 };
}
