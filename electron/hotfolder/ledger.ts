// Remembers what was claimed (content hash + size) so a re-scan, a restart or the same file
// dropped twice is recognised. The app backs this with SQLite; tests use the in-memory one.

export interface LedgerEntry {
  sha256: string;
  size: number;
  originalName: string;
  spoolPath: string;
  claimedAt: number;
}

export interface HotFolderLedger {
  seen(sha256: string, size: number): boolean | Promise<boolean>;
  record(entry: LedgerEntry): void | Promise<void>;
}

export interface MemoryLedger extends HotFolderLedger {
  readonly entries: readonly LedgerEntry[];
}

export function createMemoryLedger(): MemoryLedger {
  const keys = new Set<string>();
  const entries: LedgerEntry[] = [];
  return {
    entries,
    seen: (sha256, size) => keys.has(`${sha256}:${size}`),
    record: (entry) => {
      keys.add(`${entry.sha256}:${entry.size}`);
      entries.push(entry);
    },
  };
}
