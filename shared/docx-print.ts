// What the built-in DOCX converter's page (renderer/docx-print.html) and its two hosts (a hidden
// Electron window, headless Chromium under the browser host) agree on: where the page finds its
// document, and how it says it is done. The page has no other way to talk to its host: it reads
// one one-time URL of its own origin and sets its title.

/** The page, in the built renderer folder. */
export const DOCX_PRINT_PAGE = 'docx-print.html';

/** A document's one-time path: this prefix and 128 random bits as 32 hex digits. */
export const DOCX_PRINT_DOC_PREFIX = '/merge-docx/';
const DOC_PATH = /^\/merge-docx\/[0-9a-f]{32}$/;

/** The title the page sets once every page is laid out and its fonts and images are in. */
export const DOCX_PRINT_READY = 'docx-print:ready';
/** The title's prefix when the page could not lay the document out; the reason follows. */
export const DOCX_PRINT_ERROR = 'docx-print:error:';
/** The longest reason a title carries (a library's message can quote a whole XML part). */
const MAX_REASON = 300;

/** True for a path the hosts hand out: nothing else is ever served as a document. */
export function isDocxPrintDocPath(pathname: string): boolean {
  return DOC_PATH.test(pathname);
}

/** The page URL's fragment naming a document (`#/merge-docx/<token>`). */
export function docxPrintHash(docPath: string): string {
  return `#${docPath}`;
}

/** The document path a page's `location.hash` names, or undefined when it names anything else. */
export function docPathFromHash(hash: string): string | undefined {
  const path = hash.startsWith('#') ? hash.slice(1) : hash;
  return isDocxPrintDocPath(path) ? path : undefined;
}

/** The title that reports a failure, on one line and of bounded length. */
export function docxPrintErrorTitle(reason: string): string {
  const line = reason.replace(/\s+/g, ' ').trim() || 'unknown error';
  return DOCX_PRINT_ERROR + (line.length > MAX_REASON ? `${line.slice(0, MAX_REASON - 1)}…` : line);
}

export type DocxPrintSignal = { ok: true } | { ok: false; reason: string };

/** What a page title says: done, failed (with the page's reason), or undefined while it works. */
export function readDocxPrintSignal(title: string): DocxPrintSignal | undefined {
  if (title === DOCX_PRINT_READY) return { ok: true };
  if (title.startsWith(DOCX_PRINT_ERROR)) return { ok: false, reason: title.slice(DOCX_PRINT_ERROR.length) || 'unknown error' };
  return undefined;
}
