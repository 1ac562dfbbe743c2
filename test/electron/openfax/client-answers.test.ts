import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaxOptions } from '../../../shared/domain.ts';
import { SUBMIT_ERRORS } from '../../../shared/vendor-codes.ts';
import { createOpenfaxClient, type OpenfaxClient, type Result } from '../../../electron/openfax/client.ts';
import { type Answer, type FakeOpenfax, json, startFakeOpenfax } from './fake-openfax.ts';

process.env.OPENFAX_QUIET = '1';
const KEY = 'live-9Qz7Rk2Xw8Vb4Nm6';
const OPTIONS: FaxOptions = { toHeader: 'To', fromHeader: 'From', paperSize: 'letter', resolution: 'standard', priority: 'Normal' };
let dir: string;
let pdfPath: string;
let server: FakeOpenfax;
let client: OpenfaxClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-answers-'));
  pdfPath = join(dir, 'a.pdf');
  writeFileSync(pdfPath, `%PDF-1.4\n${'x'.repeat(5000)}`);
  server = await startFakeOpenfax();
  client = createOpenfaxClient({ accountId: '123456789', apiKey: KEY, baseUrl: server.url });
});
afterEach(() => {
  server.requests.length = 0;
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function submitWith(answer: Answer, extra: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  server.handle(() => answer);
  const c = extra.timeoutMs
    ? createOpenfaxClient({ accountId: '123456789', apiKey: KEY, baseUrl: server.url }, { timeoutMs: () => extra.timeoutMs ?? 0 })
    : client;
  return c.submitFax({ pdfPath, faxNumber: '12025551212', options: OPTIONS, signal: extra.signal });
}

function errorOf<T>(r: Result<T>) {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
}

describe('documented submit answers', () => {
  it.each(
    SUBMIT_ERRORS.flatMap((e) =>
      [e.response, ...e.aliases, e.response.toUpperCase(), e.response.toLowerCase()].map((r) => [r, e] as const),
    ),
  )('%s maps to its kind, words and retry advice', async (response, info) => {
    const error = errorOf(await submitWith(json({ Response: response })));
    expect(error).toMatchObject({ kind: info.kind, code: response, message: info.plain, action: info.action, retryable: info.retryable });
  });

  it('never retries auth or validation answers; retries a plain Failed', async () => {
    expect(errorOf(await submitWith(json({ Response: 'InvalidAuthentication' }))).retryable).toBe(false);
    expect(errorOf(await submitWith(json({ Response: 'InvalidFaxNumberLength' }))).retryable).toBe(false);
    expect(errorOf(await submitWith(json({ Response: 'Failed' }))).retryable).toBe(true);
  });

  it('keeps an unknown answer verbatim with the key removed, and does not retry it', async () => {
    const body = `{"Response":"QuotaExceeded","Detail":"key ${KEY} over quota"}`;
    const error = errorOf(await submitWith({ body }));
    expect(error).toMatchObject({ kind: 'unknown-response', code: 'QuotaExceeded', retryable: false });
    expect(error.raw).toBe('{"Response":"QuotaExceeded","Detail":"key [redacted] over quota"}');
    expect(error.message).toContain('QuotaExceeded');
  });

  it('treats Success without a usable OutTransID as unknown (the fax may be queued; do not resend)', async () => {
    expect(errorOf(await submitWith(json({ Response: 'Success' })))).toMatchObject({ kind: 'unknown-response', retryable: false });
    expect(errorOf(await submitWith(json({ Response: 'Success', OutTransID: 'INT' })))).toMatchObject({ kind: 'unknown-response' });
    expect(errorOf(await submitWith(json({ Status: 'ok' })))).toMatchObject({ kind: 'unknown-response' });
  });
});

describe('transport failures', () => {
  it('empty body and a PHP warning page are retryable bad responses, kept verbatim', async () => {
    expect(errorOf(await submitWith({ body: '' }))).toMatchObject({ kind: 'bad-response', retryable: true });
    const page =
      '<br />\n<b>Warning</b>: mysqli_connect(): (HY000/2002): Connection refused in <b>/var/www/db.php</b> on line <b>4</b><br />';
    expect(errorOf(await submitWith({ body: page, headers: { 'content-type': 'text/html' } }))).toMatchObject({
      kind: 'bad-response',
      retryable: true,
      raw: page,
    });
  });

  it.each([
    [500, true],
    [502, true],
    [503, true],
    [408, true],
    [429, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
  ])('HTTP %i is an http error, retryable: %s', async (status, retryable) => {
    const error = errorOf(await submitWith({ status, body: '<html>oops</html>' }));
    expect(error).toMatchObject({ kind: 'http', code: String(status), retryable });
  });

  it('a documented answer wins over the HTTP status it came with', async () => {
    expect(errorOf(await submitWith(json({ Response: 'InvalidAuthentication' }, 401)))).toMatchObject({ kind: 'auth', retryable: false });
  });

  it('does not follow a redirect with the fax in hand', async () => {
    const error = errorOf(await submitWith({ status: 301, headers: { location: 'https://elsewhere.example/' }, body: '' }));
    expect(error).toMatchObject({ kind: 'http', code: '301', retryable: false });
    expect(error.message).toContain('https://elsewhere.example/');
  });

  it('a dropped connection is a retryable network error', async () => {
    expect(errorOf(await submitWith('destroy'))).toMatchObject({ kind: 'network', retryable: true });
  });

  it('a refused connection is a retryable network error', async () => {
    const port = await freePort();
    const c = createOpenfaxClient({ accountId: '1', apiKey: KEY, baseUrl: `http://127.0.0.1:${port}` });
    const error = errorOf(await c.getCredit());
    expect(error).toMatchObject({ kind: 'network', code: 'ECONNREFUSED', retryable: true });
    expect(error.message).toMatch(/refused/);
  });

  it('a server that never answers times out, retryably, within the limit given', async () => {
    const started = Date.now();
    const error = errorOf(await submitWith('hang', { timeoutMs: 300 }));
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('sizes the default time limit by the upload', async () => {
    const { defaultTimeoutMs } = await import('../../../electron/openfax/transport.ts');
    expect(defaultTimeoutMs(0)).toBe(60_000);
    expect(defaultTimeoutMs(70_000_000)).toBe(760_000);
  });

  it('an abort while waiting is canceled, not retryable', async () => {
    const controller = new AbortController();
    // Aborted once the server has the whole request and is sitting on its answer.
    server.handle(() => {
      queueMicrotask(() => controller.abort());
      return 'hang';
    });
    const result = await client.submitFax({ pdfPath, faxNumber: '12025551212', options: OPTIONS, signal: controller.signal });
    expect(server.requests).toHaveLength(1);
    expect(errorOf(result)).toMatchObject({ kind: 'canceled', retryable: false });
  });

  it('an abort during the upload stops it', async () => {
    const big = join(dir, 'big.pdf');
    writeFileSync(big, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(8_000_000, 7)]));
    const controller = new AbortController();
    server.handle(() => json({ Response: 'Success', OutTransID: '1' }));
    const result = await client.submitFax({
      pdfPath: big,
      faxNumber: '12025551212',
      options: OPTIONS,
      signal: controller.signal,
      onProgress: (sent) => {
        if (sent > 1_000_000) controller.abort();
      },
    });
    expect(errorOf(result)).toMatchObject({ kind: 'canceled' });
  });

  it('an already aborted signal sends nothing', async () => {
    const result = await submitWith(json({ Response: 'Success', OutTransID: '1' }), { signal: AbortSignal.abort() });
    expect(errorOf(result).kind).toBe('canceled');
    expect(server.requests).toHaveLength(0);
  });
});

describe('getCredit', () => {
  it.each([
    ['[{"AvailableCredit":8956.6637749994}]', 8956.6637749994],
    ['{"AvailableCredit":12.5}', 12.5],
    ['[{"AccountBalance":"40.25"}]', 40.25],
    ['[{"availablecredit":"-3"}]', -3],
  ])('reads %s', async (body, value) => {
    server.handle(() => ({ body }));
    expect(await client.getCredit()).toEqual({ ok: true, value });
    expect(server.requests[0].path).toBe('/getAvailableCredit.php');
    expect(server.requests[0].order).toEqual(['AccountID', 'APIKey']);
  });

  it('maps an error answer as for submit, and an unreadable one as unknown', async () => {
    server.handle(() => json({ Response: 'InvalidAuthentication' }));
    expect(errorOf(await client.getCredit())).toMatchObject({ kind: 'auth', retryable: false });
    server.handle(() => json([{ Balance: 'lots' }]));
    expect(errorOf(await client.getCredit())).toMatchObject({ kind: 'unknown-response', raw: '[{"Balance":"lots"}]' });
    server.handle(() => json([{ AvailableCredit: 'n/a' }]));
    expect(errorOf(await client.getCredit()).kind).toBe('unknown-response');
  });
});

describe('the API key never leaks', () => {
  it('appears in no error, raw answer or log line we can provoke', async () => {
    const { setLogSink } = await import('../../../electron/core/logger.ts');
    const lines: string[] = [];
    setLogSink((l) => lines.push(l));
    const echo = `{"Response":"Weird","echo":"${KEY}","q":"APIKey=${encodeURIComponent(KEY)}"}`;
    const errors: unknown[] = [];
    try {
      for (const answer of [
        { body: echo },
        { body: `<b>Warning</b> APIKey=${KEY} invalid` },
        { status: 500, body: `fatal: ${KEY}` },
        { status: 403, body: `{"APIKey":"${KEY}"}` },
        json({ Response: 'InvalidAuthentication', key: KEY }),
        json({ Response: 'Success', OutTransID: KEY }),
        'destroy' as const,
      ]) {
        errors.push(await submitWith(answer));
        server.handle(() => answer);
        errors.push(await client.getCredit());
        errors.push(await client.getReportPage({ fromDate: '2024-01-01', toDate: '2024-01-31', detail: true }));
      }
      errors.push(await submitWith('hang', { timeoutMs: 100 }));
    } finally {
      setLogSink(undefined);
    }
    expect(errors.every((e) => (e as { ok: boolean }).ok === false)).toBe(true);
    const text = JSON.stringify(errors) + lines.join('\n');
    expect(text).toContain('[redacted]');
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(encodeURIComponent(KEY));
    expect(lines.length).toBeGreaterThan(0);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
