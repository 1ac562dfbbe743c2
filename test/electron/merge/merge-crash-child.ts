// The process the merge's crash test kills: a merge of N rows (started by its first life, taken
// up by each later one), its faxes sent to the sandbox, exit 0 once every row is queued and
// every fax is final. The converter is the tests' fake (a PDF of each filled document's text):
// the crash is the merge's and the outbox's, not LibreOffice's.
// argv: dataDir sandboxUrl accountId apiKey templatePath csvPath. Prints Q per job queued, D when done.

import { readFile } from 'node:fs/promises';
import { createMergeService } from '../../../electron/merge/merge-service.ts';
import { createOpenfaxClient } from '../../../electron/openfax/client.ts';
import { createOutbox } from '../../../electron/outbox/outbox.ts';
import { newestOpenMerge } from '../../../electron/store/merges-repo.ts';
import { getSettings } from '../../../electron/store/settings-repo.ts';
import { openStore } from '../../../electron/store/store.ts';
import { FAST_TIMING } from '../outbox/fast-timing.ts';
import { FAKE_INFO, fakeConverters } from './merge-harness.ts';

const [dataDir, url, accountId, apiKey, templatePath, csvPath] = process.argv.slice(2) as string[];
process.on('unhandledRejection', (err) => {
  console.error('UNHANDLED REJECTION', err);
  process.exit(99);
});

const store = openStore(dataDir as string);
const client = createOpenfaxClient({ accountId: accountId as string, apiKey: apiKey as string, baseUrl: url as string });
const outbox = createOutbox({
  db: store.db,
  dataDir: dataDir as string,
  getAccount: () => ({ accountId: accountId as string, endpoint: url as string, client }),
  timing: { ...FAST_TIMING, leaseStaleMs: 60_000 },
});
outbox.on('job-changed', (j) => {
  if (j.state === 'queued' && j.broadcastId !== null) process.stdout.write('Q\n');
});
await outbox.start();
const converters = fakeConverters();
// Each life is a new process: a merge the last one left running is taken up at creation.
const merge = await createMergeService({
  db: store.db,
  dataDir: dataDir as string,
  outbox,
  getSettings: () => getSettings(store.db),
  parts: { findConverters: async () => [FAKE_INFO], createConverter: () => converters.create() },
  timing: { firstBatch: 1, batch: 4, heartbeatMs: 200, staleMs: 60_000 },
});
if (!newestOpenMerge(store.db)) {
  const view = await merge.openTemplate('Notice.docx', new Uint8Array(await readFile(templatePath as string)));
  await merge.openData(view.id, { kind: 'bytes', fileName: 'doctors.csv', bytes: new Uint8Array(await readFile(csvPath as string)) });
  await merge.start(view.id);
}
await merge.idle();
await outbox.whenIdle();
process.stdout.write('D\n');
await merge.dispose();
await outbox.stop();
store.close();
process.exit(0);
