// What we know about a PDF before faxing it, put together from two halves: what main reads
// itself (size, hash, a header that says PDF) and what pdf.js reads from the structure (pages,
// their sizes, encryption, a form, text). The pdf.js half runs in a child (pdf-inspector.ts),
// so this file, which main uses, loads no pdf.js.

import type { PageSize, PaperGuess } from './paper-size.ts';
import { guessPaperSize } from './paper-size.ts';
import type { OwnedPdfBytes } from './read-input.ts';

export interface PdfInfo {
  pages: number;
  /** Points, as displayed (after /Rotate and /UserUnit), one entry per page. */
  pageSizes: PageSize[];
  paperSize: PaperGuess;
  /** True when some pages are not the detected paper size. */
  paperSizeMismatch: boolean;
  /** Encrypted with an owner password only: it opens without one, so it can be faxed. */
  encrypted: boolean;
  /** It has form fields: their values must be flattened into the pages before faxing. */
  hasForm: boolean;
  sha256: string;
  size: number;
  /** Text of the first pages, when `textMaxPages` was asked for. */
  text?: string;
}

export interface InspectOptions {
  /** Also extract the text of this many first pages (one parse instead of two). */
  textMaxPages?: number;
  maxBytes?: number;
}

/** The half pdf.js reads (inspect.ts's readPdfStructure). */
export interface PdfStructure {
  pages: number;
  pageSizes: PageSize[];
  encrypted: boolean;
  hasForm: boolean;
  text?: string;
}

/** The whole picture from the bytes main read and the structure pdf.js found in them. */
export function pdfInfoFrom(read: Pick<OwnedPdfBytes, 'size' | 'sha256'>, structure: PdfStructure): PdfInfo {
  const { paperSize, mismatch } = guessPaperSize(structure.pageSizes);
  const info: PdfInfo = {
    pages: structure.pages,
    pageSizes: structure.pageSizes,
    paperSize,
    paperSizeMismatch: mismatch,
    encrypted: structure.encrypted,
    hasForm: structure.hasForm,
    sha256: read.sha256,
    size: read.size,
  };
  if (structure.text !== undefined) info.text = structure.text;
  return info;
}
