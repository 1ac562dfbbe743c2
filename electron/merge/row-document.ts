// One row's fax from its converted PDF: its pages counted, its paper read from page 1, its
// page count compared with the template's, and its cover page (what the cover says filled
// with the row's values, To naming the row) put in front. The preview and the send both make
// a row's fax here, so the preview shows what is sent.

import { readFile } from 'node:fs/promises';
import type { PaperSize } from '../../shared/domain.ts';
import type { CoverFields } from '../../shared/ipc/contract/compose.ts';
import { prependCover } from '../pdf/cover-page.ts';
import { documentPaperSize } from '../pdf/paper-size.ts';
import { loadWithPdfLib } from '../pdf/pdf-lib-load.ts';
import { type CoverSaid, coverSaid, recipientCover } from '../pdf/recipient-cover.ts';
import { rowCover } from './cover-text.ts';

export interface RowFaxInput {
  /** The converter's PDF of the filled template. */
  pdfPath: string;
  /** The merge's cover (its texts may hold {{Field}} tags). */
  cover: CoverFields;
  values: Readonly<Record<string, string>>;
  /** For people: +1 212 555 0100. */
  display: string;
  /** The row's To header, when a field is picked for it. */
  toHeader?: string;
  fromHeader: string;
  /** The merge's choice; null: the PDF's own. */
  paperSize: PaperSize | null;
  /** The settings' paper, for a PDF of no fax size. */
  fallbackPaper: PaperSize;
  date: Date;
}

export interface RowFax {
  /** The fax's bytes: the document, its cover in front when there is one. */
  bytes: Uint8Array;
  /** Pages of the fax (the cover included). */
  pages: number;
  /** Pages of the converted document alone. */
  documentPages: number;
  paperSize: PaperSize;
  /** What its cover says, kept with the job (a corrected resend draws the same cover). */
  cover: CoverSaid | undefined;
}

export async function makeRowFax(input: RowFaxInput): Promise<RowFax> {
  const bytes = new Uint8Array(await readFile(input.pdfPath));
  const doc = await loadWithPdfLib(bytes);
  const documentPages = doc.getPageCount();
  const sizes = doc.getPages().map((p) => {
    const { width, height } = p.getSize();
    return p.getRotation().angle % 180 !== 0 ? { width: height, height: width } : { width, height };
  });
  const paperSize = input.paperSize ?? documentPaperSize(sizes) ?? input.fallbackPaper;
  if (!input.cover.enabled) return { bytes, pages: documentPages, documentPages, paperSize, cover: undefined };
  const cover = rowCover(input.cover, input.values);
  // The cover's To: what its To line says for this row, else the row's To header.
  const recipient = { display: input.display, name: cover.to.trim() || input.toHeader || undefined };
  const pages = documentPages + 1;
  const page = recipientCover({ cover, recipient, fromHeader: input.fromHeader, pages, paperSize, date: input.date });
  return {
    bytes: await prependCover(bytes, page),
    pages,
    documentPages,
    paperSize,
    cover: coverSaid({ cover, recipient, fromHeader: input.fromHeader }),
  };
}
