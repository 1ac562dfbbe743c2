// Makes the PDFs people keep as proof: a fax's transmission report, the sent document followed
// by it, and a broadcast's summary followed by each recipient's report. Page 1's picture is our
// fax view, drawn by pdf.js in the PDF check's child (PdfInspector.renderFax), never in main's
// own thread; the image Openfax sent goes beside it when the as-sent store has one. A picture is
// drawn once per document, paper and resolution (a broadcast's 400 recipients share one), so
// the PDF check stays free for Compose. The sent document followed by its report is re-saved by
// pdf-lib, so its pages no longer hash to the report's SHA-256: the very bytes uploaded go in as
// an attachment, which anyone can take out and check.

import { basename } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Resolution } from '../../shared/domain.ts';
import type { FaxRaster } from '../../shared/fax-raster.ts';
import type { Logger } from '../core/logger.ts';
import type { RenderFaxOptions } from '../pdf/pdf-inspector.ts';
import { loadWithPdfLib } from '../pdf/pdf-lib-load.ts';
import { type PdfInput, readPdfInput } from '../pdf/read-input.ts';
import type { Db } from '../store/sql.ts';
import { addBroadcastSummaryPages } from './broadcast-report-pdf.ts';
import { broadcastReportData, type JobReportData, jobReportData, ReportError } from './report-data.ts';
import { addJobReportPage, type PageImage, type ReportImages } from './report-pdf.ts';
import { faxThumbnail } from './report-thumbnail.ts';

/** Thumbnail pixels across: twice the points it is shown at, so it stays sharp printed. */
const THUMB_PX = 400;
/** Page-1 pictures kept for the documents used last (a broadcast's report, the archive of its recipients). */
const THUMB_CACHE = 16;

export interface ReportMakerDeps {
  db: Db;
  /** Pages as the recipient's machine prints them (PdfInspector.renderFax); without it the report says page 1 was not drawn. */
  renderFax?: (input: PdfInput, options: RenderFaxOptions) => Promise<FaxRaster[]>;
  /** Page 1 of the image Openfax sent, when it could be fetched (the as-sent store); its resolution when it is not the job's. */
  asSentFirstPage?: (jobId: number) => Promise<{ raster: FaxRaster; resolution?: Resolution } | undefined>;
  /** When a report is made; Date.now by default. */
  now?: () => number;
  /** The zone its times are in; the computer's own by default. */
  timeZone?: string;
  log?: Logger;
}

export interface ReportMaker {
  /** The report of one fax (one page). Throws ReportError when the fax has none. */
  jobReport(jobId: number): Promise<Uint8Array>;
  /** The PDF that was sent, its report after it. Throws ReportError 'no-document' when the PDF is no longer kept. */
  documentWithReport(jobId: number): Promise<Uint8Array>;
  /**
   * The sent PDF and its report when the PDF is still kept, else the report alone (`withDocument`
   * false): what the archive folder keeps.
   */
  archiveCopy(jobId: number): Promise<{ bytes: Uint8Array; data: JobReportData; withDocument: boolean }>;
  /** A broadcast's summary, then the report of each recipient that has one; `onProgress` after each one. */
  broadcastReport(broadcastId: number, onProgress?: (done: number, total: number) => void): Promise<Uint8Array>;
  /** What the report of one fax says (for its file name). */
  jobData(jobId: number): JobReportData;
}

/** The attachment's name: the document's own, made a PDF name. */
function attachmentName(d: JobReportData): string {
  const name = basename(d.document.name || `fax ${d.jobId}.pdf`);
  return /\.pdf$/i.test(name) ? name : `${name}.pdf`;
}

function why(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function createReportMaker(deps: ReportMakerDeps): ReportMaker {
  const now = deps.now ?? Date.now;
  // By document hash, paper and resolution: the same picture whichever fax of that document asks.
  const thumbs = new Map<string, Promise<PageImage>>();

  async function drawPageOne(d: JobReportData, path: string, render: NonNullable<ReportMakerDeps['renderFax']>): Promise<PageImage> {
    try {
      const [page] = await render(path, { paper: d.paper, resolution: d.resolution, pages: [1] });
      if (!page) return { missing: 'Not drawn: the document has no page 1.' };
      return { raster: faxThumbnail(page, d.paper, d.resolution, THUMB_PX) };
    } catch (err) {
      deps.log?.warn(`page 1 of fax ${d.jobId} could not be drawn for its report`, err);
      return { missing: `Not drawn: ${why(err)}` };
    }
  }

  async function ourPageOne(d: JobReportData): Promise<PageImage> {
    if (!d.document.path) return { missing: 'Not drawn: the PDF is no longer kept (Settings, Keep sent PDFs for).' };
    if (!deps.renderFax) return { missing: 'Not drawn: the fax view is not available here.' };
    const key = `${d.document.sha256}|${d.paper}|${d.resolution}`;
    let image = thumbs.get(key);
    if (!image) {
      image = drawPageOne(d, d.document.path, deps.renderFax);
      thumbs.set(key, image);
      if (thumbs.size > THUMB_CACHE) thumbs.delete(thumbs.keys().next().value as string);
      // A failure (a busy PDF check, a file swept away) is not kept: the next report tries again.
      void image.then((got) => {
        if ('missing' in got && thumbs.get(key) === image) thumbs.delete(key);
      });
    }
    return image;
  }

  async function asSentPageOne(d: JobReportData): Promise<PageImage> {
    if (!deps.asSentFirstPage) return { missing: 'Openfax did not make the image it sent available.' };
    try {
      const got = await deps.asSentFirstPage(d.jobId);
      if (!got) return { missing: 'Openfax did not make the image it sent available.' };
      return { raster: faxThumbnail(got.raster, d.paper, got.resolution ?? d.resolution, THUMB_PX) };
    } catch (err) {
      deps.log?.warn(`the image Openfax sent for fax ${d.jobId} could not be read`, err);
      return { missing: `The image Openfax sent could not be read: ${why(err)}` };
    }
  }

  async function addReport(doc: PDFDocument, d: JobReportData, attached = false): Promise<void> {
    const images: ReportImages = { ours: await ourPageOne(d), asSent: await asSentPageOne(d) };
    await addJobReportPage(doc, d, images, { madeAt: now(), timeZone: deps.timeZone, attached });
  }

  async function newDoc(title: string): Promise<PDFDocument> {
    const doc = await PDFDocument.create();
    doc.setTitle(title);
    doc.setProducer('Openfax Desktop');
    doc.setCreator('Openfax Desktop');
    return doc;
  }

  async function withDocument(d: JobReportData): Promise<Uint8Array> {
    if (!d.document.path) {
      throw new ReportError(
        'no-document',
        `The PDF of fax ${d.jobId} is no longer kept (Settings, Keep sent PDFs for): save the report alone.`,
      );
    }
    const read = await readPdfInput(d.document.path);
    const { bytes } = read;
    const src = await loadWithPdfLib(bytes);
    const doc = await newDoc(`Fax ${d.jobId} with its transmission report`);
    for (const page of await doc.copyPages(src, src.getPageIndices())) doc.addPage(page);
    // Only the bytes the report's SHA-256 names are attached as them (a spool file changed on disk is not).
    const intact = read.sha256 === d.document.sha256;
    if (intact) {
      await doc.attach(bytes, attachmentName(d), {
        mimeType: 'application/pdf',
        description: `The PDF uploaded to Openfax for fax ${d.jobId}, byte for byte (SHA-256 ${d.document.sha256})`,
      });
    } else deps.log?.warn(`the spooled PDF of fax ${d.jobId} no longer has its recorded SHA-256: not attached`);
    await addReport(doc, d, intact);
    return doc.save();
  }

  return {
    jobData: (jobId) => jobReportData(deps.db, jobId),
    async jobReport(jobId) {
      const d = jobReportData(deps.db, jobId);
      const doc = await newDoc(`Fax transmission report, fax ${jobId}`);
      await addReport(doc, d);
      return doc.save();
    },
    documentWithReport: async (jobId) => withDocument(jobReportData(deps.db, jobId)),
    async archiveCopy(jobId) {
      const d = jobReportData(deps.db, jobId);
      if (d.document.path) {
        try {
          return { bytes: await withDocument(d), data: d, withDocument: true };
        } catch (err) {
          // The spool file went between the read and the copy (the retention sweep): the report still goes.
          deps.log?.warn(`fax ${jobId}'s document could not be put in its archive copy`, err);
        }
      }
      const doc = await newDoc(`Fax transmission report, fax ${jobId}`);
      await addReport(doc, d);
      return { bytes: await doc.save(), data: d, withDocument: false };
    },
    async broadcastReport(broadcastId, onProgress) {
      const b = broadcastReportData(deps.db, broadcastId);
      const reported = b.recipients.filter((r) => r.reported).map((r) => jobReportData(deps.db, r.jobId));
      const doc = await newDoc(`Broadcast transmission report, broadcast ${broadcastId}`);
      await addBroadcastSummaryPages(doc, b, reported[0]?.paper ?? 'letter', { madeAt: now(), timeZone: deps.timeZone });
      onProgress?.(0, reported.length);
      for (const [i, d] of reported.entries()) {
        await addReport(doc, d);
        onProgress?.(i + 1, reported.length);
      }
      return doc.save();
    },
  };
}
