// The PDF check in plain Node (the browser host, the CLI, tests): the child is a worker thread.
// V8's heap cap (resourceLimits) ends it cleanly when pdf.js's objects grow too big; buffers
// (a decompressed stream) live outside that heap, so the inspector's watchdog reads both from
// getHeapStatistics(), which answers even while the thread is stuck in a parse.

import { Worker } from 'node:worker_threads';
import { createPdfInspector, type InspectorLimits, inspectorChildUrl, type PdfInspector, type SpawnChild } from './pdf-inspector.ts';

const spawnThread: SpawnChild = (events, limits) => {
  const worker = new Worker(inspectorChildUrl(), {
    // The child needs no flags of ours (Node strips types itself), and must not inherit a test
    // runner's or a debugger's.
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, limits.memoryMb / 8)) },
  });
  let outOfMemory = false;
  let detail = '';
  worker.on('message', (m) => events.message(m));
  worker.on('error', (error: NodeJS.ErrnoException) => {
    outOfMemory ||= error.code === 'ERR_WORKER_OUT_OF_MEMORY';
    detail = error.message;
  });
  worker.on('exit', (code) => events.exit(outOfMemory, detail || `it ended with code ${code}`));
  return {
    send(request) {
      // Main keeps no use for these bytes (it has their size and hash): handed over, not copied.
      const whole = request.bytes.byteOffset === 0 && request.bytes.byteLength === request.bytes.buffer.byteLength;
      worker.postMessage(request, whole && request.bytes.buffer instanceof ArrayBuffer ? [request.bytes.buffer] : []);
    },
    async memoryBytes() {
      const heap = await worker.getHeapStatistics();
      return heap.used_heap_size + heap.external_memory;
    },
    kill() {
      void worker.terminate();
    },
    setBusy(busy) {
      if (busy) worker.ref();
      else worker.unref();
    },
  };
};

/** A PdfInspector whose child is a worker thread with the given caps (defaults: pdf-inspector.ts). */
export function createThreadInspector(limits: Partial<InspectorLimits> = {}): PdfInspector {
  return createPdfInspector(spawnThread, limits);
}

let shared: PdfInspector | undefined;

/**
 * This process's inspector for a caller that was handed none (the CLI, a test of one module):
 * made on first use, its worker never keeps the process alive while it waits, and it stops
 * itself when idle. The app's services make and close their own.
 */
export function defaultPdfInspector(): PdfInspector {
  shared ??= createThreadInspector();
  return shared;
}
