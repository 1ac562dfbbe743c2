// Main's reading of what the PDF check's child answers. The child runs pdf.js on hostile bytes,
// so nothing it says is taken on trust: an answer that does not fit the shape below counts as
// the child failing on that document, and its words are kept only within these bounds.

import { z } from 'zod';
import { FAX_WIDTH_PX, type FaxRaster, countInk } from '../../shared/fax-raster.ts';
import { PageInk } from '../../shared/ink-warnings.ts';
import type { ChildMessage, RasterWire } from './inspector-messages.ts';
import { PdfError, pdfError } from './pdf-errors.ts';

// More pages than any fax service takes; sizes are points, finite and not negative.
const MAX_PAGES = 100_000;
const MAX_TEXT = 5_000_000;
const Words = z.string().max(2000);

const Message = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready') }),
  z.object({
    kind: z.literal('done'),
    id: z.number().int(),
    structure: z.object({
      pages: z.number().int().min(1).max(MAX_PAGES),
      pageSizes: z.array(z.object({ width: z.number().min(0).finite(), height: z.number().min(0).finite() })).max(MAX_PAGES),
      encrypted: z.boolean(),
      hasForm: z.boolean(),
      text: z.string().max(MAX_TEXT).optional(),
      ink: z.array(PageInk).max(MAX_PAGES).optional(),
    }),
  }),
  z.object({
    kind: z.literal('rendered'),
    id: z.number().int(),
    pageCount: z.number().int().min(1).max(MAX_PAGES),
    // Sizes are checked against what was asked for (rastersFromChild).
    pages: z.array(z.object({ width: z.number().int(), height: z.number().int(), bits: z.instanceof(Uint8Array) })).max(MAX_PAGES),
  }),
  z.object({
    kind: z.literal('failed'),
    id: z.number().int(),
    error: z.object({ code: z.string().max(40).optional(), message: Words, action: Words.optional() }),
  }),
]);

/** The child's message, or undefined when it is not one main understands. */
export function parseChildMessage(message: unknown): ChildMessage | undefined {
  const parsed = Message.safeParse(message);
  if (!parsed.success) return undefined;
  const m = parsed.data;
  if (m.kind === 'done' && m.structure.pageSizes.length !== m.structure.pages) return undefined;
  if (m.kind === 'done' && (m.structure.ink?.length ?? 0) > m.structure.pages) return undefined;
  return m;
}

// The codes readPdfStructure throws; any other code from the child is not believed.
const CHILD_CODES = new Set(['damaged', 'encrypted', 'no-pages']);

/** The PdfError a failed answer stands for: pdf.js's own words for its refusals, "damaged" for anything else. */
export function errorFromChild(error: Extract<ChildMessage, { kind: 'failed' }>['error']): PdfError {
  if (error.code && error.action && CHILD_CODES.has(error.code)) {
    return new PdfError(error.code as 'damaged' | 'encrypted' | 'no-pages', error.message, error.action);
  }
  return pdfError('damaged', error.message);
}

/**
 * The rasters of a render answer, or undefined when one does not fit: each page 1728 dots wide,
 * exactly `height` lines (the paper and resolution asked for), with one bit a pixel and no more.
 * The ink is counted here, not taken from the child.
 */
export function rastersFromChild(pages: RasterWire[], height: number): FaxRaster[] | undefined {
  const rowBytes = Math.ceil(FAX_WIDTH_PX / 8);
  const fits = (p: RasterWire) => p.width === FAX_WIDTH_PX && p.height === height && p.bits.byteLength === rowBytes * height;
  if (!pages.every(fits)) return undefined;
  return pages.map((p) => {
    const bits = new Uint8Array(p.bits);
    return { width: p.width, height: p.height, rowBytes, bits, inkRatio: countInk({ width: p.width, height: p.height, bits }) };
  });
}
