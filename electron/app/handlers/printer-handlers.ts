// Thin glue between the printer channels and the printer service.

import type { printerMethods } from '../../../shared/ipc/contract/printer.ts';
import type { Handlers } from '../ipc-router.ts';
import type { AppServices } from '../services.ts';

export function printerHandlers(s: AppServices): Pick<Handlers, keyof typeof printerMethods> {
  return {
    getPrinterSetup: () => s.printer.view(),
    installPrinter: () => s.printer.install(),
    removePrinter: () => s.printer.remove(),
  };
}
