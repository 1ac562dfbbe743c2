// Which names in the hot folder are documents. Temporary and hidden names belong to programs
// still writing (browsers, Office, copy tools); our own subfolders hold what we already handled.

import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { hasDocumentExtension } from '../../shared/document-kinds.ts';

export const REJECTED_DIR = 'Rejected';
export const REVIEW_DIR = 'Needs review';
/** `NAME.json` next to `NAME` (usually `x.pdf.json`) carries routing written by another program. */
const SIDECAR_SUFFIX = '.json';

const TEMP_SUFFIXES = ['.tmp', '.temp', '.part', '.partial', '.crdownload', '.download', '.swp', '~'];
const SYSTEM_FILES = new Set(['desktop.ini', 'thumbs.db', 'icon\r']);

/** True for names we never take: dotfiles, `~$…` Office locks, temp/partial downloads, system files. */
export function isIgnoredName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.startsWith('.') || lower.startsWith('~$')) return true;
  if (SYSTEM_FILES.has(lower)) return true;
  return TEMP_SUFFIXES.some((s) => lower.endsWith(s));
}

/** Sidecars are read with their document (`x.pdf.json`, `scan.tif.json`), never taken on their own. */
export function isSidecarName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith(SIDECAR_SUFFIX) && hasDocumentExtension(lower.slice(0, -SIDECAR_SUFFIX.length));
}

export function isOwnSubfolder(name: string): boolean {
  return name === REJECTED_DIR || name === REVIEW_DIR;
}

/** The sidecar name that belongs to a document name. */
export function sidecarNameFor(name: string): string {
  return `${name}${SIDECAR_SUFFIX}`;
}

// The longest name, in UTF-8 bytes, that ext4, APFS, NTFS and SMB shares all accept.
export const NAME_MAX_BYTES = 255;
// An extension longer than this is part of the name, not a type to keep.
const MAX_EXT_BYTES = 16;

/**
 * `name`, or a shorter one when `name` plus `reserveBytes` more (a `.reason.txt` beside it)
 * would not be a valid file name: the stem is cut on a character boundary, the extension kept,
 * and `~` plus a short hash of the full name keeps two long names that start alike apart.
 */
export function fitName(name: string, reserveBytes: number): string {
  const budget = NAME_MAX_BYTES - reserveBytes;
  if (Buffer.byteLength(name) <= budget) return name;
  const ext = extname(name);
  const keptExt = Buffer.byteLength(ext) <= MAX_EXT_BYTES ? ext : '';
  const tag = `~${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
  let room = budget - Buffer.byteLength(tag + keptExt);
  let stem = '';
  for (const ch of name.slice(0, name.length - keptExt.length)) {
    room -= Buffer.byteLength(ch);
    if (room < 0) break;
    stem += ch;
  }
  return `${stem.trimEnd()}${tag}${keptExt}`;
}
