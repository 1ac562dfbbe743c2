// Electron's utility process is the PDF check's first home, but a packaged build can fail to
// start one (utilityProcess.fork of a module inside app.asar has broken on some Electron
// releases and platforms). Then every document would be refused as uncheckable, so the check
// moves, for the rest of the session, to a worker thread: still outside main's JavaScript, with
// the same time and memory caps, though inside main's process. The move is logged.

import { createLogger } from '../core/logger.ts';
import { InspectorStartError, type PdfInspector } from './pdf-inspector.ts';

const log = createLogger('pdf-check');

export function withStartFallback(primary: PdfInspector, fallback: () => PdfInspector): PdfInspector {
  let second: PdfInspector | undefined;
  return {
    async inspect(input, options) {
      if (second) return second.inspect(input, options);
      try {
        return await primary.inspect(input, options);
      } catch (err) {
        if (!(err instanceof InspectorStartError)) throw err;
        if (!second) {
          log.warn(`the PDF check moves to a worker thread: ${err.message}`);
          second = fallback();
          void primary.dispose();
        }
        return second.inspect(input, options);
      }
    },
    async dispose() {
      await primary.dispose();
      await second?.dispose();
    },
  };
}
