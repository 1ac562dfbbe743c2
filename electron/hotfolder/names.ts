// Which names in the hot folder are documents. Temporary and hidden names belong to programs
// still writing (browsers, Office, copy tools); our own subfolders hold what we already handled.

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

/** Sidecars are read with their PDF, never taken on their own. */
export function isSidecarName(name: string): boolean {
  return name.toLowerCase().endsWith(`.pdf${SIDECAR_SUFFIX}`);
}

export function isOwnSubfolder(name: string): boolean {
  return name === REJECTED_DIR || name === REVIEW_DIR;
}

/** The sidecar name that belongs to a document name. */
export function sidecarNameFor(name: string): string {
  return `${name}${SIDECAR_SUFFIX}`;
}
