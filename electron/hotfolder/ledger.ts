// Remembers what the hot folder SENT (queued to the outbox, or handed to Compose), by content
// hash + size, so the same document dropped again is recognised, also after a restart. What
// was only seen, or set aside for review, is not remembered: fixed and put back, it is taken
// like a new file. The app and the CLI back this with a file; tests use the in-memory one.

export interface LedgerEntry {
  sha256: string;
  size: number;
  originalName: string;
  spoolPath: string;
  claimedAt: number;
  sentAt: number;
}

export interface HotFolderLedger {
  /** Whether identical content was sent from the hot folder before. */
  sent(sha256: string, size: number): boolean | Promise<boolean>;
  recordSent(entry: LedgerEntry): void | Promise<void>;
}

export interface MemoryLedger extends HotFolderLedger {
  readonly entries: readonly LedgerEntry[];
}

export function createMemoryLedger(): MemoryLedger {
  const keys = new Set<string>();
  const entries: LedgerEntry[] = [];
  return {
    entries,
    sent: (sha256, size) => keys.has(`${sha256}:${size}`),
    recordSent: (entry) => {
      keys.add(`${entry.sha256}:${entry.size}`);
      entries.push(entry);
    },
  };
}
