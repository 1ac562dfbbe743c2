// When Openfax will call again, roughly: the vendor's page says a fax is redialled "4 minutes
// apart", so the next call comes about that long after the last one ended. When that call ended
// is known only roughly: a report row's time is when the call began (or when we first saw the
// row), its CallDuration counts connected seconds only (a call nobody answers rings for a minute
// and reports 0), and the moment we saw the fax waiting to redial is a little after the call
// ended. The latest of these is the best guess, a poll late at most, never early. Nothing else is
// known (the vendor's queue may add a little), so people are told "about", and nothing at all
// when the last call's time is unknown or the estimate is long past.

import { REDIAL_WAIT_MINUTES } from './vendor-codes.ts';

/** Past the estimate by more than this, it says nothing true any more. */
const STALE_AFTER_MS = 2 * 60_000;

/**
 * The estimated time of the next call (ms); null when the last call's time is unknown.
 * `waitingSince`: when the fax was first seen waiting to redial, if known.
 */
export function estimateRedialAt(lastCall: {
  at: number | null | undefined;
  durationSeconds?: number | null;
  waitingSince?: number | null;
}): number | null {
  const at = lastCall.at;
  if (at == null || !Number.isFinite(at) || at <= 0) return null;
  const seconds = lastCall.durationSeconds != null && lastCall.durationSeconds > 0 ? lastCall.durationSeconds : 0;
  const seen = lastCall.waitingSince != null && Number.isFinite(lastCall.waitingSince) ? lastCall.waitingSince : 0;
  return Math.max(at + seconds * 1000, seen) + REDIAL_WAIT_MINUTES * 60_000;
}

/** "about 10:42" in the person's time (`time` formats a moment); null when unknown or stale at `now`. */
export function redialAbout(redialAt: number | null, now: number, time: (ms: number) => string): string | null {
  if (redialAt == null || now > redialAt + STALE_AFTER_MS) return null;
  return `about ${time(redialAt)}`;
}
