// Whether this process stayed responsive while something ran: a 5 ms timer's longest gap.

/** Runs `work` with a 5 ms interval ticking beside it; the longest gap between ticks says how long the event loop was held. */
export async function whileTicking<T>(work: () => Promise<T>): Promise<{ result: T; elapsedMs: number; longestGapMs: number }> {
  let last = performance.now();
  let longestGapMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  try {
    const result = await work();
    return { result, elapsedMs: performance.now() - started, longestGapMs: Math.max(longestGapMs, performance.now() - last) };
  } finally {
    clearInterval(timer);
  }
}
