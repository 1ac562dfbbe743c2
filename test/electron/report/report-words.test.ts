// A report is made whatever the address book holds: a name in a script the report's standard
// fonts cannot draw, with control characters, comes out readable (accents kept, the rest as
// "?") instead of failing, and its file name is one every OS takes. An accent typed as a
// combining mark (as macOS and many address books store "José") prints as the accented letter. Without the PDF check the
// report says page 1 was not drawn, and still carries everything else.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportMaker } from '../../../electron/report/report-maker.ts';
import { faxFileName } from '../../../electron/report/report-names.ts';
import { insertContact } from '../../../electron/store/contacts-repo.ts';
import { updateJob } from '../../../electron/store/jobs-repo.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';
import { seedDocument, seedJob } from '../outbox-view/seed-jobs.ts';
import { pageTexts } from './pdf-text.ts';

let dir: string;
let store: Store;
let jobId: number;
let decomposed: number;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-report-words-'));
  store = openStore(dir);
  const contact = insertContact(store.db, {
    name: 'Zoë 李小龍 🦊\u0007',
    company: 'Ünïcode <Ltd>',
    faxRaw: '12025550150',
    faxNumber: '12025550150',
  });
  seedDocument(store.db, 'doc-words', 'scan.pdf', 1);
  jobId = seedJob(store.db, { documentId: 'doc-words', state: 'delivered', number: '12025550150', pages: 1 });
  updateJob(store.db, jobId, { contactId: contact.id });
  // "José Müller" with the accents as combining marks, and a "q" with a tilde WinAnsi has no letter for.
  const jose = insertContact(store.db, {
    name: 'Jose\u0301 Mu\u0308ller',
    company: 'Baq\u0303 & Co',
    faxRaw: '12025550151',
    faxNumber: '12025550151',
  });
  decomposed = seedJob(store.db, { documentId: 'doc-words', state: 'delivered', number: '12025550151', pages: 1 });
  updateJob(store.db, decomposed, { contactId: jose.id });
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('report words', () => {
  it('draws any name it is given, and names the file safely', async () => {
    const maker = createReportMaker({ db: store.db });
    const [text] = await pageTexts(await maker.jobReport(jobId));
    expect(text).toContain('Recipient Zoë ??? ?? · Ünïcode <Ltd>');
    expect(text).toContain('Not drawn: the fax view is not available here.');
    expect(text).toContain('No call was placed.');
    const name = faxFileName(maker.jobData(jobId));
    expect(name).toMatch(/^\d{4}-\d\d-\d\d \d{4} Zoë 李小龍 🦊 delivered\.pdf$/);
  });

  it('prints accents typed as combining marks as the accented letter, and drops a mark it has no letter for', async () => {
    const [text] = await pageTexts(await createReportMaker({ db: store.db }).jobReport(decomposed));
    expect(text).toContain('Recipient José Müller · Baq & Co');
    expect(text).not.toContain('?');
  });
});
