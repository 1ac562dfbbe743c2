// What main and the PDF check's child say to each other (pdf-inspector.ts, inspector-child.ts).
// One request at a time; the child says `ready` once pdf.js is loaded, then answers each request
// by its id. Main checks every answer (inspector-replies.ts): the child reads hostile bytes.

import type { PdfStructure } from './pdf-info.ts';

export interface InspectRequest {
  id: number;
  bytes: Uint8Array;
  textMaxPages?: number;
}

export type ChildMessage =
  | { kind: 'ready' }
  | { kind: 'done'; id: number; structure: PdfStructure }
  /** `code` and `action` are there when pdf.js's failure was a PdfError (its words); absent for anything else. */
  | { kind: 'failed'; id: number; error: { code?: string; message: string; action?: string } };
