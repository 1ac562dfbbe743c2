// An auto-routed hot-folder file that Openfax already accepted for its number (sent from
// Compose or the CLI within the duplicate window) is never sent again unattended: it goes to
// Needs review with the reason. The judge is the sandbox's own record.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hotFolderSpool } from '../../../electron/hotfolder/default-folder.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { type HandlersHarness, startHandlers } from '../app/handlers-harness.ts';
import { spooledDocuments } from './harness.ts';

let h: HandlersHarness;
beforeAll(async () => {
  h = await startHandlers({ dispatched: new Set(), hotFolder: true });
});
afterAll(async () => {
  await h?.close();
});

describe('the hot folder and the duplicate guard', () => {
  it('sets a routed file aside for review when Openfax already has that document for its number', async () => {
    const folder = join(h.documentsDir, 'Openfax Outbox');
    await vi.waitFor(async () => expect(await h.value('getHotFolder', undefined)).toMatchObject({ status: 'watching' }));
    const bytes = await makePdf({ pages: ['the same memo'] });
    const sent = await h.services.outbox.submit({ pdfBytes: bytes, originalName: 'memo.pdf', to: { number: '212 555 0191' } });
    if (!sent.ok) throw new Error(sent.error.message);
    await vi.waitFor(() => expect(h.services.sandbox.faxes().filter((f) => f.faxNumber === '12125550191')).toHaveLength(1), {
      timeout: 10_000,
    });
    await expect.poll(() => h.services.outbox.whenIdle({ jobIds: sent.value.jobIds, timeoutMs: 0 }), { timeout: 10_000 }).toBe(true);

    writeFileSync(join(folder, '12125550191 - memo.pdf'), bytes);
    const review = join(folder, 'Needs review');
    await vi.waitFor(() => expect(readdirSync(review).sort()).toEqual(['12125550191 - memo.pdf', '12125550191 - memo.pdf.reason.txt']), {
      timeout: 15_000,
      interval: 25,
    });
    const reason = readFileSync(join(review, '12125550191 - memo.pdf.reason.txt'), 'utf8');
    expect(reason).toMatch(/What is wrong: Openfax already accepted this document for \+1 212 555 0191 today at .+; it was delivered\./);
    expect(reason).toMatch(/What to do: It was not sent again\. If it should go again, send it from Openfax/);
    expect(await spooledDocuments(hotFolderSpool(h.dataDir))).toEqual([]);
    expect(h.services.sandbox.faxes().filter((f) => f.faxNumber === '12125550191')).toHaveLength(1);
  });
});
