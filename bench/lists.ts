// `bench/lists`: both halves of the list benchmark, each in its own process (a clean heap and
// event loop for each): the address book's search keystrokes at the store level
// (lists-contacts.ts, 50,000 contacts, < 16 ms) and the Outbox's first paint in Chromium
// (lists-jobs.ts, 10,000 jobs, < 500 ms). Exits non-zero when either misses its target.
//
//   npx electron-vite build && npx node bench/lists.ts

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

let failed = 0;
for (const script of ['lists-contacts.ts', 'lists-jobs.ts']) {
  process.stdout.write(`\n=== ${script} ===\n`);
  const r = spawnSync(process.execPath, [join(import.meta.dirname, script)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
