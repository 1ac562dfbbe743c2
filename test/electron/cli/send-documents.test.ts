// `openfax send` and the documents it is given: the one encryption rule, filled forms, paper
// size, wording and exit codes. The judge is the sandbox's record of what arrived (document
// hash, pages, paper size) and the document the outbox kept.

import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PAPER_SIZE_CODE } from '../../../shared/domain.ts';
import { runCliIn } from './run-cli.ts';
import { EXIT } from '../../../electron/cli/types.ts';
import { extractText } from '../../../electron/pdf/extract-text.ts';
import { type Sandbox, startSandbox } from '../../../electron/sandbox/index.ts';
import { getDocument } from '../../../electron/store/documents-repo.ts';
import { listJobs } from '../../../electron/store/jobs-repo.ts';
import { openStore } from '../../../electron/store/store.ts';
import { A4, LETTER, makePdf, qpdfEncrypt } from '../../fixtures/pdf/make-pdf.ts';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'openfax.mjs');
const run = promisify(execFile);
let sb: Sandbox;
let dir: string;
let dataDir: string;

beforeAll(async () => {
  sb = await startSandbox({ speed: 3000 });
});
afterAll(() => sb.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-cli-docs-'));
  dataDir = join(dir, 'data');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const envAccount = () => ({
  OPENFAX_ACCOUNT_ID: sb.demoAccount.accountId,
  OPENFAX_API_KEY: sb.demoAccount.apiKey,
  OPENFAX_API_URL: sb.url,
});

const cli = (args: string[], env: NodeJS.ProcessEnv = envAccount()) => runCliIn(dataDir, args, env);

function write(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The faxes the sandbox received from this test's jobs, by OutTransID. */
function received(): ReturnType<Sandbox['faxes']> {
  const store = openStore(dataDir);
  const ids = new Set(listJobs(store.db).map((j) => j.outTransId));
  store.close();
  return sb.faxes().filter((f) => ids.has(f.outTransId));
}

/** The PDF the outbox kept for the newest job: what it uploaded. */
function sentDocument(): Uint8Array {
  const store = openStore(dataDir);
  const job = listJobs(store.db)[0];
  const doc = job && getDocument(store.db, job.documentId);
  store.close();
  if (!doc) throw new Error('no job');
  return new Uint8Array(readFileSync(doc.spoolPath));
}

async function filledForm(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage(LETTER);
  const name = doc.getForm().createTextField('name');
  name.addToPage(page, { x: 72, y: 600, width: 300, height: 24 });
  name.setText('Jane Q. Sender');
  return doc.save();
}

describe('openfax send: encrypted PDFs, one rule', () => {
  it('refuses a PDF that needs a password before queueing anything, naming the file and the fix', async () => {
    const plain = write('plain.pdf', await makePdf());
    const locked = join(dir, 'statement.pdf');
    await qpdfEncrypt(plain, locked, 'secret');
    const before = sb.faxes().length;
    for (const files of [[locked], [plain, locked]]) {
      const r = await cli(['send', ...files, '--to', '212 555 0142', '--wait']);
      expect(r.code).toBe(EXIT.document);
      expect(r.err).toMatch(/statement\.pdf: The PDF is password-protected: it needs a password to open/);
      expect(r.err).toMatch(/Nothing was queued/);
      expect(r.err).toMatch(/print it to the Openfax printer/);
    }
    expect(sb.faxes().length).toBe(before);
  });

  it('faxes a PDF with only an owner password: the sandbox receives a PDF it counts the pages of', async () => {
    const plain = write('plain.pdf', await makePdf({ pages: ['Statement', 'Balance'], size: A4 }));
    const owner = join(dir, 'bank.pdf');
    await qpdfEncrypt(plain, owner, '');
    const r = await cli(['send', owner, '--to', '212 555 0142']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/bank\.pdf: it is protected by an owner password \(it opens without one\)/);
    const [fax] = received();
    expect(fax).toMatchObject({ pages: 2, paperSize: PAPER_SIZE_CODE.a4 });
    const sent = sentDocument();
    expect(fax?.pdfSha256).toBe(sha(sent));
    expect(await extractText(sent)).toMatch(/Statement[\s\S]*Balance/);
  });
});

describe('openfax send: forms and paper', () => {
  it('sends a filled form with its values drawn in, alone or merged', async () => {
    const form = write('application.pdf', await filledForm());
    const alone = await cli(['send', form, '--to', '212 555 0142']);
    expect(alone.code, alone.err).toBe(0);
    expect(alone.err).toMatch(/application\.pdf: its filled form fields are drawn into the pages/);
    const sent = sentDocument();
    expect(received().at(-1)?.pdfSha256).toBe(sha(sent));
    expect(await extractText(sent)).toContain('Jane Q. Sender');

    const annex = write('annex.pdf', await makePdf({ pages: ['annex'] }));
    const merged = await cli(['send', form, annex, '--to', '212 555 0142']);
    expect(merged.code, merged.err).toBe(0);
    const both = sentDocument();
    expect(received().at(-1)?.pdfSha256).toBe(sha(both));
    expect(await extractText(both)).toMatch(/Jane Q\. Sender[\s\S]*annex/);
  });

  it('sends the paper the pages are, names mixed sizes, and keeps a size the person chose', async () => {
    const a4 = write('a4.pdf', await makePdf({ pages: ['one', 'two'], size: A4 }));
    const plain = await cli(['send', a4, '--to', '212 555 0142']);
    expect(plain.code, plain.err).toBe(0);
    expect(plain.err).not.toMatch(/scaled/);
    expect(received().at(-1)?.paperSize).toBe(PAPER_SIZE_CODE.a4);

    const mixed = write('mixed.pdf', await makePdf({ pages: ['one', 'two', 'three'], size: [A4, A4, LETTER] }));
    const m = await cli(['send', mixed, '--to', '212 555 0142']);
    expect(m.err).toContain('Pages 1–2 are A4, page 3 is Letter; it will be sent as A4, other pages scaled to fit.');
    expect(received().at(-1)?.paperSize).toBe(PAPER_SIZE_CODE.a4);

    // The same pages to the same number again: the duplicate guard needs the yes.
    const chosen = await cli(['send', a4, '--to', '212 555 0142', '--paper', 'letter', '--allow-duplicate']);
    expect(chosen.err).toContain('The pages are A4; it will be sent as Letter, as chosen, scaled to fit.');
    expect(received().at(-1)?.paperSize).toBe(PAPER_SIZE_CODE.letter);
  });
});

describe('openfax send: wording and exit codes', () => {
  it('says each change of a fax once, and never ").)"', async () => {
    const pdf = write('memo.pdf', await makePdf({ pages: ['memo'] }));
    // A slow simulator: the report is read several times while the fax is with Openfax.
    const r = await cli(['send', pdf, '--to', '212 555 0142', '--wait', '--sandbox', '--sandbox-speed', '40'], {});
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/delivered/);
    expect(r.err.match(/Openfax accepted it/g)).toHaveLength(1);
    expect(`${r.out}${r.err}`).not.toMatch(/\)\.\)|\.\)\.|\.\./);
  });

  it('gives one exit code per kind of refusal, the same with one file or several', async () => {
    const good = write('good.pdf', await makePdf());
    const letter = write('letter.pdf', 'Dear Sir, this is a letter.');
    const cases: Array<[string[], number]> = [
      [['send', letter, '--to', '212 555 0142'], EXIT.document],
      [['send', good, letter, '--to', '212 555 0142'], EXIT.document],
      [['send', join(dir, 'missing.pdf'), '--to', '212 555 0142'], EXIT.document],
      [['send', good, join(dir, 'missing.pdf'), '--to', '212 555 0142'], EXIT.document],
      [['send', good, '--to', '12'], EXIT.usage],
      [['send', good, '--to', '212 555 0142', '--paper', 'a5'], EXIT.usage],
      [['retry', '99'], EXIT.usage],
    ];
    for (const [args, code] of cases) {
      const r = await cli(args);
      expect({ args: args.join(' '), code: r.code, err: r.err }).toMatchObject({ code });
      expect(r.err).not.toMatch(/\)\.\)|\.\)\./);
    }
    expect((await cli(['send', good, '--to', '212 555 0142'], {})).code).toBe(EXIT.account);
    const store = openStore(dataDir);
    expect(listJobs(store.db)).toEqual([]);
    store.close();
  });

  it('keeps pdf-lib’s parser notes off stderr (a real process sending an owner-password PDF)', { timeout: 30_000 }, async () => {
    const plain = write('plain.pdf', await makePdf({ pages: ['quiet'] }));
    const owner = join(dir, 'owner.pdf');
    await run('qpdf', ['--object-streams=generate', '--encrypt', '', 'owner-pw', '256', '--', plain, owner]);
    // pdf-lib's first parse of such a file is noisy: the objects it cannot read are ciphertext.
    const noisy = await run(process.execPath, [
      '--input-type=module',
      '-e',
      `import { PDFDocument } from 'pdf-lib'; import { readFileSync } from 'node:fs';
       await PDFDocument.load(readFileSync(${JSON.stringify(owner)}), { ignoreEncryption: true });`,
    ]);
    expect(`${noisy.stdout}${noisy.stderr}`).toMatch(/Trying to parse invalid object/);
    const res = await new Promise<{ code: number; out: string; err: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'send', owner, '--to', '212 555 0142', '--data-dir', dataDir], {
        env: { ...process.env, ...envAccount(), OPENFAX_LOG_LEVEL: '', OPENFAX_QUIET: '' },
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.on('exit', (code) => resolve({ code: code ?? -1, out, err }));
    });
    expect(res.code, res.err).toBe(0);
    expect(`${res.out}${res.err}`).not.toMatch(/Trying to parse|Invalid object ref/);
  });
});
