// The PDF check in Electron: the child is a utility process (utilityProcess.fork), a process of
// its own, so a parse that crashes or runs out of memory takes nothing of main's with it. The
// wiring (electron/wiring/pdf-inspector.ts) hands in Electron's utilityProcess and a reading of
// the child's working set; this file stays free of `electron` so tests drive it with the fake.

import { createPdfInspector, type InspectorLimits, inspectorChildUrl, type PdfInspector, type SpawnChild } from './pdf-inspector.ts';
import { fileURLToPath } from 'node:url';

/** What this needs of a utility process (Electron's UtilityProcess has it). */
export interface UtilityChild {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  kill(): boolean;
  on(event: string, listener: (...args: any[]) => void): unknown;
}

export interface UtilityHost {
  fork(
    modulePath: string,
    args: string[],
    options: { execArgv: string[]; serviceName: string; stdio: 'inherit'; disclaim: boolean },
  ): UtilityChild;
  /** The child's working set in bytes (app.getAppMetrics), when it is known. */
  memoryOf(pid: number): number | undefined;
}

function spawnUtility(host: UtilityHost): SpawnChild {
  return (events, limits) => {
    const child = host.fork(fileURLToPath(inspectorChildUrl()), [], {
      execArgv: [`--max-old-space-size=${limits.memoryMb}`],
      serviceName: 'Openfax PDF check',
      stdio: 'inherit',
      // macOS: the OS treats it as a program of its own for privacy prompts; it reads hostile files.
      disclaim: true,
    });
    let fatal: string | undefined;
    child.on('message', (m: unknown) => events.message(m));
    // V8 gave up (the heap cap); 'exit' follows either way.
    child.on('error', (type: string, location: string) => {
      fatal = `${type}: ${location}`;
    });
    child.on('exit', (code: number) =>
      events.exit(fatal !== undefined && /memory|heap|allocation/i.test(fatal), fatal ?? `it ended with code ${code}`),
    );
    return {
      send: (request) => child.postMessage(request),
      async memoryBytes() {
        return child.pid === undefined ? undefined : host.memoryOf(child.pid);
      },
      kill() {
        child.kill();
      },
    };
  };
}

/** A PdfInspector whose child is an Electron utility process with the given caps (defaults: pdf-inspector.ts). */
export function createUtilityInspector(host: UtilityHost, limits: Partial<InspectorLimits> = {}): PdfInspector {
  return createPdfInspector(spawnUtility(host), limits);
}
