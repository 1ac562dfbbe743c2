// Ended faxes whose final report row carried a FaxDocURL, straight into a store, for the
// as-sent service's tests.

import { join } from 'node:path';
import { upsertAttempt } from '../../../electron/store/attempts-repo.ts';
import { insertDocument } from '../../../electron/store/documents-repo.ts';
import { insertJob, updateJob } from '../../../electron/store/jobs-repo.ts';
import type { Store } from '../../../electron/store/store.ts';
import { LOCAL_SANDBOX_ENDPOINT } from '../../../shared/outbox-filters.ts';

let history = 900_000;

/** A delivered fax (the sandbox's, unless `endpoint` says) whose final report row carried `url`. */
export function deliveredFax(store: Store, dataDir: string, name: string, url: string, endpoint = LOCAL_SANDBOX_ENDPOINT): number {
  const db = store.db;
  insertDocument(db, {
    id: `doc-${name}`,
    spoolPath: join(dataDir, `${name}.pdf`),
    sha256: 'a'.repeat(64),
    size: 1000,
    pages: 1,
    paperSize: 'letter',
    originalName: `${name}.pdf`,
    source: 'cli',
    createdAt: Date.now(),
  });
  const accountKey = `${endpoint}#100000001`;
  const id = insertJob(db, {
    documentId: `doc-${name}`,
    numberRaw: '12025550199',
    faxNumber: '12025550199',
    toHeader: '',
    fromHeader: '',
    paperSize: 'letter',
    resolution: 'standard',
    priority: 'Normal',
    pages: 1,
    state: 'delivered',
    accountKey,
  });
  const outTransId = String(100_000 + id);
  updateJob(db, id, { outTransId, finalAt: Date.now() });
  upsertAttempt(
    db,
    accountKey,
    { historyId: ++history, outTransId, currentState: 8, lastStatus: 0, faxDocUrl: url, raw: {} },
    id,
    Date.now(),
  );
  return id;
}
