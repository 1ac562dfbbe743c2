// Windows keeps a file locked while the spooler, an antivirus scanner or the indexer holds it:
// renames and reads then fail with EBUSY or EPERM for a moment. Those are retried with backoff.

const TRANSIENT = new Set(['EBUSY', 'EPERM', 'EACCES', 'EAGAIN', 'EMFILE', 'ENFILE']);

export interface RetryOptions {
  /** Attempts in all (default 7: about 6 s of waiting with the default base). */
  attempts?: number;
  baseMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export function isTransientFsError(error: unknown): boolean {
  return TRANSIENT.has((error as NodeJS.ErrnoException | undefined)?.code ?? '');
}

/** Runs `fn`, retrying transient file-system errors with doubling delays. */
export async function withFsRetry<T>(fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 7;
  const base = options.baseMs ?? 100;
  const maxDelay = options.maxDelayMs ?? 2000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || !isTransientFsError(error)) throw error;
      await sleep(Math.min(maxDelay, base * 2 ** (attempt - 1)));
    }
  }
}
