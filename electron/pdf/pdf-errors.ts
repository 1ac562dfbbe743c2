// Typed PDF failures. Each one says, in plain words, what is wrong and what to do, so the
// hot folder's reason file, the Compose screen and the CLI can all show the same text.

import { MAX_PDF_BYTES } from '../../shared/domain.ts';
import { checkPdfHeader } from '../../shared/fax-rules.ts';
import { withDetail } from '../../shared/wording.ts';

export type PdfProblemCode =
  | 'not-pdf'
  | 'empty'
  | 'too-large'
  | 'damaged'
  | 'encrypted'
  | 'no-pages'
  | 'unreadable'
  // Reading it took longer, or more memory, than the PDF check allows (pdf-inspector.ts).
  | 'too-complex'
  // Images (image-limits.ts) and documents we cannot make into pages (shared/document-kinds.ts).
  | 'image-too-large'
  | 'too-many-pages'
  | 'office-document';

type StandardCode = 'damaged' | 'encrypted' | 'no-pages' | 'unreadable';

export class PdfError extends Error {
  readonly code: PdfProblemCode;
  /** What the user can do about it, as one sentence. */
  readonly action: string;

  constructor(code: PdfProblemCode, message: string, action: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'PdfError';
    this.code = code;
    this.action = action;
  }
}

const ACTIONS: Record<StandardCode, [string, string]> = {
  damaged: [
    'The PDF is damaged or incomplete and cannot be read.',
    'Open it in a PDF viewer to check it, then print or export it to PDF again.',
  ],
  encrypted: [
    'The PDF is password-protected: it needs a password to open, so a fax cannot be made from it.',
    'Open it with its password and print it to the Openfax printer (or to "Save as PDF") to make a copy without a password, then send that copy.',
  ],
  'no-pages': ['The PDF has no pages.', 'Export the document again, making sure it has at least one page.'],
  unreadable: ['The file could not be read.', 'Check that it is not open in another program and that you may read it, then try again.'],
};

/** Builds the standard error for a problem code; `detail` is appended to the message. */
export function pdfError(code: StandardCode, detail?: string, cause?: unknown): PdfError {
  const [message, action] = ACTIONS[code];
  return new PdfError(code, detail ? withDetail(message, detail) : message, action, cause);
}

const SIMPLER_COPY =
  'Open it in a PDF viewer and print it to PDF again (or use "Save as PDF") to make a simpler copy, then send that copy.';

/**
 * The PDF check gave up on this document: it took longer than `limit` ('time', e.g. "30 s") or
 * needed more memory than `limit` ('memory', e.g. "1 GB"). Legitimate documents take a second
 * or two; one that takes this much is damaged or built to exhaust the reader.
 */
export function tooComplexError(reason: 'time' | 'memory', limit: string): PdfError {
  const why = reason === 'time' ? `reading it took longer than ${limit}` : `reading it needed more than ${limit} of memory`;
  return new PdfError('too-complex', `The PDF is too complex to check: ${why}, so it was stopped.`, SIMPLER_COPY);
}

/**
 * Checks the first bytes and the size with the shared rules (the same wording the Compose screen
 * shows live). Returns undefined when the header and size are fine.
 */
export function headerProblem(firstBytes: Uint8Array, size: number): PdfError | undefined {
  const check = checkPdfHeader(firstBytes, size);
  if (check.ok) return undefined;
  return errorFromReason(size <= 0 ? 'empty' : size > MAX_PDF_BYTES ? 'too-large' : 'not-pdf', check.reason);
}

/** A shared rule's reason ("what is wrong: what to do") as a PdfError, the halves kept apart for the UI. */
export function errorFromReason(code: PdfProblemCode, reason: string): PdfError {
  const cut = reason.indexOf(': ');
  if (cut < 0) return new PdfError(code, reason, 'Print or export the document to PDF again, then try once more.');
  const action = reason.slice(cut + 2);
  return new PdfError(code, `${reason.slice(0, cut)}.`, action.charAt(0).toUpperCase() + action.slice(1));
}

/** Turns a PdfError into the text of a `NAME.reason.txt` file or a CLI line. */
export function describePdfError(error: PdfError): string {
  return `${error.message}\nWhat to do: ${error.action}`;
}
