// pdf-lib reports what it repairs while parsing ("Trying to parse invalid object…") with
// console.warn and console.log, which lands on the CLI's stderr and the app's terminal between
// our own messages. Every pdf-lib parse goes through `quietly`: those lines become debug log
// lines instead. A counter, not a flag, because parses overlap (they yield between objects).

import { createLogger } from '../core/logger.ts';

const log = createLogger('pdf-lib');
let depth = 0;
let saved: { warn: typeof console.warn; log: typeof console.log } | undefined;

function toDebug(...args: unknown[]): void {
  log.debug(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
}

/** Runs a pdf-lib parse with its console output turned into debug log lines. */
export async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  if (depth++ === 0) {
    saved = { warn: console.warn, log: console.log };
    console.warn = toDebug;
    console.log = toDebug;
  }
  try {
    return await fn();
  } finally {
    if (--depth === 0 && saved) {
      console.warn = saved.warn;
      console.log = saved.log;
      saved = undefined;
    }
  }
}
