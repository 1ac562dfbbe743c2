// The broadcast credit check estimates with what a page cost THIS account: the live account's
// history never prices a sandbox broadcast, nor the other way round.

import { afterEach, describe, expect, it } from 'vitest';
import { accountKeyOf } from '../../../electron/store/account-state-repo.ts';
import { insertDocument } from '../../../electron/store/documents-repo.ts';
import { insertJob, updateJob } from '../../../electron/store/jobs-repo.ts';
import { type Harness, startHarness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function pastDelivery(accountKey: string, pages: number, cost: number): void {
  const db = h!.store.db;
  insertDocument(db, {
    id: `old-${accountKey}`,
    spoolPath: '/x/old.pdf',
    sha256: accountKey,
    size: 1,
    pages,
    paperSize: 'letter',
    originalName: 'old.pdf',
    source: 'cli',
    createdAt: 1,
  });
  const id = insertJob(db, {
    documentId: `old-${accountKey}`,
    numberRaw: '2125550100',
    faxNumber: '12125550100',
    toHeader: '',
    fromHeader: '',
    paperSize: 'letter',
    resolution: 'standard',
    priority: 'Normal',
    pages,
    state: 'queued',
  });
  updateJob(db, id, { state: 'delivered', accountKey, pagesSent: pages, cost, finalAt: 2 });
}

describe('the broadcast credit estimate', () => {
  it("ignores another account's prices, and uses this account's", async () => {
    h = await startHarness();
    const pdf = await h.writePdf('p.pdf', 1);
    h.sb.setCredit(h.sb.demoAccount.accountId, 1);
    // Another account paid 5 a page: priced with that, two pages would need 10 and be refused.
    pastDelivery(accountKeyOf('https://api.openfax.com', '999999'), 1, 5);
    const ok = await h.outbox.createBroadcast({ pdfPath: pdf, recipients: [{ number: '2125550142' }, { number: '3125550142' }] });
    expect(ok.ok).toBe(true);

    // This account's own history does count.
    pastDelivery(accountKeyOf(h.sb.url, h.sb.demoAccount.accountId), 1, 5);
    const refused = await h.outbox.createBroadcast({ pdfPath: pdf, recipients: [{ number: '2125550143' }, { number: '3125550143' }] });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'no-credit', message: expect.stringMatching(/needs about/) } });
  });
});
