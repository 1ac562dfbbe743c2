import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FaxOptions, MAX_PDF_BYTES } from '../../../shared/domain.ts';
import { createOpenfaxClient, type OpenfaxClient } from '../../../electron/openfax/client.ts';
import { type FakeOpenfax, json, startFakeOpenfax } from './fake-openfax.ts';

process.env.OPENFAX_QUIET = '1';

const KEY = 'sk-Test+Key/With=Odd&Chars-9f8e7d';
const OPTIONS: FaxOptions = { toHeader: 'My Customer', fromHeader: 'My Company"', paperSize: 'a4', resolution: 'fine', priority: 'Low' };
let dir: string;
let server: FakeOpenfax;
let client: OpenfaxClient;

function pdf(name: string, size: number): { path: string; bytes: Buffer } {
  const head = Buffer.from('%PDF-1.7\n');
  const bytes = Buffer.concat([head, randomBytes(Math.max(0, size - head.length))]).subarray(0, size);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { path, bytes };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-client-'));
  server = await startFakeOpenfax();
  client = createOpenfaxClient({ accountId: '123456789', apiKey: KEY, baseUrl: server.url });
});
afterEach(() => {
  server.requests.length = 0;
  server.handle(() => json({ Response: 'Success', OutTransID: '1' }));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ['node:http', undefined],
  ['an injected fetch', fetch],
] as const)('submitFax request body through %s', (_name, injectedFetch) => {
  const submit = (req: Parameters<OpenfaxClient['submitFax']>[0]) =>
    (injectedFetch
      ? createOpenfaxClient({ accountId: '123456789', apiKey: KEY, baseUrl: server.url }, { fetch: injectedFetch })
      : client
    ).submitFax(req);

  // Sizes around the 3-byte and 48 KiB chunk boundaries, where base64 pieces must join cleanly.
  it.each([10, 11, 12, 3 * 16 * 1024, 3 * 16 * 1024 + 1, 2 * 3 * 16 * 1024 + 2, 400_001])(
    'sends every documented field, and PDF_encode decodes to the exact %i-byte file',
    async (size) => {
      const file = pdf(`f${size}.pdf`, size);
      server.handle(() => json({ Response: 'Success', OutTransID: '779029' }));
      const result = await submit({ pdfPath: file.path, faxNumber: '+1 (202) 555-1212', options: OPTIONS });
      expect(result).toEqual({ ok: true, value: { outTransId: '779029', faxNumber: '12025551212' } });
      expect(server.requests).toHaveLength(1);
      const req = server.requests[0];
      expect(req.path).toBe('/faxSendSubmit.php');
      expect(req.method).toBe('POST');
      expect(req.order).toEqual([
        'AccountID',
        'APIKey',
        'FaxNumber',
        'toHeader',
        'frHeader',
        'fromHeader',
        'paperSize',
        'faxResolution',
        'Priority',
        'PDF_encode',
      ]);
      expect(req.fields).toMatchObject({
        AccountID: '123456789',
        APIKey: KEY,
        FaxNumber: '12025551212',
        toHeader: 'My Customer',
        frHeader: 'My Company"',
        fromHeader: 'My Company"',
        paperSize: '2',
        faxResolution: '1',
        Priority: 'Low',
      });
      expect(req.fields.PDF_encode).toHaveLength(4 * Math.ceil(size / 3));
      expect(Buffer.from(req.fields.PDF_encode, 'base64').equals(file.bytes)).toBe(true);
      expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
      expect(req.headers['transfer-encoding']).toBeUndefined();
      expect(Number(req.headers['content-length'])).toBe(req.bodyBytes);
    },
  );

  it('reports progress up to the exact body length', async () => {
    const file = pdf('progress.pdf', 300_000);
    const seen: Array<[number, number]> = [];
    const result = await submit({
      pdfPath: file.path,
      faxNumber: '212 555 0100',
      options: OPTIONS,
      onProgress: (sent, total) => seen.push([sent, total]),
    });
    expect(result.ok).toBe(true);
    const total = Number(server.requests[0].headers['content-length']);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.at(-1)).toEqual([total, total]);
    for (let i = 1; i < seen.length; i++) expect(seen[i][0]).toBeGreaterThan(seen[i - 1][0]);
  });

  it('accepts OutTransID as a number, and "success" in any case', async () => {
    const file = pdf('n.pdf', 100);
    server.handle(() => ({ body: '{"response":"SUCCESS","OutTransID":42}' }));
    expect(await client.submitFax({ pdfPath: file.path, faxNumber: '12025551212', options: OPTIONS })).toEqual({
      ok: true,
      value: { outTransId: '42', faxNumber: '12025551212' },
    });
  });

  it('reads a success printed after a PHP notice, so a retry never faxes twice', async () => {
    const file = pdf('notice.pdf', 100);
    server.handle(() => ({
      body: '<br />\n<b>Notice</b>:  Undefined index: fromHeader in <b>/var/www/faxSendSubmit.php</b> on line <b>12</b><br />\n{"Response":"Success","OutTransID":"55"}',
    }));
    const result = await client.submitFax({ pdfPath: file.path, faxNumber: '12025551212', options: OPTIONS });
    expect(result).toMatchObject({ ok: true, value: { outTransId: '55' } });
  });

  it('fails the fax as a file problem when the file shrinks while it is being sent', async () => {
    const file = pdf('shrinks.pdf', 2_000_000);
    let truncated = false;
    const result = await submit({
      pdfPath: file.path,
      faxNumber: '12025551212',
      options: OPTIONS,
      onProgress: () => {
        if (!truncated) truncateSync(file.path, 1000);
        truncated = true;
      },
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation', field: 'file', retryable: false } });
    if (!result.ok) expect(result.error.message).toMatch(/changed while it was being sent/);
  });
});

describe('bad input: specific message, nothing sent', () => {
  async function rejected(pdfPath: string, faxNumber: string, options: Partial<FaxOptions> | Record<string, unknown> = {}) {
    const result = await client.submitFax({ pdfPath, faxNumber, options: { ...OPTIONS, ...options } as FaxOptions });
    expect(server.requests).toHaveLength(0);
    expect(result.ok).toBe(false);
    if (result.ok) throw new Error('unreachable');
    expect(result.error.kind).toBe('validation');
    expect(result.error.retryable).toBe(false);
    expect(result.error.action).toMatch(/nothing was sent/);
    return result.error;
  }

  it('zero-byte file', async () => {
    const path = join(dir, 'empty.pdf');
    writeFileSync(path, '');
    expect(await rejected(path, '12025551212')).toMatchObject({ field: 'file', message: expect.stringMatching(/empty \(0 bytes\)/) });
  });

  it('a non-PDF renamed .pdf', async () => {
    const path = join(dir, 'photo.pdf');
    writeFileSync(path, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]));
    expect(await rejected(path, '12025551212')).toMatchObject({
      field: 'file',
      message: expect.stringMatching(/not a PDF \(it looks like a JPEG image\)/),
    });
  });

  it('50 MB + 1 byte', async () => {
    const path = join(dir, 'huge.pdf');
    writeFileSync(path, '%PDF-1.4\n');
    truncateSync(path, MAX_PDF_BYTES + 1); // sparse: quick and takes no disk
    expect(await rejected(path, '12025551212')).toMatchObject({ field: 'file', message: expect.stringMatching(/1 byte over .* 50 MB/) });
  });

  it('a missing file', async () => {
    expect(await rejected(join(dir, 'nope.pdf'), '12025551212')).toMatchObject({
      field: 'file',
      message: expect.stringMatching(/does not exist/),
    });
  });

  it('a header of 16 characters', async () => {
    const file = pdf('ok.pdf', 100);
    expect(await rejected(file.path, '12025551212', { toHeader: 'ABCDEFGHIJKLMNOP' })).toMatchObject({
      field: 'toHeader',
      message: 'The To header is 16 characters, 1 over the limit of 15: shorten it by 1 character.',
    });
  });

  it('an emoji in a header', async () => {
    const file = pdf('ok.pdf', 100);
    expect(await rejected(file.path, '12025551212', { fromHeader: 'Acme 📠 Ltd' })).toMatchObject({
      field: 'fromHeader',
      message: expect.stringMatching(/^The emoji '📠' at position 6 of the From header is not allowed/),
    });
  });

  it("Priority 'normal'", async () => {
    const file = pdf('ok.pdf', 100);
    expect(await rejected(file.path, '12025551212', { priority: 'normal' })).toMatchObject({
      field: 'priority',
      message: expect.stringMatching(/must be written exactly 'Normal'/),
    });
  });

  it('a number with letters', async () => {
    const file = pdf('ok.pdf', 100);
    expect(await rejected(file.path, '1-800-FAX-NOW1')).toMatchObject({
      field: 'faxNumber',
      message: expect.stringMatching(/'F' at position 7 is a letter/),
    });
  });

  it('a bad paper size or resolution', async () => {
    const file = pdf('ok.pdf', 100);
    expect(await rejected(file.path, '12025551212', { paperSize: 'tabloid' })).toMatchObject({ field: 'paperSize' });
    expect(await rejected(file.path, '12025551212', { resolution: 'ultra' })).toMatchObject({ field: 'resolution' });
  });

  it('credentials and server address', async () => {
    const file = pdf('ok.pdf', 100);
    const send = (creds: { accountId: string; apiKey: string; baseUrl: string }) =>
      createOpenfaxClient(creds).submitFax({ pdfPath: file.path, faxNumber: '12025551212', options: OPTIONS });
    expect(await send({ accountId: '', apiKey: KEY, baseUrl: server.url })).toMatchObject({ ok: false, error: { field: 'accountId' } });
    expect(await send({ accountId: '1', apiKey: '', baseUrl: server.url })).toMatchObject({ ok: false, error: { field: 'apiKey' } });
    const plainHttp = await send({ accountId: '1', apiKey: KEY, baseUrl: 'http://api.openfax.com' });
    expect(plainHttp).toMatchObject({ ok: false, error: { field: 'baseUrl', message: expect.stringMatching(/https:\/\//) } });
    expect(await send({ accountId: '1', apiKey: KEY, baseUrl: 'not a url' })).toMatchObject({ ok: false, error: { field: 'baseUrl' } });
    expect(server.requests).toHaveLength(0);
  });
});
