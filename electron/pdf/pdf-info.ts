// What we know about a PDF before faxing it, put together from two halves: what main reads
// itself (size, hash, a header that says PDF) and what pdf.js reads from the structure (pages,
// their sizes, encryption, a form, text). The pdf.js half runs in a child (pdf-inspector.ts),
// so this file, which main uses, loads no pdf.js.

import type { PageInk } from '../../shared/ink-warnings.ts';
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
  /** The first pages' ink facts (ink-facts.ts), when `inkFacts` was asked for. */
  ink?: PageInk[];
}

export interface InspectOptions {
  /** Also extract the text of this many first pages (one parse instead of two). */
  textMaxPages?: number;
  maxBytes?: number;
  /**
   * Also measure the first pages for the ink warnings (Compose asks; the hot folder's routing
   * does not), within the default limits or these (tests give their own, so load cannot cut them short).
   */
  inkFacts?: boolean | InkLimits;
}

/** How far the ink facts look (ink-facts.ts). */
export interface InkLimits {
  /** Pages looked at, from the first. */
  maxPages: number;
  /** Wall-clock time for all of them; the page under way when it runs out is left out. */
  budgetMs: number;
  /**
   * The first pages looked at whatever the clock says (the check's own caps still hold): a
   * short fax is always checked whole, however busy the machine.
   */
  surePages?: number;
}

/** The half pdf.js reads (inspect.ts's readPdfStructure). */
export interface PdfStructure {
  pages: number;
  pageSizes: PageSize[];
  encrypted: boolean;
  hasForm: boolean;
  text?: string;
  ink?: PageInk[];
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
  if (structure.ink !== undefined) info.ink = structure.ink;
  return info;
}
