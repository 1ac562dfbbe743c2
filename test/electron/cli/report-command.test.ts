// openfax report: a fax sent with --sandbox --wait, then its report written where --out says,
// read back with pdf.js; an existing file is never replaced without --force, and a job that
// does not exist, or has not reached Openfax, is refused with its exit code.

import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/types.ts';
import { getDocument } from '../../../electron/store/documents-repo.ts';
import { listJobs } from '../../../electron/store/jobs-repo.ts';
import { openStore } from '../../../electron/store/store.ts';
import { makePdf } from '../outbox/harness.ts';
import { pageTexts } from '../report/pdf-text.ts';
import { runCliIn } from './run-cli.ts';

let dir: string;
let dataDir: string;
let jobId: number;
let sha: string;

const cli = (args: string[]) => runCliIn(dataDir, args);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-cli-report-'));
  dataDir = join(dir, 'data');
  const pdf = join(dir, 'memo.pdf');
  writeFileSync(pdf, await makePdf(2, 'memo'));
  const sent = await cli([
    'send',
    pdf,
    '--to',
    '212 555 0142',
    '--to-header',
    'Accounts',
    '--sandbox',
    '--sandbox-speed',
    '2000',
    '--wait',
  ]);
  expect(sent.code, sent.err).toBe(EXIT.ok);
  const store = openStore(dataDir);
  try {
    const [job] = listJobs(store.db);
    jobId = job?.id as number;
    sha = getDocument(store.db, job?.documentId as string)?.sha256 as string;
    expect(job?.state).toBe('delivered');
  } finally {
    store.close();
  }
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openfax report', () => {
  it('writes the report of a fax to --out and prints where', async () => {
    const out = join(dir, 'proof.pdf');
    const r = await cli(['report', String(jobId), '--out', out]);
    expect(r.code, r.err).toBe(EXIT.ok);
    expect(r.out).toBe(`${out}\n`);
    const [text, ...rest] = await pageTexts(readFileSync(out));
    expect(rest).toEqual([]);
    expect(text).toContain('Fax transmission report');
    expect(text).toContain('Delivered');
    expect(text).toContain(`Job ${jobId}`);
    expect(text).toContain('To header "Accounts"');
    expect(text).toContain('Fax number +1 212 555 0142');
    expect(text).toContain(`SHA-256 ${sha}`);
  });

  it('puts the sent PDF first with --with-document', async () => {
    const out = join(dir, 'with-document.pdf');
    const r = await cli(['report', String(jobId), '--with-document', '--out', out, '--json']);
    expect(r.code, r.err).toBe(EXIT.ok);
    expect(JSON.parse(r.out)).toEqual({ path: out, bytes: statSync(out).size });
    const pages = await pageTexts(readFileSync(out));
    expect(pages).toHaveLength(3);
    expect(pages[2]).toContain(`Job ${jobId}`);
  });

  it('never replaces a file unless --force says so', async () => {
    const out = join(dir, 'taken.pdf');
    writeFileSync(out, 'mine');
    const refused = await cli(['report', String(jobId), '--out', out]);
    expect(refused.code).toBe(EXIT.usage);
    expect(refused.err).toContain(`${out} exists already; nothing was written.`);
    expect(refused.err).toContain('--force');
    expect(readFileSync(out, 'utf8')).toBe('mine');
    const forced = await cli(['report', String(jobId), '--out', out, '--force']);
    expect(forced.code, forced.err).toBe(EXIT.ok);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses a job that does not exist, or a line that names none', async () => {
    const missing = await cli(['report', '999', '--out', join(dir, 'x.pdf')]);
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.err).toContain('There is no fax job 999.');
    expect((await cli(['report'])).code).toBe(EXIT.usage);
    expect((await cli(['report', 'abc'])).err).toContain('"abc" is not a job number');
  });

  it('is listed in the help', async () => {
    const r = await cli(['help', 'report']);
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toContain('Usage: openfax report JOB [--out FILE]');
  });
});
