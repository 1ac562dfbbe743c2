// Channels of transmission reports and the archive folder. A report is made in main (pdf-lib,
// with page 1 drawn by pdf.js in the PDF check's child); the desktop app saves it through a
// native save dialog, the browser host hands the bytes back for the page to download.

import { z } from 'zod';
import { method } from '../define.ts';

/** Where a made report went: saved where the person chose, handed back to download, or not made (with why). */
export const SavedReport = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('saved'), path: z.string(), fileName: z.string() }),
  z.object({ kind: z.literal('content'), fileName: z.string(), base64: z.string() }),
  z.object({ kind: z.literal('canceled') }),
  /** No report to make: the fax has not ended, never reached Openfax, or its PDF is no longer kept. */
  z.object({ kind: z.literal('refused'), reason: z.string() }),
]);
export type SavedReport = z.infer<typeof SavedReport>;

const JobId = z.object({ jobId: z.number().int().positive() });

export const reportMethods = {
  /** A fax's transmission report; with `withDocument`, the PDF that was sent followed by it. */
  saveJobReport: method(JobId.extend({ withDocument: z.boolean().default(false) }), SavedReport),
  /** A broadcast's summary, followed by the report of each recipient Openfax accepted. */
  saveBroadcastReport: method(z.object({ broadcastId: z.number().int().positive() }), SavedReport),
  /**
   * The desktop app's folder picker for the archive folder: a folder that passes the checks is
   * saved at once. The browser host has no picker (`unsupported`): the path is typed there and
   * goes through updateSettings, which checks it the same way.
   */
  pickArchiveFolder: method(
    z.void(),
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('picked'), path: z.string() }),
      z.object({ kind: z.literal('invalid'), path: z.string(), reason: z.string() }),
      z.object({ kind: z.literal('canceled') }),
      z.object({ kind: z.literal('unsupported') }),
    ]),
  ),
};

export const reportEvents = {
  /** A broadcast's report being made: `done` of its `total` recipients' reports are in (the panel shows "n of N"). */
  reportProgress: z.object({
    broadcastId: z.number().int().positive(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
};
