// "Openfax will redial about 10:42": the last call's time plus the vendor's stated wait, said
// as "about", and nothing once it is unknown or long past. The clock is a number we pass in.
import { describe, expect, it } from 'vitest';
import { estimateRedialAt, redialAbout } from '../../shared/redial-estimate.ts';
import { REDIAL_WAIT_MINUTES } from '../../shared/vendor-codes.ts';

const T = Date.UTC(2026, 0, 5, 10, 30, 0);
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

describe('redial estimate', () => {
  it('is the call’s end plus the vendor’s wait between redials', () => {
    expect(REDIAL_WAIT_MINUTES).toBe(4);
    expect(estimateRedialAt({ at: T, durationSeconds: 0 })).toBe(T + 4 * 60_000);
    // A call that was connected for 90 s ended 90 s after it started.
    expect(estimateRedialAt({ at: T, durationSeconds: 90 })).toBe(T + 90_000 + 4 * 60_000);
    // An unanswered call reports no duration; seeing the fax wait 70 s on tells when it ended.
    expect(estimateRedialAt({ at: T, durationSeconds: 0, waitingSince: T + 70_000 })).toBe(T + 70_000 + 4 * 60_000);
    // Never earlier than the call's own end.
    expect(estimateRedialAt({ at: T, durationSeconds: 90, waitingSince: T + 10_000 })).toBe(T + 90_000 + 4 * 60_000);
  });

  it('is unknown without the last call’s time', () => {
    expect(estimateRedialAt({ at: null })).toBeNull();
    expect(estimateRedialAt({ at: undefined, durationSeconds: 30 })).toBeNull();
    expect(estimateRedialAt({ at: Number.NaN })).toBeNull();
    expect(estimateRedialAt({ at: 0 })).toBeNull();
  });

  it('says "about HH:MM" until it is a while past, then nothing', () => {
    const at = estimateRedialAt({ at: T, durationSeconds: 0 });
    expect(redialAbout(at, T, hhmm)).toBe('about 10:34');
    expect(redialAbout(at, T + 4 * 60_000, hhmm)).toBe('about 10:34');
    expect(redialAbout(at, T + 6 * 60_000, hhmm)).toBe('about 10:34');
    expect(redialAbout(at, T + 6 * 60_000 + 1, hhmm)).toBeNull();
    expect(redialAbout(null, T, hhmm)).toBeNull();
  });
});
