// Decides when a file in the hot folder is complete. Each file seen (by a watcher event or a
// scan) is polled with stat until its size and mtime have not changed for `settleMs`; then its
// first and last bytes are checked (`%PDF-` … `%%EOF`). Watcher events only make it look
// sooner, so a lost event delays a file but never loses it, and no timer runs while the
// folder is idle.

import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { type FileEnds, judgeEnds, readFileEnds } from './file-ends.ts';
import { isTransientFsError } from './fs-retry.ts';

// Transient read failures in a row before the user is told a file is stuck.
const LOCKED_REPORT_AFTER = 10;

export interface TrackerOptions {
  settleMs: number;
  pollMs: number;
  /** Longest wait between polls of a file that stays incomplete with no events. */
  maxPollMs: number;
  /** A file unchanged this long yet still incomplete (or empty) is given up on. */
  incompleteTimeoutMs: number;
  now: () => number;
}

export interface TrackerHandlers {
  /** The file is complete: claim it. Throwing means "not now", and it is tried again later. */
  complete(path: string, name: string): Promise<void>;
  notPdf(path: string, name: string, ends: FileEnds): Promise<void>;
  /** Stable for `incompleteTimeoutMs` without ever looking complete. */
  abandoned(path: string, name: string, ends: FileEnds): Promise<void>;
  error(message: string, path: string, cause: unknown): void;
}

interface Tracked {
  path: string;
  name: string;
  signature?: string;
  lastChangeAt: number;
  interval: number;
  timer?: NodeJS.Timeout;
  dueAt?: number;
  busy: boolean;
  /** An event arrived while a handler ran: look at the path again afterwards. */
  dirty: boolean;
  /** Claims that failed in a row (backoff). */
  failures: number;
  /** Reads that failed with a transient error in a row. */
  readFailures: number;
}

export interface FileTracker {
  /** Something happened at `path` (an event or a scan found it). */
  touch(path: string): void;
  readonly size: number;
  /** Stops polling; resolves when handlers already running have finished. */
  stop(): Promise<void>;
}

export function createFileTracker(options: TrackerOptions, handlers: TrackerHandlers): FileTracker {
  const tracked = new Map<string, Tracked>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  const schedule = (t: Tracked, delay: number) => {
    if (stopped) return;
    const due = options.now() + delay;
    if (t.timer && t.dueAt !== undefined && t.dueAt <= due) return;
    if (t.timer) clearTimeout(t.timer);
    t.dueAt = due;
    t.timer = setTimeout(() => {
      t.timer = undefined;
      t.dueAt = undefined;
      track(check(t));
    }, delay);
  };

  const track = (p: Promise<void>) => {
    running.add(p);
    p.finally(() => running.delete(p)).catch(() => {});
  };

  const touch = (path: string) => {
    if (stopped) return;
    const existing = tracked.get(path);
    if (existing) {
      existing.lastChangeAt = options.now();
      existing.interval = options.pollMs;
      if (existing.busy) existing.dirty = true;
      else schedule(existing, options.pollMs);
      return;
    }
    const t: Tracked = {
      path,
      name: basename(path),
      lastChangeAt: options.now(),
      interval: options.pollMs,
      busy: false,
      dirty: false,
      failures: 0,
      readFailures: 0,
    };
    tracked.set(path, t);
    schedule(t, 0);
  };

  // After a handler moved the file, the same name may already hold the next print.
  const finish = (t: Tracked) => {
    tracked.delete(t.path);
    if (stopped) return;
    track(
      stat(t.path).then(
        () => touch(t.path),
        () => {
          if (t.dirty) touch(t.path);
        },
      ),
    );
  };

  const runHandler = async (t: Tracked, fn: () => Promise<void>) => {
    t.busy = true;
    try {
      await fn();
      finish(t);
    } catch (error) {
      t.busy = false;
      t.failures += 1;
      handlers.error(`Could not take ${t.name} yet; trying again`, t.path, error);
      t.signature = undefined;
      schedule(t, Math.min(30_000, options.maxPollMs * 2 ** Math.min(t.failures, 5)));
    }
  };

  const check = async (t: Tracked) => {
    if (stopped || t.busy) return;
    let ends: FileEnds;
    try {
      const info = await stat(t.path);
      if (!info.isFile()) return void tracked.delete(t.path);
      const signature = `${info.size}:${info.mtimeMs}`;
      const now = options.now();
      if (signature !== t.signature) {
        t.signature = signature;
        t.lastChangeAt = now;
        return schedule(t, options.pollMs);
      }
      const quietFor = now - t.lastChangeAt;
      if (quietFor < options.settleMs) return schedule(t, Math.min(t.interval, options.settleMs - quietFor));
      ends = await readFileEnds(t.path);
      t.readFailures = 0;
      if (`${ends.size}` !== signature.split(':')[0]) {
        t.signature = undefined;
        return schedule(t, options.pollMs);
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return void tracked.delete(t.path);
      if (isTransientFsError(error)) {
        // Locked for a moment (Windows), or not readable by us at all: say so once, keep trying.
        t.readFailures += 1;
        if (t.readFailures === LOCKED_REPORT_AFTER) handlers.error(`${t.name} cannot be read yet (${code}); still trying`, t.path, error);
        t.interval = Math.min(t.readFailures > LOCKED_REPORT_AFTER ? 30_000 : options.maxPollMs, t.interval * 2);
        return schedule(t, t.interval);
      }
      tracked.delete(t.path);
      return handlers.error(`Could not read ${t.name}`, t.path, error);
    }
    const verdict = judgeEnds(ends);
    if (verdict === 'complete') return runHandler(t, () => handlers.complete(t.path, t.name));
    if (verdict === 'not-pdf') return runHandler(t, () => handlers.notPdf(t.path, t.name, ends));
    if (options.now() - t.lastChangeAt >= options.incompleteTimeoutMs) return runHandler(t, () => handlers.abandoned(t.path, t.name, ends));
    t.interval = Math.min(options.maxPollMs, t.interval * 2);
    schedule(t, t.interval);
  };

  return {
    touch,
    get size() {
      return tracked.size;
    },
    async stop() {
      stopped = true;
      for (const t of tracked.values()) if (t.timer) clearTimeout(t.timer);
      tracked.clear();
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
