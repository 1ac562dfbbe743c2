import type { StateCreator } from 'zustand';
import type { PrinterRunResult, PrinterSetupView, PrinterStepView } from '../../../../shared/ipc/contract/printer.ts';
import type { EventPayload } from '../../../../shared/ipc/contract.ts';
import { call } from '../../ipc/api.ts';
import { messageOf } from '../../ipc/message-of.ts';
import type { RootState } from '../index.ts';

/** A set-up or removal: its steps fill in live (printerStep events), then main's result. */
export interface PrinterRun {
  action: 'install' | 'remove';
  steps: PrinterStepView[];
  result?: PrinterRunResult;
}

export interface PrinterSlice {
  printerSetup: PrinterSetupView | undefined;
  printerError: string | undefined;
  printerRun: PrinterRun | undefined;
  loadPrinterSetup(): Promise<void>;
  runPrinterSetup(action: PrinterRun['action']): Promise<void>;
  applyPrinterStep(payload: EventPayload<'printerStep'>): void;
}

export const createPrinterSlice: StateCreator<RootState, [], [], PrinterSlice> = (set, get) => ({
  printerSetup: undefined,
  printerError: undefined,
  printerRun: undefined,

  async loadPrinterSetup() {
    try {
      set({ printerSetup: await call('getPrinterSetup'), printerError: undefined });
    } catch (err) {
      set({ printerError: messageOf(err) });
    }
  },

  async runPrinterSetup(action) {
    set({ printerRun: { action, steps: [] } });
    try {
      const result = await call(action === 'install' ? 'installPrinter' : 'removePrinter');
      set({ printerRun: { action, steps: result.steps, result }, printerSetup: result.setup });
    } catch (err) {
      set({ printerRun: undefined, printerError: messageOf(err) });
    }
  },

  applyPrinterStep({ action, index, step }) {
    const run = get().printerRun;
    if (!run || run.action !== action || run.result) return;
    const steps = [...run.steps];
    steps[index] = step;
    set({ printerRun: { ...run, steps } });
  },
});
