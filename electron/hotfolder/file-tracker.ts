// Decides when a file in the hot folder is complete. Each file seen (by a watcher event or a
// scan) is polled with stat until its size, mtime and inode have not changed for `settleMs`; then
// it must prove itself: its bytes (pdf-complete.ts) and no program still writing it
// (open-writers.ts). Watcher events and scans only make it look sooner: they never count as a
// change, so a file that stays incomplete is given up on after `incompleteTimeoutMs` however
// often the folder is rescanned. A lost event delays a file but never loses it, and no timer
// runs while the folder is idle.

import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FileEnds } from './file-ends.ts';
import { isTransientFsError } from './fs-retry.ts';
import type { ClaimProof } from './move.ts';
import { type Completeness, proveComplete } from './pdf-complete.ts';
import { type WriterState, writerState } from './open-writers.ts';

// Transient read failures in a row before the user is told a file is stuck.
const LOCKED_REPORT_AFTER = 10;
// Longest wait between looks at a complete file a program still has open: its close is no
// watcher event, so this is the delay between the close and the claim.
const OPEN_POLL_MS = 500;

export interface TrackerOptions {
  settleMs: number;
  pollMs: number;
  /** Longest wait between polls of a file that stays incomplete with no events. */
  maxPollMs: number;
  /** A file unchanged this long yet still incomplete (or empty) is given up on. */
  incompleteTimeoutMs: number;
  /** Quiet time asked of a complete file when no one can say whether it is still open (default 10 × settleMs, at least 1 s). */
  unsureQuietMs?: number;
  now: () => number;
  /** Who has a file open for writing (default: this platform's check). */
  writers?: (path: string) => Promise<WriterState>;
}

export interface TrackerHandlers {
  /** The file is complete: claim it. Throwing means "not now", and it is tried again later. */
  complete(path: string, name: string, proof: ClaimProof): Promise<void>;
  notPdf(path: string, name: string, ends: FileEnds): Promise<void>;
  /** Unchanged for `incompleteTimeoutMs` without ever proving complete; `why` is what is missing. */
  abandoned(path: string, name: string, ends: FileEnds, why: string): Promise<void>;
  error(message: string, path: string, cause: unknown): void;
}

interface Tracked {
  path: string;
  name: string;
  signature?: string;
  ino?: number;
  mtimeMs?: number;
  lastChangeAt: number;
  interval: number;
  timer?: NodeJS.Timeout;
  dueAt?: number;
  busy: boolean;
  /** A check is running; another one asked meanwhile runs after it. */
  checking: boolean;
  again: boolean;
  /** An event arrived while a handler ran: look at the path again afterwards. */
  dirty: boolean;
  /** Claims that failed in a row (backoff). */
  failures: number;
  /** Reads that failed with a transient error in a row. */
  readFailures: number;
  /** "Still open in another program" was said for the current state of the file. */
  toldOpen: boolean;
}

export interface FileTracker {
  /** Something happened at `path` (an event or a scan found it). */
  touch(path: string): void;
  readonly size: number;
  /** Stops polling; resolves when handlers already running have finished. */
  stop(): Promise<void>;
}

type Step =
  | { kind: 'wait'; delay: number }
  | { kind: 'drop' }
  | { kind: 'run'; handler: () => Promise<void> }
  | { kind: 'report'; message: string; cause?: unknown; next: Step };

export function createFileTracker(options: TrackerOptions, handlers: TrackerHandlers): FileTracker {
  const tracked = new Map<string, Tracked>();
  const running = new Set<Promise<void>>();
  const writers = options.writers ?? ((path: string) => writerState(path));
  const unsureQuietMs = options.unsureQuietMs ?? Math.max(1000, options.settleMs * 10);
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
      checking: false,
      again: false,
      dirty: false,
      failures: 0,
      readFailures: 0,
      toldOpen: false,
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
      schedule(t, Math.min(30_000, options.maxPollMs * 2 ** Math.min(t.failures, 5)));
    }
  };

  const check = async (t: Tracked) => {
    if (stopped || t.busy) return;
    if (t.checking) {
      t.again = true;
      return;
    }
    t.checking = true;
    let step: Step;
    try {
      step = await decide(t);
    } finally {
      t.checking = false;
    }
    if (stopped) return;
    await act(t, step);
    if (t.again && !t.busy && tracked.get(t.path) === t) {
      t.again = false;
      schedule(t, options.pollMs);
    }
  };

  const act = async (t: Tracked, step: Step): Promise<void> => {
    if (step.kind === 'wait') return schedule(t, step.delay);
    if (step.kind === 'drop') return void tracked.delete(t.path);
    if (step.kind === 'report') {
      handlers.error(step.message, t.path, step.cause);
      return act(t, step.next);
    }
    t.again = false;
    return runHandler(t, step.handler);
  };

  const backoff = (t: Tracked, cap = options.maxPollMs): Step => {
    t.interval = Math.min(cap, t.interval * 2);
    return { kind: 'wait', delay: t.interval };
  };

  const decide = async (t: Tracked): Promise<Step> => {
    let proof: Completeness;
    let quietFor: number;
    try {
      const info = await stat(t.path);
      if (!info.isFile()) return { kind: 'drop' };
      const signature = `${info.size}:${info.mtimeMs}:${info.ino}`;
      const now = options.now();
      if (signature !== t.signature) {
        t.signature = signature;
        t.ino = info.ino;
        t.mtimeMs = info.mtimeMs;
        t.lastChangeAt = now;
        t.toldOpen = false;
        return { kind: 'wait', delay: options.pollMs };
      }
      quietFor = now - t.lastChangeAt;
      if (quietFor < options.settleMs) return { kind: 'wait', delay: Math.min(t.interval, options.settleMs - quietFor) };
      proof = await proveComplete(t.path);
      t.readFailures = 0;
      if (proof.ends.size !== info.size) {
        t.signature = undefined;
        return { kind: 'wait', delay: options.pollMs };
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { kind: 'drop' };
      if (isTransientFsError(error)) {
        // Locked for a moment (Windows), or not readable by us at all: say so once, keep trying.
        t.readFailures += 1;
        const wait = backoff(t, t.readFailures > LOCKED_REPORT_AFTER ? 30_000 : options.maxPollMs);
        if (t.readFailures !== LOCKED_REPORT_AFTER) return wait;
        return { kind: 'report', message: `${t.name} cannot be read yet (${code}); still trying`, cause: error, next: wait };
      }
      return { kind: 'report', message: `Could not read ${t.name}`, cause: error, next: { kind: 'drop' } };
    }

    const { ends } = proof;
    if (proof.verdict === 'incomplete' && quietFor < options.incompleteTimeoutMs)
      return backoff(t, Math.min(options.maxPollMs, options.incompleteTimeoutMs - quietFor));
    // Complete, not a PDF, or given up on: each moves the file, so no one may still be writing it.
    const state = await writers(t.path);
    if (state === 'open') {
      if (proof.verdict !== 'incomplete' || t.toldOpen) return backoff(t, OPEN_POLL_MS);
      t.toldOpen = true;
      return {
        kind: 'report',
        message: `${t.name} has not changed for ${spell(quietFor)}, but a program still has it open: Openfax waits for that program to close it`,
        next: backoff(t, OPEN_POLL_MS),
      };
    }
    if (state === 'unknown' && proof.verdict !== 'incomplete' && quietFor < unsureQuietMs)
      return { kind: 'wait', delay: Math.min(options.maxPollMs, unsureQuietMs - quietFor) };
    if (proof.verdict === 'not-pdf') return { kind: 'run', handler: () => handlers.notPdf(t.path, t.name, ends) };
    if (proof.verdict === 'incomplete') {
      const why = proof.why;
      return { kind: 'run', handler: () => handlers.abandoned(t.path, t.name, ends, why) };
    }
    const claimProof = proofFor(t, ends.size);
    return { kind: 'run', handler: () => handlers.complete(t.path, t.name, claimProof) };
  };

  const proofFor = (t: Tracked, size: number): ClaimProof => ({
    size,
    mtimeMs: t.mtimeMs as number,
    ino: t.ino as number,
    stillComplete: async () => (await proveComplete(t.path)).verdict === 'complete' && (await writers(t.path)) !== 'open',
  });

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

function spell(ms: number): string {
  return ms >= 90_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.round(ms / 1000)} seconds`;
}
