// The documents Openfax takes (PDF, and PNG, JPEG and TIFF images, which main makes into PDF
// pages), told apart by their content, never by their name: a scan saved as ".png" that is a
// JPEG is a JPEG. Word and OpenDocument files are named as such, with what to do instead.
// The one rule for the drop check in the renderer, the file dialogs, "Open with", the hot
// folder and the CLI. Pure and browser-safe.

import { type Check, fail } from './check.ts';
import { MAX_PDF_BYTES } from './domain.ts';
import { checkPdfHeader } from './fax-rules.ts';
import { looksLike } from './file-sniff.ts';

export type DocumentKind = 'pdf' | 'png' | 'jpeg' | 'tiff';
export type ImageKind = Exclude<DocumentKind, 'pdf'>;

/** Extensions the file dialogs, "Open with" (electron-builder.yml) and the drop hint offer. */
export const DOCUMENT_EXTENSIONS = ['pdf', 'png', 'jpg', 'jpeg', 'tif', 'tiff'] as const;

/** The file input's `accept` list. */
export const DOCUMENT_ACCEPT = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/tiff',
  ...DOCUMENT_EXTENSIONS.map((e) => `.${e}`),
].join(',');

export const IMAGE_KIND_LABEL: Record<ImageKind, string> = { png: 'PNG image', jpeg: 'JPEG image', tiff: 'TIFF image' };

/** True for a name with one of the extensions we take (a command line, a dialog's result). */
export function hasDocumentExtension(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot >= 0 && (DOCUMENT_EXTENSIONS as readonly string[]).includes(name.slice(dot + 1).toLowerCase());
}

/** What the first bytes say the file is, or undefined for anything we do not take. */
export function documentKindOf(head: Uint8Array): DocumentKind | undefined {
  const starts = (...sig: number[]) => sig.every((x, i) => head[i] === x);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  // Classic TIFF (42) and BigTIFF (43), either byte order.
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a) || starts(0x49, 0x49, 0x2b, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2b))
    return 'tiff';
  if (checkPdfHeader(head.subarray(0, 1024), Math.max(1, head.byteLength)).ok) return 'pdf';
  return undefined;
}

type OfficeKind = 'word' | 'old-word' | 'odt' | 'opendocument' | 'office' | 'rtf';

// No ": " inside a message: the UI splits "what is wrong: what to do" at the first one.
const CANNOT = 'Openfax faxes PDFs and images (PNG, JPEG, TIFF), and cannot turn';
const OFFICE_WORDING: Record<OfficeKind, string> = {
  word: `This is a Word document (.docx). ${CANNOT} Word documents into fax pages yet`,
  'old-word': `This is an older Word or Excel document (.doc, .xls). ${CANNOT} these into fax pages yet`,
  rtf: `This is a Word document in RTF. ${CANNOT} Word documents into fax pages yet`,
  odt: `This is a LibreOffice document (OpenDocument text, .odt). ${CANNOT} these into fax pages yet`,
  opendocument: `This is a LibreOffice document (OpenDocument). ${CANNOT} these into fax pages yet`,
  office: `This is an Office document (Word, Excel or PowerPoint). ${CANNOT} these into fax pages yet`,
};
const OFFICE_ACTION =
  'open it in Word or LibreOffice and print it to the Openfax printer (or save it as PDF and add that), ' +
  'or wait for the document converter that comes with mail merge';

const ascii = (bytes: Uint8Array) => String.fromCharCode(...bytes.subarray(0, Math.min(bytes.length, 65536)));

/**
 * Word, OpenDocument and other Office files, from the first bytes and (when at hand) the last:
 * the new ones are ZIPs, told apart by the names of their parts (a ZIP lists them again at its end).
 */
function officeKindOf(head: Uint8Array, tail: Uint8Array = new Uint8Array()): OfficeKind | undefined {
  const starts = (...sig: number[]) => sig.every((x, i) => head[i] === x);
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'old-word';
  if (starts(0x7b, 0x5c, 0x72, 0x74, 0x66)) return 'rtf';
  if (!starts(0x50, 0x4b, 0x03, 0x04)) return undefined;
  const text = `${ascii(head)}\n${ascii(tail)}`;
  if (text.includes('application/vnd.oasis.opendocument.text')) return 'odt';
  if (text.includes('application/vnd.oasis.opendocument')) return 'opendocument';
  if (text.includes('word/')) return 'word';
  if (text.includes('[Content_Types].xml') || text.includes('xl/') || text.includes('ppt/')) return 'office';
  return undefined;
}

/** True for Word, OpenDocument and other Office files (they get their own message and code). */
export function isOfficeDocument(head: Uint8Array, tail?: Uint8Array): boolean {
  return officeKindOf(head, tail) !== undefined;
}

/**
 * Checks a document by its content and the size limit: its kind, or a reason in the shared
 * "what is wrong: what to do" form. `tail` (the last bytes) helps tell a Word file from other ZIPs.
 */
export function checkDocumentHeader(head: Uint8Array, size: number, tail?: Uint8Array): Check<DocumentKind> {
  // Empty and too large read the same for every kind.
  const limits = checkPdfHeader(head, size);
  if (!limits.ok && (size <= 0 || size > MAX_PDF_BYTES)) return limits;
  const kind = documentKindOf(head);
  if (kind) return { ok: true, value: kind };
  const office = officeKindOf(head, tail);
  if (office) return fail(`${OFFICE_WORDING[office]}: ${OFFICE_ACTION}.`);
  const like = looksLike(head);
  return fail(
    `The file is not a PDF or an image Openfax can fax (PNG, JPEG, TIFF)${like ? ` (it looks like ${like})` : ''}, whatever its name says: ` +
      'open it and print it to the Openfax printer, or save it as PDF, then send that file.',
  );
}
