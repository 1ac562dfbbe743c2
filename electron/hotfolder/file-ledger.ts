// The ledger of sent documents kept as JSON lines in a file (`openfax watch` and the app):
// survives restarts, and a torn last line (a crash mid-write) is skipped.

import { appendFile, mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { makePrivateSync, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../core/private-files.ts';
import type { HotFolderLedger, LedgerEntry } from './ledger.ts';

export function createFileLedger(path: string): HotFolderLedger {
  const keys = new Set<string>();
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
    // One an earlier version wrote readable by all is the owner's alone from now on.
    makePrivateSync(path);
  } catch {
    // no ledger yet
  }
  for (const line of text.split('\n')) {
    try {
      const entry = JSON.parse(line) as LedgerEntry;
      if (typeof entry.sha256 === 'string' && typeof entry.size === 'number') keys.add(`${entry.sha256}:${entry.size}`);
    } catch {
      // blank or torn line
    }
  }
  // After a torn last line the next entry starts on a line of its own, or it would be torn too.
  let lead = text.length > 0 && !text.endsWith('\n') ? '\n' : '';
  return {
    sent: (sha256, size) => keys.has(`${sha256}:${size}`),
    async recordSent(entry) {
      keys.add(`${entry.sha256}:${entry.size}`);
      await mkdir(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
      await appendFile(path, `${lead}${JSON.stringify(entry)}\n`, { mode: PRIVATE_FILE_MODE });
      lead = '';
    },
  };
}
