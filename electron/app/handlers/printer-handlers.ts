// Thin glue between the printer channels and the printer service.

import type { printerMethods } from '../../../shared/ipc/contract/printer.ts';
import { AppError, type Handlers } from '../ipc-router.ts';
import { PrinterBusyError } from '../../hotfolder/printer/printer-service.ts';
import type { AppServices } from '../services.ts';

async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof PrinterBusyError) throw new AppError(err.message);
    throw err;
  }
}

export function printerHandlers(s: AppServices): Pick<Handlers, keyof typeof printerMethods> {
  return {
    getPrinterSetup: () => s.printer.view(),
    installPrinter: () => guard(() => s.printer.install()),
    removePrinter: () => guard(() => s.printer.remove()),
  };
}
