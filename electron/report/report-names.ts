// The names reports are saved under, one rule for the archive folder, Save report and the CLI:
// `YYYY-MM-DD HHMM <recipient> <delivered|failed>.pdf`, in local time of the final result,
// the recipient by name or else by number. Every OS must take the name: characters Windows,
// macOS or a share refuse become spaces, and the name fits 255 bytes (hotfolder/names.ts) with
// room left for the " (2)" a second fax of the same name gets. A long name is cut in the
// recipient alone: the date, the result and the extension always stay.

import { NAME_MAX_BYTES } from '../hotfolder/names.ts';
import type { JobReportData } from './report-data.ts';

// Windows refuses these in a name; `/` is the POSIX separator, `:` macOS Finder's.
const UNSAFE = /[<>:"/\\|?*]/g;

/** Control characters (below space, and DEL) confuse every file manager and terminal. */
function withoutControls(text: string): string {
  return Array.from(text, (ch) => ((ch.codePointAt(0) as number) < 0x20 || ch === '\u007f' ? ' ' : ch)).join('');
}

/** `name` safe as part of a file name on every OS: unsafe characters as spaces, no leading dot, no trailing dot or space. */
export function safeNamePart(name: string): string {
  return withoutControls(name.normalize('NFC'))
    .replace(UNSAFE, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "2026-12-01 0941", local time. */
function stamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}${pad(d.getMinutes())}`;
}

type NameSource = Pick<JobReportData, 'jobId' | 'recipientName' | 'number' | 'delivered' | 'endedAt'>;

/** Room for the longest " (n)" the archive gives a repeated name (archive-write.ts: up to " (9999)"). */
const REPEAT_ROOM = Buffer.byteLength(' (9999)');

/** `text` cut, on a character boundary, to at most `bytes` UTF-8 bytes, without a trailing space or dot. */
function cutToBytes(text: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    used += Buffer.byteLength(ch);
    if (used > bytes) break;
    out += ch;
  }
  return out.replace(/[. ]+$/, '');
}

/** `2026-12-01 0941 Ann Smith delivered.pdf`; `suffix` (" report") goes before the extension. */
export function faxFileName(d: NameSource, suffix = ''): string {
  const who = safeNamePart(d.recipientName) || safeNamePart(d.number) || `fax ${d.jobId}`;
  const head = `${stamp(d.endedAt ?? Date.now())} `;
  const tail = ` ${d.delivered ? 'delivered' : 'failed'}${suffix}.pdf`;
  const room = NAME_MAX_BYTES - REPEAT_ROOM - Buffer.byteLength(head + tail);
  return `${head}${cutToBytes(who, room) || `fax ${d.jobId}`}${tail}`;
}

/** `2026-12-01 0941 broadcast 3 report.pdf`. */
export function broadcastFileName(broadcastId: number, at: number): string {
  return `${stamp(at)} broadcast ${broadcastId} report.pdf`;
}
