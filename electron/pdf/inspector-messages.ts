// What main and the PDF check's child say to each other (pdf-inspector.ts, inspector-child.ts).
// One request at a time; the child says `ready` once pdf.js is loaded, then answers each request
// by its id. Main checks every answer (inspector-replies.ts): the child reads hostile bytes.

import type { PaperSize, Resolution } from '../../shared/domain.ts';
import type { InkLimits, PdfStructure } from './pdf-info.ts';

export interface InspectRequest {
  id: number;
  bytes: Uint8Array;
  textMaxPages?: number;
  /** Measure the first pages for the ink warnings (ink-facts.ts), within its limits or these. */
  inkFacts?: boolean | InkLimits;
}

/** Draw pages as the recipient's fax machine prints them (fax-render.ts). */
export interface RenderRequest {
  id: number;
  kind: 'render';
  bytes: Uint8Array;
  paper: PaperSize;
  resolution: Resolution;
  /** 1-based; pages past the document's end are left out, and the answer says how many it has. */
  pages: readonly number[];
  header?: boolean;
}

export type ChildRequest = InspectRequest | RenderRequest;

/** One rendered page as it crosses: 1 bit a pixel, rows of whole bytes (shared/fax-raster.ts). */
export interface RasterWire {
  width: number;
  height: number;
  bits: Uint8Array;
}

export type ChildMessage =
  | { kind: 'ready' }
  | { kind: 'done'; id: number; structure: PdfStructure }
  | { kind: 'rendered'; id: number; pageCount: number; pages: RasterWire[] }
  /** `code` and `action` are there when pdf.js's failure was a PdfError (its words); absent for anything else. */
  | { kind: 'failed'; id: number; error: { code?: string; message: string; action?: string } };
