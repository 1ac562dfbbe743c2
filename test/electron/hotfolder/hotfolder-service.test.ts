// The app's hot folder finishes each document once the outbox or Compose holds its own copy:
// nothing stays in the spool to be taken up again at the next start.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hotFolderSpool } from '../../../electron/hotfolder/default-folder.ts';
import { listJobs } from '../../../electron/store/jobs-repo.ts';
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

describe('the app hot folder', () => {
  it('empties the spool once a document is queued or on Compose, and names a folder it will not take', async () => {
    const folder = join(h.documentsDir, 'Openfax Outbox');
    await vi.waitFor(async () => expect(await h.value('getHotFolder', undefined)).toMatchObject({ status: 'watching' }));
    const notices: string[] = [];
    h.services.events.on('notice', (n) => notices.push(n.message));
    writeFileSync(join(folder, '12125550180 - routed.pdf'), await makePdf({ pages: ['routed'] }));
    writeFileSync(join(folder, 'letter.pdf'), await makePdf({ pages: ['for compose'] }));
    mkdirSync(join(folder, 'Scans.pdf'));

    await vi.waitFor(
      async () => {
        const state = await h.value('getCompose', undefined);
        expect(state.draft.documents.map((d) => d.name)).toEqual(['letter.pdf']);
        expect(listJobs(h.services.store.db).map((j) => [j.faxNumber, j.documentName])).toEqual([
          ['12125550180', '12125550180 - routed.pdf'],
        ]);
        expect(await spooledDocuments(hotFolderSpool(h.dataDir))).toEqual([]);
        expect(notices.some((m) => m.includes('"Scans.pdf" is a folder'))).toBe(true);
      },
      { timeout: 15_000, interval: 25 },
    );
  });
});
