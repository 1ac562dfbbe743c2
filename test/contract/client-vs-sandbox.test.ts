// The contract suite: our Openfax client against the sandbox, over real HTTP on loopback.
// Every documented answer, every validation rule, report paging past 1000 rows, and each kind
// of injected fault reported as the kind it is (retryable ones succeed when retried).

import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaxOptions, MAX_PDF_BYTES, PAPER_SIZE_CODE, RESOLUTION_CODE } from '../../shared/domain.ts';
import { normalizeFaxNumber } from '../../shared/fax-rules.ts';
import { SUBMIT_ERRORS } from '../../shared/vendor-codes.ts';
import { readSubmitAnswer } from '../../electron/openfax/answers.ts';
import { createOpenfaxClient, type OpenfaxClient, type OpenfaxError, type Result } from '../../electron/openfax/client.ts';
import { multipartBody } from '../../electron/openfax/multipart-body.ts';
import { postMultipart } from '../../electron/openfax/transport.ts';
import { MAGIC_NUMBERS, type Sandbox, startSandbox } from '../../electron/sandbox/index.ts';

process.env.OPENFAX_QUIET = '1';

const MAIN = { accountId: '200000001', apiKey: 'contract-main-key-7Yx2', credit: 100_000 };
const PAGING = { accountId: '200000002', apiKey: 'contract-paging-key-3Wq9', credit: 100_000 };
const INACTIVE = { accountId: '200000003', apiKey: 'contract-inactive-key-5Hd1', credit: 100, active: false };
const BROKE = { accountId: '200000004', apiKey: 'contract-broke-key-8Lm4', credit: 0 };
const FAULTS = { accountId: '200000005', apiKey: 'contract-faults-key-2Pz6', credit: 100_000 };
const OPTIONS: FaxOptions = {
  toHeader: 'Contract To',
  fromHeader: 'Contract From',
  paperSize: 'legal',
  resolution: 'fine',
  priority: 'Low',
};
const NUMBER = '+1 (202) 555-0199';

let sandbox: Sandbox;
let dir: string;
let pdfPath: string;
let pdfBytes: Buffer;

function clientFor(account: { accountId: string; apiKey: string }, deps?: Parameters<typeof createOpenfaxClient>[1]): OpenfaxClient {
  return createOpenfaxClient({ accountId: account.accountId, apiKey: account.apiKey, baseUrl: sandbox.url }, deps);
}

function errorOf(r: Result<unknown>): OpenfaxError {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
}

function utcDate(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function twoPagePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([612, 1008]).drawText('Contract page 1', { x: 72, y: 900 });
  doc.addPage([612, 1008]).drawText('Contract page 2', { x: 72, y: 900 });
  return Buffer.from(await doc.save());
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-contract-'));
  pdfBytes = await twoPagePdf();
  pdfPath = join(dir, 'two-pages.pdf');
  writeFileSync(pdfPath, pdfBytes);
  sandbox = await startSandbox({ speed: 1_000_000, accounts: [MAIN, PAGING, INACTIVE, BROKE, FAULTS] });
});
afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('documented answers', () => {
  it('Success: the sandbox logs exactly what the client sent', async () => {
    const result = await clientFor(MAIN).submitFax({ pdfPath, faxNumber: NUMBER, options: OPTIONS });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.faxNumber).toBe('12025550199');
    const fax = sandbox.faxes().find((f) => f.outTransId === result.value.outTransId);
    expect(fax).toMatchObject({
      accountId: MAIN.accountId,
      faxNumber: '12025550199',
      toHeader: OPTIONS.toHeader,
      fromHeader: OPTIONS.fromHeader,
      // The page's table says frHeader, its PHP sample fromHeader: the client sends both.
      fromHeaderFields: ['frHeader', 'fromHeader'],
      paperSize: PAPER_SIZE_CODE.legal,
      resolution: RESOLUTION_CODE.fine,
      priority: 'Low',
      pages: 2,
      pdfSha256: createHash('sha256').update(pdfBytes).digest('hex'),
    });
  });

  it.each([
    ['the table’s frHeader alone', { frHeader: 'Table name' }, 'Table name', ['frHeader']],
    ['the sample’s fromHeader alone', { fromHeader: 'Sample name' }, 'Sample name', ['fromHeader']],
    ['both (the table’s name is read)', { frHeader: 'Table name', fromHeader: 'Sample name' }, 'Table name', ['frHeader', 'fromHeader']],
    ['neither', {}, '', []],
  ])('the sandbox reads the From header from %s and records which names came', async (_what, names, read, recorded) => {
    const fields: Array<[string, string]> = [
      ['AccountID', MAIN.accountId],
      ['APIKey', MAIN.apiKey],
      ['FaxNumber', '12025550199'],
      ['toHeader', 'To'],
      ...(Object.entries(names) as Array<[string, string]>),
      ['paperSize', '0'],
      ['faxResolution', '0'],
      ['Priority', 'Normal'],
    ];
    const handle = await open(pdfPath);
    try {
      const body = multipartBody(fields, { name: 'PDF_encode', handle, size: (await handle.stat()).size });
      const answer = await postMultipart(new URL('/faxSendSubmit.php', sandbox.url), body, { timeoutMs: 10_000 });
      if (!('status' in answer)) throw new Error('no answer from the sandbox');
      const accepted = readSubmitAnswer(answer);
      if (!accepted.ok) throw new Error(accepted.error.message);
      const fax = sandbox.faxes().find((f) => f.outTransId === accepted.value.outTransId);
      expect(fax).toMatchObject({ fromHeader: read, fromHeaderFields: recorded });
    } finally {
      await handle.close();
    }
  });

  it('every number format people type is accepted by the sandbox as the digits we normalised', async () => {
    const client = clientFor(MAIN);
    for (const typed of [
      '+1 (202) 555-1212',
      '202.555.1212',
      '1-202-555-1212',
      '+44 20 7946 0000',
      '011 44 20 7946 0000',
      '+86 10 6944 5000',
    ]) {
      const result = await client.submitFax({ pdfPath, faxNumber: typed, options: OPTIONS });
      expect(result, typed).toMatchObject({ ok: true });
      if (!result.ok) continue;
      const expected = normalizeFaxNumber(typed);
      expect(expected.ok && expected.value.digits).toBe(result.value.faxNumber);
      expect(sandbox.faxes().find((f) => f.outTransId === result.value.outTransId)?.faxNumber).toBe(result.value.faxNumber);
    }
  });

  it('InvalidAuthentication for a wrong key or account, on every endpoint, never retryable', async () => {
    for (const bad of [
      { accountId: MAIN.accountId, apiKey: 'wrong-key-0000' },
      { accountId: '999999999', apiKey: MAIN.apiKey },
    ]) {
      const client = clientFor(bad);
      const query = { fromDate: utcDate(-1), toDate: utcDate(1), detail: true };
      for (const r of [
        await client.submitFax({ pdfPath, faxNumber: NUMBER, options: OPTIONS }),
        await client.getCredit(),
        await client.getReportPage(query),
        await client.getReport(query),
      ]) {
        expect(errorOf(r)).toMatchObject({ kind: 'auth', code: 'InvalidAuthentication', retryable: false });
      }
    }
  });

  it('AccountInactive for a deactivated account and for one without credit', async () => {
    for (const account of [INACTIVE, BROKE]) {
      const error = errorOf(await clientFor(account).submitFax({ pdfPath, faxNumber: NUMBER, options: OPTIONS }));
      expect(error).toMatchObject({ kind: 'inactive', code: 'AccountInactive', retryable: false });
    }
  });

  it('RestrictedFaxNumber for the restricted magic number', async () => {
    const restricted = MAGIC_NUMBERS.find((m) => /restricted/i.test(m.outcome));
    expect(restricted).toBeDefined();
    const error = errorOf(await clientFor(MAIN).submitFax({ pdfPath, faxNumber: restricted?.example ?? '', options: OPTIONS }));
    expect(error).toMatchObject({ kind: 'restricted', code: 'RestrictedFaxNumber', retryable: false });
  });

  // Our validation stops these before they are sent, so the client can never provoke them. The
  // answers still come from the real sandbox, through the client's own transport and reader.
  it.each([
    ['InvalidFaxNumberLength', { FaxNumber: '+12025551212' }],
    ['InvalidFaxResolution', { faxResolution: '2' }],
    ['InvalidPapersize', { paperSize: 'A4' }],
    ['InvalidPriority', { Priority: 'normal' }],
    ['Failed', { PDF_encode: Buffer.from('not a pdf at all').toString('base64') }],
  ])('%s, reached by a request our validation would never send', async (response, override) => {
    const fields: Record<string, string> = {
      AccountID: MAIN.accountId,
      APIKey: MAIN.apiKey,
      FaxNumber: '12025550199',
      toHeader: 'To',
      frHeader: 'From',
      paperSize: '0',
      faxResolution: '0',
      Priority: 'Normal',
      PDF_encode: pdfBytes.toString('base64'),
      ...override,
    };
    const { PDF_encode, ...plain } = fields;
    const file = join(dir, `raw-${response}.bin`);
    writeFileSync(file, Buffer.from(PDF_encode, 'base64'));
    const handle = await open(file);
    try {
      const body = multipartBody(Object.entries(plain), { name: 'PDF_encode', handle, size: (await handle.stat()).size });
      const answer = await postMultipart(new URL('/faxSendSubmit.php', sandbox.url), body, { timeoutMs: 10_000 });
      expect('status' in answer).toBe(true);
      if (!('status' in answer)) return;
      const info = SUBMIT_ERRORS.find((e) => e.response === response);
      expect(errorOf(readSubmitAnswer(answer))).toMatchObject({ kind: info?.kind, code: response, retryable: info?.retryable });
    } finally {
      await handle.close();
    }
  });

  it('credit: the balance the sandbox holds, less what faxes cost once they finish', async () => {
    const client = clientFor(MAIN);
    await sandbox.settle();
    const before = await client.getCredit();
    expect(before).toEqual({ ok: true, value: sandbox.getCredit(MAIN.accountId) });
    const sent = await client.submitFax({ pdfPath, faxNumber: NUMBER, options: OPTIONS });
    expect(sent.ok).toBe(true);
    await sandbox.settle();
    const after = await client.getCredit();
    expect(after).toEqual({ ok: true, value: sandbox.getCredit(MAIN.accountId) });
    if (before.ok && after.ok) expect(after.value).toBeLessThan(before.value);
  });
});

describe('every validation rule: its own message, nothing sent', () => {
  let requests = 0;
  const counting: typeof fetch = (input, init) => {
    requests++;
    return fetch(input, init);
  };

  it.each([
    ['faxNumber', 'letters', { faxNumber: '1-800-FAX-NOW1' }, /'F' at position 7 is a letter/],
    ['faxNumber', 'too short', { faxNumber: '555-1212' }, /7 digits is too short/],
    ['faxNumber', 'too long', { faxNumber: '1 202 555 01999' }, /too many/],
    ['faxNumber', 'bad area code', { faxNumber: '055 555 1212' }, /Area code 055/],
    ['faxNumber', 'invalid abroad', { faxNumber: '+44 20 7946 000' }, /not a valid number for \+44/],
    ['toHeader', '16 characters', { toHeader: 'ABCDEFGHIJKLMNOP' }, /16 characters, 1 over the limit of 15/],
    ['fromHeader', 'an emoji', { fromHeader: 'Hi 😀' }, /The emoji '😀' at position 4/],
    ['fromHeader', 'an accent', { fromHeader: 'Café' }, /'é' at position 4/],
    ['paperSize', 'unknown size', { paperSize: 'A3' }, /Paper size 'A3'/],
    ['resolution', 'unknown resolution', { resolution: 'superfine' }, /Resolution 'superfine'/],
    ['priority', "'normal'", { priority: 'normal' }, /exactly 'Normal'/],
    ['file', 'zero bytes', { file: 'empty' }, /empty \(0 bytes\)/],
    ['file', 'a non-PDF renamed .pdf', { file: 'png' }, /not a PDF \(it looks like a PNG image\)/],
    ['file', '50 MB + 1 byte', { file: 'huge' }, /1 byte over Openfax's limit of 50 MB/],
    ['file', 'a missing file', { file: 'missing' }, /does not exist/],
  ] as const)('%s: %s', async (field, _what, change, message) => {
    const files: Record<string, () => string> = {
      empty: () => {
        const p = join(dir, 'empty.pdf');
        writeFileSync(p, '');
        return p;
      },
      png: () => {
        const p = join(dir, 'image.pdf');
        writeFileSync(p, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
        return p;
      },
      huge: () => {
        const p = join(dir, 'huge.pdf');
        writeFileSync(p, '%PDF-1.4\n');
        truncateSync(p, MAX_PDF_BYTES + 1);
        return p;
      },
      missing: () => join(dir, 'missing.pdf'),
    };
    const c = change as Record<string, string>;
    const before = sandbox.faxes().length;
    requests = 0;
    const result = await clientFor(MAIN, { fetch: counting }).submitFax({
      pdfPath: c.file ? files[c.file]() : pdfPath,
      faxNumber: c.faxNumber ?? NUMBER,
      options: { ...OPTIONS, ...c } as FaxOptions,
    });
    expect(errorOf(result)).toMatchObject({ kind: 'validation', field, retryable: false, message: expect.stringMatching(message) });
    expect(requests).toBe(0);
    expect(sandbox.faxes().length).toBe(before);
  });

  it('the counting fetch does count: a valid fax is one request', async () => {
    requests = 0;
    expect((await clientFor(MAIN, { fetch: counting }).submitFax({ pdfPath, faxNumber: NUMBER, options: OPTIONS })).ok).toBe(true);
    expect(requests).toBe(1);
  });
});

describe('report paging', () => {
  const noAnswer = MAGIC_NUMBERS.find((m) => /no answer/i.test(m.outcome))?.example ?? '';
  let submitted: string[] = [];

  beforeAll(async () => {
    // Each no-answer fax is dialled three times: three detail rows apiece, 1020 in all.
    const client = clientFor(PAGING);
    const ids: string[] = [];
    for (let batch = 0; batch < 17; batch++) {
      const results = await Promise.all(
        Array.from({ length: 20 }, () => client.submitFax({ pdfPath, faxNumber: noAnswer, options: OPTIONS })),
      );
      for (const r of results) {
        if (!r.ok) throw new Error(`setup submit failed: ${r.error.message}`);
        ids.push(r.value.outTransId);
      }
    }
    submitted = ids;
    await sandbox.settle();
  }, 120_000);

  it('reads every detail row across pages of 1000, by LastHistoryID', async () => {
    let calls = 0;
    const counting: typeof fetch = (input, init) => {
      calls++;
      return fetch(input, init);
    };
    const result = await clientFor(PAGING, { fetch: counting }).getReport({ fromDate: utcDate(-1), toDate: utcDate(1), detail: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const faxes = sandbox.faxes().filter((f) => f.accountId === PAGING.accountId);
    const expectedRows = faxes.reduce((n, f) => n + f.attempts, 0);
    expect(expectedRows).toBeGreaterThan(1000);
    expect(result.value).toHaveLength(expectedRows);
    expect(calls).toBe(Math.floor(expectedRows / 1000) + 1);
    expect(new Set(result.value.map((r) => r.historyId)).size).toBe(expectedRows);
    expect(new Set(result.value.map((r) => r.outTransId))).toEqual(new Set(submitted));
    for (const fax of faxes) {
      const rows = result.value.filter((r) => r.outTransId === fax.outTransId);
      expect(rows.map((r) => r.retryCount)).toHaveLength(fax.attempts);
      expect(rows.every((r) => r.lastStatus === 1 && r.faxNumber === fax.faxNumber && r.pageCount === 2)).toBe(true);
    }
  });

  it('small pages give the same rows; summary gives one final row per fax', async () => {
    const client = clientFor(PAGING);
    const q = { fromDate: utcDate(-1), toDate: utcDate(1) };
    const big = await client.getReport({ ...q, detail: true });
    const small = await client.getReport({ ...q, detail: true, limit: 97 });
    expect(small.ok && big.ok && small.value.map((r) => r.historyId)).toEqual(big.ok && big.value.map((r) => r.historyId));
    const summary = await client.getReport({ ...q, detail: false });
    expect(summary.ok).toBe(true);
    if (!summary.ok) return;
    expect(summary.value).toHaveLength(submitted.length);
    expect(summary.value.every((r) => r.currentState === 9 && r.lastStatus === 1)).toBe(true);
  });
});

describe('faults: reported as their kind, retryable ones succeed when retried', () => {
  const client = () => clientFor(FAULTS);
  afterAll(() => sandbox.setFaults(undefined));

  it('HTTP 500 is a retryable http error and creates no fax', async () => {
    sandbox.setFaults({ rate: 1, kinds: ['http500'] });
    const before = sandbox.faxes().length;
    expect(errorOf(await client().submitFax({ pdfPath, faxNumber: NUMBER, options: OPTIONS }))).toMatchObject({
      kind: 'http',
      code: '500',
      retryable: true,
    });
    expect(errorOf(await client().getCredit())).toMatchObject({ kind: 'http', retryable: true });
    expect(sandbox.faxes().length).toBe(before);
  });

  it('a dropped connection is a retryable network error', async () => {
    sandbox.setFaults({ rate: 1, kinds: ['drop'] });
    expect(errorOf(await client().getCredit())).toMatchObject({ kind: 'network', retryable: true });
    expect(errorOf(await client().submitFax({ pdfPath, faxNumber: NUMBER, options: OPTIONS }))).toMatchObject({
      kind: 'network',
      retryable: true,
    });
  });

  it('a connection dropped after the fax was accepted is retryable, and the fax exists (the outbox must reconcile)', async () => {
    sandbox.setFaults({ rate: 1, kinds: ['drop-after-accept'], paths: ['/faxSendSubmit.php'] });
    const before = sandbox.faxes().length;
    expect(errorOf(await client().submitFax({ pdfPath, faxNumber: NUMBER, options: OPTIONS }))).toMatchObject({ kind: 'network' });
    expect(sandbox.faxes().length).toBe(before + 1);
  });

  it('malformed answers: a PHP warning before the JSON is read through; JSON cut short is a retryable bad response', async () => {
    sandbox.setFaults({ rate: 1, kinds: ['malformed'], seed: 7 });
    const kinds = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const r = await client().getCredit();
      if (r.ok) {
        expect(r.value).toBe(sandbox.getCredit(FAULTS.accountId));
        kinds.add('ok');
      } else {
        expect(r.error).toMatchObject({ kind: 'bad-response', retryable: true });
        kinds.add(r.error.kind);
      }
    }
    expect(kinds).toEqual(new Set(['ok', 'bad-response']));
  });

  it('latency beyond the time limit is a retryable timeout; within it, a success', async () => {
    sandbox.setFaults({ rate: 1, kinds: ['latency'], latencyMs: 600 });
    const impatient = clientFor(FAULTS, { timeoutMs: () => 150 });
    expect(errorOf(await impatient.getCredit())).toMatchObject({ kind: 'timeout', retryable: true });
    expect(await client().getCredit()).toMatchObject({ ok: true });
  });

  it('with half of all requests failing, retrying the retryable ones gets every call through', async () => {
    sandbox.setFaults({ rate: 0.5, kinds: ['http500', 'drop', 'malformed'], seed: 42 });
    const seen = new Set<string>();
    async function retried<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
      for (let attempt = 1; ; attempt++) {
        const r = await call();
        if (r.ok || !r.error.retryable || attempt === 10) return r;
        seen.add(r.error.kind);
      }
    }
    const c = client();
    const q = { fromDate: utcDate(-1), toDate: utcDate(1), detail: true };
    for (let i = 0; i < 6; i++) {
      expect(await retried(() => c.getCredit())).toMatchObject({ ok: true });
      expect(await retried(() => c.getReport(q))).toMatchObject({ ok: true });
      expect(await retried(() => c.submitFax({ pdfPath, faxNumber: NUMBER, options: OPTIONS }))).toMatchObject({ ok: true });
    }
    expect([...seen].every((k) => ['http', 'network', 'bad-response'].includes(k))).toBe(true);
    expect(seen.size).toBeGreaterThanOrEqual(2);
    // A bad credential stays reported, however often it is retried.
    expect(errorOf(await retried(() => clientFor({ ...FAULTS, apiKey: 'wrong-key-0000' }).getCredit())).retryable).toBe(false);
  });

  it('no error from any fault carries the API key', async () => {
    const errors: unknown[] = [];
    for (const kinds of [['http500'], ['drop'], ['malformed'], ['latency']] as const) {
      sandbox.setFaults({ rate: 1, kinds: [...kinds], latencyMs: 300, seed: 3 });
      const c = clientFor(FAULTS, { timeoutMs: () => 100 });
      errors.push(await c.getCredit(), await c.submitFax({ pdfPath, faxNumber: NUMBER, options: OPTIONS }));
    }
    expect(JSON.stringify(errors)).not.toContain(FAULTS.apiKey);
  });
});
