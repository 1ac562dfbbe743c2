// Channels of "Print to Openfax": the virtual printer that prints into the hot folder. Set-up
// runs step by step in main; each step is explained and reported as it happens.

import { z } from 'zod';
import { method } from '../define.ts';

export const PrinterStepView = z.object({
  explain: z.string(),
  /** ok: a requirement holds; done: changed now; already: changed by an earlier run. */
  status: z.enum(['ok', 'done', 'already', 'failed', 'skipped', 'info']),
  detail: z.string().optional(),
});
export type PrinterStepView = z.infer<typeof PrinterStepView>;

export const PrinterSetupView = z.object({
  /** False where there is no printer to set up (the browser host, an unknown OS). */
  supported: z.boolean(),
  /** Why not, in words, when unsupported. */
  reason: z.string().nullable(),
  /** What the printer is on this OS ("a printer named Openfax", "Send with Openfax in the PDF menu"). */
  kind: z.string(),
  printerName: z.string(),
  /** The hot folder it prints into. */
  folder: z.string(),
  installed: z.boolean(),
  checks: z.array(z.object({ explain: z.string(), ok: z.boolean() })),
  /** The steps "Set up" will take, in order, before anything is done. */
  plan: z.array(z.string()),
  /** Who may run it (administrator rights) and the command that does the same from a terminal. */
  rights: z.string(),
  command: z.string(),
});
export type PrinterSetupView = z.infer<typeof PrinterSetupView>;

export const PrinterRunResult = z.object({
  ok: z.boolean(),
  title: z.string(),
  steps: z.array(PrinterStepView),
  setup: PrinterSetupView,
});
export type PrinterRunResult = z.infer<typeof PrinterRunResult>;

/**
 * Only the desktop app's own window checks or changes the printer (each runs commands on this
 * computer): over the browser host getPrinterSetup answers `supported: false` with the reason,
 * and installPrinter / removePrinter are refused with code `printer-needs-desktop`.
 */
export const printerMethods = {
  getPrinterSetup: method(z.void(), PrinterSetupView),
  installPrinter: method(z.void(), PrinterRunResult),
  removePrinter: method(z.void(), PrinterRunResult),
};

export const printerEvents = {
  /** One step of an install or remove, as it finishes (the list fills in live). */
  printerStep: z.object({ action: z.enum(['install', 'remove']), index: z.int().nonnegative(), step: PrinterStepView }),
};
