// The summary of a broadcast: its totals in the Outbox's words (shared/broadcast-counts.ts) and
// one line per recipient (name, number, result, pages, cost, time), over as many pages as
// the list needs. Each recipient's own report follows it in the same PDF (report-maker.ts).
// One made while faxes are still on their way says it is interim, and how many are, since
// those have no report after it yet.

import { broadcastCountsText } from '../../shared/broadcast-counts.ts';
import type { PaperSize } from '../../shared/domain.ts';
import type { PDFDocument } from 'pdf-lib';
import type { BroadcastRecipientLine, BroadcastReportData } from './report-data.ts';
import { type Column, embedFonts, type Fonts, Pen } from './report-layout.ts';
import { moneyText, type ReportContext } from './report-pdf.ts';
import { reportTime } from './report-time.ts';

const COLUMNS: readonly Column[] = [{ width: 92 }, { width: 82 }, { width: 126 }, { width: 40 }, { width: 46 }, { width: 126 }];
const HEAD = ['Recipient', 'Number', 'Result', 'Pages', 'Cost', 'Recorded'];

function cells(r: BroadcastRecipientLine, ctx: ReportContext): string[] {
  const result = r.status.detail ? `${r.status.label}: ${r.status.detail}` : r.status.label;
  return [
    r.name || '(no name)',
    r.number,
    r.status.code ? `${result} (${r.status.code})` : result,
    `${r.pagesSent ?? 0} of ${r.pages}`,
    r.cost == null ? '-' : moneyText(r.cost),
    reportTime(r.at, ctx.timeZone),
  ];
}

function newPage(doc: PDFDocument, paper: PaperSize, fonts: Fonts, title: string): Pen {
  const pen = new Pen(doc, paper, fonts);
  pen.text(title, { size: 12, font: fonts.bold, gap: 4 });
  pen.row(HEAD, COLUMNS, { bold: true });
  pen.rule(0.75, 3);
  return pen;
}

/** Adds the summary page(s) of a broadcast to `doc`. */
export async function addBroadcastSummaryPages(
  doc: PDFDocument,
  d: BroadcastReportData,
  paper: PaperSize,
  ctx: ReportContext,
): Promise<void> {
  const fonts = await embedFonts(doc);
  let pen = new Pen(doc, paper, fonts);
  pen.text(d.open ? 'Broadcast transmission report (interim)' : 'Broadcast transmission report', { size: 20, font: fonts.bold, gap: 2 });
  pen.text(`Made by Openfax Desktop on ${reportTime(ctx.madeAt, ctx.timeZone)}.`, { size: 8.5, gap: 4 });
  if (d.side === 'sandbox')
    pen.text('SANDBOX: simulated faxes. Nothing was dialled and nothing was charged to a real account.', {
      size: 9,
      font: fonts.bold,
      gap: 2,
    });
  pen.rule(1.5, 8);
  pen.text(broadcastCountsText(d.counts), { size: 14, font: fonts.bold, maxLines: 3, gap: 6 });
  if (d.open) {
    pen.text(
      `Interim: ${d.open} of the ${d.counts.total} faxes ${d.open === 1 ? 'has' : 'have'} not ended yet, so ${d.open === 1 ? 'its report is' : 'their reports are'} not in this file. Save the report again once every fax has ended.`,
      { size: 10, font: fonts.bold, maxLines: 3, gap: 6 },
    );
  }
  pen.facts([
    ['Broadcast', `${d.name} (broadcast ${d.broadcastId})`],
    ['Document', `${d.documentName || '(no name)'}, ${d.pages} page${d.pages === 1 ? '' : 's'}`],
    ['Started', reportTime(d.createdAt, ctx.timeZone)],
    ['Total cost', moneyText(d.cost)],
    ['Recipients', `${d.counts.total}: each one that Openfax accepted and that has ended has its own report after this summary.`],
    ['Recorded', 'when Openfax Desktop read each result (Openfax gives no time of the call), or the last change of one not ended'],
  ]);
  pen.y -= 8;
  pen.row(HEAD, COLUMNS, { bold: true });
  pen.rule(0.75, 3);
  for (const r of d.recipients) {
    // Four wrapped lines at most: room for the tallest row before a new page.
    if (!pen.fits(52)) pen = newPage(doc, paper, fonts, `Broadcast ${d.broadcastId}, continued`);
    pen.row(cells(r, ctx), COLUMNS, { maxLines: 4 });
  }
}
