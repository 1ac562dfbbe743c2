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
  async function attempt<T>(call: (inspector: PdfInspector) => Promise<T>): Promise<T> {
    if (second) return call(second);
    try {
      return await call(primary);
    } catch (err) {
      if (!(err instanceof InspectorStartError)) throw err;
      if (!second) {
        log.warn(`the PDF check moves to a worker thread: ${err.message}`);
        second = fallback();
        void primary.dispose();
      }
      return call(second);
    }
  }
  return {
    inspect: (input, options) => attempt((inspector) => inspector.inspect(input, options)),
    renderFax: (input, options) => attempt((inspector) => inspector.renderFax(input, options)),
    async dispose() {
      await primary.dispose();
      await second?.dispose();
    },
  };
}
