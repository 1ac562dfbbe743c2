// The rules a fax must pass before anything is sent, shared by the client (which enforces
// them) and the renderer (which shows them live as the user types). Pure and browser-safe.
// Every failure reason names the problem and says what to type instead.

import { type Check, fail } from './check.ts';
import { looksLike } from './file-sniff.ts';
import {
  MAX_PDF_BYTES,
  PAPER_SIZE_LABEL,
  PAPER_SIZES,
  type PaperSize,
  PRIORITIES,
  type Priority,
  RESOLUTIONS,
  type Resolution,
} from './domain.ts';

export type { Check } from './check.ts';
export { checkHeader } from './fax-header.ts';
export { normalizeFaxNumber } from './fax-number.ts';

export function checkPaperSize(v: unknown): Check<PaperSize> {
  if (typeof v === 'string' && (PAPER_SIZES as readonly string[]).includes(v)) return { ok: true, value: v as PaperSize };
  const choices = PAPER_SIZES.map((p) => `${PAPER_SIZE_LABEL[p]} ('${p}')`).join(', ');
  return fail(`Paper size ${quote(v)} is not one Openfax accepts: choose ${choices}.`);
}

export function checkResolution(v: unknown): Check<Resolution> {
  if (typeof v === 'string' && (RESOLUTIONS as readonly string[]).includes(v)) return { ok: true, value: v as Resolution };
  return fail(`Resolution ${quote(v)} is not one Openfax accepts: choose 'standard' (204×98 dpi) or 'fine' (204×196 dpi, slower).`);
}

/** Exact case, as the vendor's page insists: 'Normal' or 'Low'. */
export function checkPriority(v: unknown): Check<Priority> {
  if (typeof v === 'string' && (PRIORITIES as readonly string[]).includes(v)) return { ok: true, value: v as Priority };
  const fixed = typeof v === 'string' ? PRIORITIES.find((p) => p.toLowerCase() === v.trim().toLowerCase()) : undefined;
  if (fixed) return fail(`Priority ${quote(v)} must be written exactly '${fixed}' (Openfax is case-sensitive): use '${fixed}'.`);
  return fail(`Priority ${quote(v)} is not one Openfax accepts: use 'Normal' (faster) or 'Low'.`);
}

// Readers (Acrobat, pdf.js, Ghostscript) accept a PDF whose header starts within the first 1 KB.
const PDF_HEADER_WINDOW = 1024;

/**
 * Checks a file is a PDF by its content and within the vendor's size limit.
 * Pass at least the first 1024 bytes (or the whole file if shorter) and the file's size.
 */
export function checkPdfHeader(firstBytes: Uint8Array, size: number): Check<true> {
  if (size <= 0) return fail('The file is empty (0 bytes): choose the PDF again, or print or export it to PDF once more.');
  if (size > MAX_PDF_BYTES) {
    const over = size - MAX_PDF_BYTES;
    return fail(
      `The file is ${formatBytes(size)}, ${over === 1 ? '1 byte' : formatBytes(over)} over Openfax's limit of 50 MB: ` +
        'split it into smaller faxes or save it with lower image quality.',
    );
  }
  if (findPdfMagic(firstBytes.subarray(0, PDF_HEADER_WINDOW))) return { ok: true, value: true };
  const kind = looksLike(firstBytes);
  return fail(
    `The file is not a PDF${kind ? ` (it looks like ${kind})` : ''}, even though it may be named .pdf: ` +
      'open it and print or export it to PDF, then send that file.',
  );
}

function findPdfMagic(bytes: Uint8Array): boolean {
  const magic = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
  outer: for (let i = 0; i + magic.length <= bytes.length; i++) {
    for (let j = 0; j < magic.length; j++) if (bytes[i + j] !== magic[j]) continue outer;
    return true;
  }
  return false;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

function quote(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (v === undefined) return '(none)';
  return String(v);
}
