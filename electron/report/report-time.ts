// Times on a transmission report: in the computer's own zone, with the zone written beside each
// one ("2026-12-01 09:41:07 EST (UTC-05:00)"), because a report is kept as proof and read later,
// perhaps somewhere else, when "09:41" alone would not say which 09:41. The offset is written
// with an ASCII hyphen: the report's standard fonts have no minus sign.

import { localDateTime } from '../core/spreadsheet-csv.ts';

/** The zone's short name where it has one people know (EST, CET), else null (zones Intl names "GMT+1"). */
function zoneAbbreviation(ms: number, timeZone?: string): string | null {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    .formatToParts(ms)
    .find((p) => p.type === 'timeZoneName')?.value;
  return name && /^[A-Z]{2,5}$/.test(name) && name !== 'GMT' && name !== 'UTC' ? name : null;
}

/** "UTC-05:00", "UTC+01:00", "UTC+00:00" at that moment (summer time included). */
function utcOffset(ms: number, timeZone?: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(ms)
    .find((p) => p.type === 'timeZoneName')?.value;
  // "GMT-05:00", or "GMT" alone for UTC itself.
  const offset = name?.replace(/^GMT/, '') || '+00:00';
  return `UTC${offset.replace('\u2212', '-')}`;
}

/** "2026-12-01 09:41:07 EST (UTC-05:00)", or "2026-12-01 10:41:07 (UTC+01:00)" where the zone has no short name. */
export function reportTime(ms: number, timeZone?: string): string {
  const abbreviation = zoneAbbreviation(ms, timeZone);
  return `${localDateTime(ms, timeZone)}${abbreviation ? ` ${abbreviation}` : ''} (${utcOffset(ms, timeZone)})`;
}

/** "1 min 10 s", "42 s": rounded to the second first, so 119.6 s is "2 min 0 s", never "1 min 60 s". */
export function durationText(seconds: number): string {
  const total = Math.round(seconds);
  if (total < 60) return `${total} s`;
  return `${Math.floor(total / 60)} min ${total % 60} s`;
}
