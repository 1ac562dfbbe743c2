// The transmission report of one fax, laid out on its own paper size: like a fax machine's
// confirmation report, but saying everything a person may need as proof of service. The
// result in big words, the job and the OutTransID, recipient, headers and options, every call
// with its time (and zone), result, duration, pages and CallerID, the cost, the SHA-256 of
// the PDF uploaded, and page 1 as our fax view drew it (with the image Openfax sent beside it
// when there is one). Page 1's pictures always have their room on the first page: calls that
// do not fit above them continue on a page of their own. A time Openfax did not give is never
// passed off as one: it is written as when Openfax Desktop recorded it.

import { concatTransformationMatrix, drawObject, type PDFDocument, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import { FAX_PAPER_POINTS } from '../../shared/fax-page.ts';
import { embedRaster, type Raster } from '../pdf/image-raster.ts';
import type { JobReportData, ReportCall } from './report-data.ts';
import { BLACK, type Column, embedFonts, type Fonts, Pen } from './report-layout.ts';
import { durationText, reportTime } from './report-time.ts';

/** Page 1 as an image, or why there is none ("the PDF is no longer kept"). */
export type PageImage = { raster: Raster } | { missing: string };

export interface ReportImages {
  /** Our fax view of page 1. */
  ours: PageImage;
  /** Page 1 of the image Openfax sent, when it could be had. */
  asSent: PageImage;
}

export interface ReportContext {
  /** When the report was made (ms). */
  madeAt: number;
  /** The zone its times are written in; the computer's own when absent. */
  timeZone?: string;
  /** The sent PDF is attached to this file byte for byte (document with report, the archive). */
  attached?: boolean;
}

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });

export function moneyText(value: number | null): string {
  return value == null ? 'not reported' : money.format(value);
}

function zoneName(timeZone?: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
}

function bytesText(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const RESOLUTION_TEXT = { standard: 'Standard (204 x 98 dpi)', fine: 'Fine (204 x 196 dpi)' } as const;

function header(text: string): string {
  return text ? `"${text}"` : '(none)';
}

/** "Delivered", "Failed: No answer": the result as the Outbox words it. */
function resultWords(d: Pick<JobReportData, 'status'>): string {
  return d.status.detail ? `${d.status.label}: ${d.status.detail}` : d.status.label;
}

const CALL_COLUMNS: readonly Column[] = [
  { width: 26 },
  { width: 152 },
  { width: 170 },
  { width: 50 },
  { width: 44 },
  { width: 70, font: 'mono' },
];
const CALL_HEAD = ['#', 'Time', 'Result', 'Duration', 'Pages', 'CallerID'];
/** The tallest call row: three wrapped lines of 9 pt. */
const CALL_ROW_MAX = 3 * 9 * 1.25 + 3;
/** What page 1's pictures need below the calls: their heading, the smallest picture, its label, the footer. */
const PICTURE_HEADING = 12 * 1.25 + 2;
const PICTURE_MIN = 150;
const PICTURE_MAX = 250;
const LABEL_ROOM = 26;
const FOOTER_SIZE = 7.5;
const FOOTER_LEADING = FOOTER_SIZE * 1.25;
/** The footer's notes: at most five lines of 7.5 pt. */
const FOOTER_ROOM = 5 * FOOTER_LEADING + 8;
const PICTURE_ROOM = PICTURE_HEADING + PICTURE_MIN + LABEL_ROOM + FOOTER_ROOM;
const TIMES_NOTE =
  'Accepted: when Openfax answered the upload with the OutTransID. Result recorded, and a call time marked (recorded): when Openfax Desktop read the result in Openfax\u2019s report, which gives no time of the call; it can be later than the call (for example while the app was closed).';
const SHA_NOTE =
  'The SHA-256 identifies the exact PDF uploaded to Openfax: any file with the same SHA-256 is that document, page for page.';

function callCells(c: ReportCall, ctx: ReportContext): string[] {
  const pages = c.pagesSent == null ? '-' : c.pagesTotal ? `${c.pagesSent} of ${c.pagesTotal}` : String(c.pagesSent);
  return [
    String(c.n),
    c.callAt == null ? `${reportTime(c.recordedAt, ctx.timeZone)} (recorded)` : reportTime(c.callAt, ctx.timeZone),
    c.code ? `${c.result} (${c.code})` : c.result,
    c.durationSeconds == null ? '-' : durationText(c.durationSeconds),
    pages,
    c.callerId ?? '-',
  ];
}

/** Draws calls from the first one while they fit above `keep` points; returns how many it drew. */
function drawCalls(pen: Pen, calls: readonly ReportCall[], ctx: ReportContext, keep: number): number {
  let drawn = 0;
  for (const c of calls) {
    if (!pen.fits(CALL_ROW_MAX + keep)) break;
    pen.row(callCells(c, ctx), CALL_COLUMNS, { maxLines: 3 });
    drawn += 1;
  }
  return drawn;
}

/** Adds the report of one fax to `doc`: one page, and more only for calls that do not fit on it. */
export async function addJobReportPage(doc: PDFDocument, d: JobReportData, images: ReportImages, ctx: ReportContext): Promise<void> {
  const fonts = await embedFonts(doc);
  const pen = new Pen(doc, d.paper, fonts);
  const time = (ms: number | null) => (ms == null ? '-' : reportTime(ms, ctx.timeZone));

  pen.text('Fax transmission report', { size: 20, font: fonts.bold, gap: 2 });
  pen.text(`Made by Openfax Desktop on ${time(ctx.madeAt)}. Times are in ${zoneName(ctx.timeZone)}.`, { size: 8.5, gap: 4 });
  if (d.side === 'sandbox')
    pen.text('SANDBOX: a simulated fax. Nothing was dialled and nothing was charged to a real account.', {
      size: 9,
      font: fonts.bold,
      gap: 2,
    });
  pen.rule(1.5, 8);
  pen.text(resultWords(d), { size: d.status.detail ? 22 : 30, font: fonts.bold, maxLines: 2, gap: 2 });
  if (!d.delivered && d.status.action) pen.text(d.status.action, { size: 9.5, gap: 2 });
  pen.y -= 6;

  const sent = d.pagesSent == null ? `${d.pages}` : `${d.pagesSent} sent of ${d.pages}`;
  pen.factColumns(
    [
      ['Job', `${d.jobId}`],
      ['OutTransID', d.outTransId ?? '-', 'mono'],
      ['Recipient', [d.recipientName || '(no name)', d.recipientCompany].filter(Boolean).join(' · ')],
      ['Fax number', d.number],
      ['To header', header(d.toHeader)],
      ['From header', header(d.fromHeader)],
      ...(d.broadcast ? [['Broadcast', `${d.broadcast.name} (broadcast ${d.broadcast.id})`] as const] : []),
    ],
    [
      ['Pages', sent],
      ['Resolution', RESOLUTION_TEXT[d.resolution]],
      ['Paper', d.paperLabel],
      ['Accepted', time(d.submittedAt)],
      [
        'SubmitDate',
        d.vendorSubmitDate ? `${d.vendorSubmitDate} (Openfax\u2019s own; its zone is not stated)` : 'not in Openfax\u2019s report',
      ],
      ['Result recorded', time(d.endedAt)],
      ['Total cost', moneyText(d.cost)],
    ],
    { leftWidth: 228, labelWidths: [70, 82], size: 9.5 },
  );
  pen.facts(
    [
      [
        'Document',
        `${d.document.name || '(no name)'}, ${d.document.pages} page${d.document.pages === 1 ? '' : 's'}, ${bytesText(d.document.size)}`,
      ],
      ['SHA-256', d.document.sha256, 'mono'],
      ...(ctx.attached
        ? [['Attached', 'The sent document is attached to this PDF, byte for byte: its SHA-256 is the one above.'] as const]
        : []),
    ],
    70,
    9.5,
  );
  pen.y -= 6;

  pen.text(d.calls.length === 1 ? 'The call' : d.calls.length ? `Calls (${d.calls.length})` : 'Calls', {
    size: 12,
    font: fonts.bold,
    gap: 2,
  });
  pen.rule(0.75, 4);
  let drawn = 0;
  if (!d.calls.length) {
    pen.text(`No call was placed${d.status.detail ? `: ${d.status.detail}` : ''}.`, { size: 9.5, gap: 4 });
  } else {
    pen.row(CALL_HEAD, CALL_COLUMNS, { bold: true });
    // Page 1's pictures keep their room: what does not fit above them goes on to the next page.
    drawn = drawCalls(pen, d.calls, ctx, PICTURE_ROOM + 20);
    if (drawn < d.calls.length) {
      pen.text(`Calls ${drawn + 1} to ${d.calls.length} continue on the next page.`, { size: 9, font: fonts.bold, gap: 2 });
    }
  }
  pen.y -= 8;
  drawPageImages(doc, pen, d, images);
  drawFooter(pen);
  if (drawn < d.calls.length) addCallPages(doc, d, ctx, fonts, drawn);
}

/** The calls that did not fit on the report's first page, on as many pages as they need. */
function addCallPages(doc: PDFDocument, d: JobReportData, ctx: ReportContext, fonts: Fonts, from: number): void {
  let rest = d.calls.slice(from);
  while (rest.length) {
    const pen = new Pen(doc, d.paper, fonts);
    pen.text(`Fax transmission report, job ${d.jobId}, continued`, { size: 12, font: pen.fonts.bold, gap: 2 });
    pen.text(`OutTransID ${d.outTransId ?? '-'}`, { size: 9, gap: 4 });
    pen.rule(0.75, 4);
    pen.row(CALL_HEAD, CALL_COLUMNS, { bold: true });
    const drawn = Math.max(1, drawCalls(pen, rest, ctx, FOOTER_ROOM));
    drawFooter(pen);
    rest = rest.slice(drawn);
  }
}
/** Page 1 at the bottom of the report: ours, and beside it the image Openfax sent (or why there is none). */
function drawPageImages(doc: PDFDocument, pen: Pen, d: JobReportData, images: ReportImages): void {
  const paper = FAX_PAPER_POINTS[d.paper];
  const slots: Array<[string, typeof images.ours]> = [
    ['Page 1, our fax view', images.ours],
    ['Page 1 as sent by Openfax', images.asSent],
  ];
  pen.text('Page 1', { size: 12, font: pen.fonts.bold, gap: 2 });
  // Measured below the heading, within the room the calls left (never less than PICTURE_MIN).
  const height = Math.max(PICTURE_MIN, Math.min(PICTURE_MAX, pen.y - pen.bottom - LABEL_ROOM - FOOTER_ROOM));
  const width = (height * paper.width) / paper.height;
  const top = pen.y;
  slots.forEach(([label, image], i) => {
    const x = pen.left + i * (width + 28);
    if ('raster' in image) {
      const { ref } = embedRaster(doc, image.raster);
      const name = pen.page.node.newXObject('Thumb', ref);
      pen.page.pushOperators(
        pushGraphicsState(),
        concatTransformationMatrix(width, 0, 0, height, x, top - height),
        drawObject(name),
        popGraphicsState(),
      );
    } else {
      const lines = pen.lines(image.missing, pen.fonts.regular, 8.5, width - 12, 6);
      lines.forEach((line, j) => {
        pen.page.drawText(line, { x: x + 6, y: top - 16 - j * 11, size: 8.5, font: pen.fonts.regular, color: BLACK });
      });
    }
    // The frame after the picture, which would cover it.
    pen.page.drawRectangle({ x, y: top - height, width, height, borderColor: BLACK, borderWidth: 0.75 });
    pen.page.drawText(label, { x, y: top - height - 12, size: 8.5, font: pen.fonts.bold, color: BLACK });
  });
  pen.y = top - height - LABEL_ROOM;
}

/** The notes at the foot of every report page: what its times are, and what the SHA-256 proves. */
function drawFooter(pen: Pen): void {
  const lines = [TIMES_NOTE, SHA_NOTE].flatMap((note) => pen.lines(note, pen.fonts.regular, FOOTER_SIZE, pen.width, 3));
  pen.y = pen.bottom + lines.length * FOOTER_LEADING;
  for (const line of lines) {
    pen.page.drawText(line, { x: pen.left, y: pen.y - FOOTER_SIZE, size: FOOTER_SIZE, font: pen.fonts.regular, color: BLACK });
    pen.y -= FOOTER_LEADING;
  }
}
