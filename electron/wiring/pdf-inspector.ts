// The PDF check on Electron: pdf.js runs in a utility process, not in main (pdf/utility-inspector.ts
// holds the logic). The child's memory is read from Electron's process metrics, which know it
// even while its JavaScript is stuck in a parse. utilityProcess.fork may run only after `ready`:
// the child is forked on the first document, never here.

import { app, utilityProcess } from 'electron';
import { withStartFallback } from '../pdf/fallback-inspector.ts';
import type { PdfInspector } from '../pdf/pdf-inspector.ts';
import { createThreadInspector } from '../pdf/thread-inspector.ts';
import { createUtilityInspector } from '../pdf/utility-inspector.ts';

/** The inspector createAppServices closes with the services. */
export function createElectronPdfInspector(): PdfInspector {
  const utility = createUtilityInspector({
    fork: (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
    memoryOf(pid) {
      const metric = app.getAppMetrics().find((m) => m.pid === pid);
      // Kilobytes.
      return metric ? metric.memory.workingSetSize * 1024 : undefined;
    },
  });
  // A build whose utility process cannot start still checks PDFs, in a capped worker thread.
  return withStartFallback(utility, () => createThreadInspector());
}
