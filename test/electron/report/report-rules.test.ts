// Which faxes have a transmission report, judged by what Openfax says of them rather than by a
// copy of our own list: a submitted job is moved by a real report row (the outbox's own
// applyReportRows) for every CurrentState and LastStatus of the vendor's tables, and it has a
// report exactly when Openfax calls that CurrentState final. A credit hold (CurrentState 11)
// is not final at Openfax, so a fax on hold has none yet. A fax Openfax never accepted has none.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyReportRows } from '../../../electron/outbox/report-apply.ts';
import { getJobView, type JobView } from '../../../electron/store/jobs-repo.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';
import { JOB_STATES } from '../../../shared/domain.ts';
import { hasTransmissionReport } from '../../../shared/report-rules.ts';
import { CURRENT_STATE, LAST_STATUS } from '../../../shared/vendor-codes.ts';
import { ACCOUNT_KEY, seedDocument, seedJob } from '../outbox-view/seed-jobs.ts';

let dir: string;
let store: Store;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-report-rules-'));
  store = openStore(dir);
  seedDocument(store.db, 'doc-rules', 'rules.pdf', 1);
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

let historyId = 900_001;
/** A fax with Openfax, moved by one report row that says `currentState` (and `lastStatus`). */
function movedBy(currentState: number, lastStatus: number | undefined): JobView {
  const id = seedJob(store.db, { documentId: 'doc-rules', state: 'submitted' });
  const job = getJobView(store.db, id) as JobView;
  applyReportRows(
    store.db,
    ACCOUNT_KEY,
    [{ historyId: historyId++, outTransId: job.outTransId as string, currentState, lastStatus, raw: {} }],
    Date.now(),
  );
  return getJobView(store.db, id) as JobView;
}

describe('which faxes have a report', () => {
  it('is every fax whose row Openfax calls final, whatever its LastStatus, and no other', () => {
    let checked = 0;
    for (const state of CURRENT_STATE) {
      for (const last of [undefined, ...LAST_STATUS.map((s) => s.code)]) {
        const job = movedBy(state.code, last);
        expect(hasTransmissionReport(job), `CurrentState ${state.code}, LastStatus ${last} → ${job.state}`).toBe(state.final);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('has none for a fax on credit hold at Openfax, until a later row ends it', () => {
    const held = movedBy(11, 9);
    expect(held.state).toBe('no-credit');
    expect(held.outTransId).not.toBeNull();
    expect(hasTransmissionReport(held)).toBe(false);
    applyReportRows(
      store.db,
      ACCOUNT_KEY,
      [{ historyId: historyId++, outTransId: held.outTransId as string, currentState: 8, lastStatus: 0, raw: {} }],
      Date.now(),
    );
    expect(hasTransmissionReport(getJobView(store.db, held.id) as JobView)).toBe(true);
  });

  it('has none for a fax Openfax never accepted, in any state', () => {
    for (const state of JOB_STATES) expect(hasTransmissionReport({ state, outTransId: null }), state).toBe(false);
  });
});
