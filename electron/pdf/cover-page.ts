// The optional fax cover page: a large "FAX" title, a table of To / From / Date / Pages /
// Subject and a message box, in standard fonts. Everything is solid black on white with lines
// of at least 1 pt, because a fax machine prints 1-bit at 98 or 196 dpi and grey vanishes.

import { type PDFFont, PDFDocument, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { PaperSize } from '../../shared/domain.ts';
import { classifyPage, PAPER_DIMENSIONS } from './paper-size.ts';
import type { PdfInput } from './read-input.ts';
import { loadWithPdfLib } from './pdf-lib-load.ts';
import { encodable, wrap } from './standard-font-text.ts';

export interface CoverPageInput {
  /** Recipient: a name, a company, or both. */
  to: string;
  from: string;
  subject?: string;
  message?: string;
  /** Total pages sent, this cover page included. */
  pages: number;
  /** Printed as given when a string; a Date is written in long US English form. */
  date: Date | string;
  paperSize: PaperSize;
  toFax?: string;
  fromFax?: string;
}

const BLACK = rgb(0, 0, 0);
const MARGIN = 54;
const LABEL_WIDTH = 96;
const ROW_PAD = 7;

/** Renders the cover page alone as a one-page PDF. */
export async function renderCoverPage(input: CoverPageInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Fax cover${input.subject ? `: ${input.subject}` : ''}`);
  doc.setProducer('Openfax Desktop');
  await drawCover(doc, input);
  return doc.save();
}

/**
 * Puts a cover page in front of a PDF. `pages` defaults to the document's pages plus one, and
 * `paperSize` to the document's first page (Letter when it is none of the fax sizes).
 */
export async function prependCover(
  input: PdfInput,
  cover: Omit<CoverPageInput, 'pages' | 'paperSize'> & Partial<Pick<CoverPageInput, 'pages' | 'paperSize'>>,
): Promise<Uint8Array> {
  const src = await loadWithPdfLib(input);
  const first = src.getPage(0);
  const { width, height } = first.getSize();
  const rotated = first.getRotation().angle % 180 !== 0;
  const detected = classifyPage(rotated ? { width: height, height: width } : { width, height });
  const out = await PDFDocument.create();
  await drawCover(out, {
    ...cover,
    pages: cover.pages ?? src.getPageCount() + 1,
    paperSize: cover.paperSize ?? (detected === 'other' ? 'letter' : detected),
  });
  const copied = await out.copyPages(src, src.getPageIndices());
  for (const page of copied) out.addPage(page);
  return out.save();
}

async function drawCover(doc: PDFDocument, input: CoverPageInput): Promise<void> {
  const { width, height } = PAPER_DIMENSIONS[input.paperSize];
  const page = doc.addPage([width, height]);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const right = width - MARGIN;
  let y = height - MARGIN;

  page.drawText('FAX', { x: MARGIN, y: y - 60, size: 72, font: bold, color: BLACK });
  y -= 76;
  page.drawLine({ start: { x: MARGIN, y }, end: { x: right, y }, thickness: 3, color: BLACK });
  y -= 10;

  const rows: [string, string | undefined][] = [
    ['To', input.to],
    ['Fax', input.toFax],
    ['From', input.from],
    ['Fax', input.fromFax],
    ['Date', formatDate(input.date)],
    ['Pages', `${input.pages} (including this cover page)`],
    ['Subject', input.subject],
  ];
  const valueWidth = right - MARGIN - LABEL_WIDTH;
  for (const [label, value] of rows) {
    // A blank row reads as a form left unfilled; only To is always there.
    if (value === undefined || (label !== 'To' && value.trim() === '')) continue;
    const lines = wrap(encodable(value, regular), regular, 13, valueWidth, 2);
    // An empty value still takes one line, or the next row is drawn over this one.
    const rowHeight = Math.max(1, lines.length) * 17 + ROW_PAD * 2;
    page.drawText(label, { x: MARGIN, y: y - ROW_PAD - 13, size: 13, font: bold, color: BLACK });
    lines.forEach((line, i) => {
      page.drawText(line, { x: MARGIN + LABEL_WIDTH, y: y - ROW_PAD - 13 - i * 17, size: 13, font: regular, color: BLACK });
    });
    y -= rowHeight;
    page.drawLine({ start: { x: MARGIN, y }, end: { x: right, y }, thickness: 1, color: BLACK });
  }

  y -= 24;
  drawMessageBox(page, { regular, bold }, input.message ?? '', { top: y, bottom: MARGIN + 40, left: MARGIN, right });
  const footer = 'If any page is missing or hard to read, please contact the sender.';
  page.drawText(footer, { x: MARGIN, y: MARGIN, size: 10, font: regular, color: BLACK });
}

function drawMessageBox(
  page: PDFPage,
  fonts: { regular: PDFFont; bold: PDFFont },
  message: string,
  box: { top: number; bottom: number; left: number; right: number },
): void {
  page.drawText('Message', { x: box.left, y: box.top - 13, size: 13, font: fonts.bold, color: BLACK });
  const top = box.top - 22;
  page.drawRectangle({
    x: box.left,
    y: box.bottom,
    width: box.right - box.left,
    height: top - box.bottom,
    borderColor: BLACK,
    borderWidth: 1.5,
  });
  const size = 12;
  const leading = 16;
  const inner = box.right - box.left - 24;
  const maxLines = Math.max(0, Math.floor((top - box.bottom - 24) / leading));
  const lines = wrap(encodable(message, fonts.regular), fonts.regular, size, inner, maxLines);
  lines.forEach((line, i) => {
    page.drawText(line, { x: box.left + 12, y: top - 12 - size - i * leading, size, font: fonts.regular, color: BLACK });
  });
}

function formatDate(date: Date | string): string {
  if (typeof date === 'string') return date;
  return date.toLocaleString('en-US', { dateStyle: 'long', timeStyle: 'short' });
}
