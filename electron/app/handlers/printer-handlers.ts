// Thin glue between the printer channels and the printer service. Only Electron's own window
// may check or change the printer: each runs commands on this computer (lpstat, lpadmin,
// PowerShell), so the browser host is told where set-up is, and its install and remove refused.

import type { printerMethods } from '../../../shared/ipc/contract/printer.ts';
import { AppError } from '../../core/app-error.ts';
import { PRINTER_NEEDS_DESKTOP } from '../../hotfolder/printer/printer-service.ts';
import type { CallContext, Handlers } from '../ipc-router.ts';
import type { AppServices } from '../services.ts';

function refuseOutsideDesktop(ctx: CallContext): void {
  if (ctx.transport !== 'electron') throw new AppError(PRINTER_NEEDS_DESKTOP, { code: 'printer-needs-desktop' });
}

export function printerHandlers(s: AppServices): Pick<Handlers, keyof typeof printerMethods> {
  return {
    getPrinterSetup: async (_request, ctx) => (ctx.transport === 'electron' ? s.printer.view() : s.printer.desktopOnlyView()),
    installPrinter: async (_request, ctx) => {
      refuseOutsideDesktop(ctx);
      return s.printer.install();
    },
    removePrinter: async (_request, ctx) => {
      refuseOutsideDesktop(ctx);
      return s.printer.remove();
    },
  };
}
