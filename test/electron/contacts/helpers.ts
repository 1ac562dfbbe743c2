// A real SQLite database in a temp folder per test, and a contact book over it.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContactBook, type ContactBook } from '../../../electron/contacts/contact-book.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';

export interface TestBook {
  store: Store;
  book: ContactBook;
  changes: string[];
  close(): void;
}

export function openTestBook(): TestBook {
  const dir = mkdtempSync(join(tmpdir(), 'openfax-contacts-'));
  const store = openStore(dir, { integrityCheck: 'none' });
  const changes: string[] = [];
  const book = createContactBook({ db: store.db, defaultCountry: () => 'US', onChanged: (r) => changes.push(r) });
  return {
    store,
    book,
    changes,
    close() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** CSV text from rows of cells (quoted as needed). */
export function csv(rows: string[][]): string {
  return rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');
}

export const bytes = (text: string) => new TextEncoder().encode(text);
