// `openfax send scan.tif`: images go through the CLI as through every entry. The judge is the
// sandbox's own record of what arrived (pages, paper, the document's hash).

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PAPER_SIZE_CODE } from '../../../shared/domain.ts';
import { EXIT } from '../../../electron/cli/types.ts';
import { type Sandbox, startSandbox } from '../../../electron/sandbox/index.ts';
import { getDocument } from '../../../electron/store/documents-repo.ts';
import { listJobs } from '../../../electron/store/jobs-repo.ts';
import { openStore } from '../../../electron/store/store.ts';
import { imageFixture } from '../../fixtures/images/make-images.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { runCliIn } from './run-cli.ts';

let sb: Sandbox;
let dir: string;
let dataDir: string;

beforeAll(async () => {
  sb = await startSandbox({ speed: 3000 });
});
afterAll(() => sb.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-cli-images-'));
  dataDir = join(dir, 'data');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const env = () => ({ OPENFAX_ACCOUNT_ID: sb.demoAccount.accountId, OPENFAX_API_KEY: sb.demoAccount.apiKey, OPENFAX_API_URL: sb.url });
const cli = (args: string[]) => runCliIn(dataDir, args, env());

function write(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** The sandbox's records of this test's faxes. */
function received(): ReturnType<Sandbox['faxes']> {
  const store = openStore(dataDir);
  const ids = new Set(listJobs(store.db).map((j) => j.outTransId));
  store.close();
  return sb.faxes().filter((f) => ids.has(f.outTransId));
}

function sentDocument(): Uint8Array {
  const store = openStore(dataDir);
  const job = listJobs(store.db)[0];
  const doc = job && getDocument(store.db, job.documentId);
  store.close();
  if (!doc) throw new Error('no job');
  return new Uint8Array(readFileSync(doc.spoolPath));
}

describe('openfax send: images', () => {
  it('sends a multi-page fax TIFF as its pages, on the paper chosen', async () => {
    const tiff = write('scan.tif', imageFixture('fax-g4-fine-3pages.tif'));
    const r = await cli(['send', tiff, '--to', '212 555 0142', '--paper', 'a4']);
    expect(r.code, r.err).toBe(EXIT.ok);
    expect(r.err).toContain('scan.tif: a TIFF image, made into 3 pages of A4 (fitted, not stretched).');
    const [fax] = received();
    expect(fax).toMatchObject({ pages: 3, paperSize: PAPER_SIZE_CODE.a4 });
    expect(fax?.pdfSha256).toBe(createHash('sha256').update(sentDocument()).digest('hex'));
  });

  it('merges an image with a PDF, in the order given', async () => {
    const png = write('scan.png', imageFixture('scan.png'));
    const pdf = write('letter.pdf', await makePdf({ pages: ['one', 'two'] }));
    const r = await cli(['send', pdf, png, '--to', '212 555 0142']);
    expect(r.code, r.err).toBe(EXIT.ok);
    expect(received()[0]).toMatchObject({ pages: 3, paperSize: PAPER_SIZE_CODE.letter });
  });

  it('refuses a Word document with its own words, and queues nothing', async () => {
    const docx = write('letter.docx', imageFixture('letter.docx'));
    const r = await cli(['send', docx, '--to', '212 555 0142']);
    expect(r.code).toBe(EXIT.document);
    expect(r.err).toContain('letter.docx: This is a Word document (.docx).');
    expect(r.err).toMatch(/print it to the Openfax printer/);
    expect(r.err).not.toMatch(/not a PDF/);
    expect(received()).toEqual([]);
  });
});
