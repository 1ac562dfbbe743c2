import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Store, openStore } from '../../../electron/store/store.ts';

/** A fresh data folder with an open store; `cleanup` closes and removes it. */
export function tempStore(): Store & { cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'openfax-store-'));
  const store = openStore(dir);
  return {
    ...store,
    cleanup() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
