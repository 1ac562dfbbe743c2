// The sandbox's limits, over real sockets: a body of tiny fields is refused after the first
// thousand and costs less CPU than a fax of the same size; a client that sends its headers
// slowly, or nothing, is closed by the server within its (test-short) timeout; connections past
// the cap are closed at once; headers and bodies past their caps get Apache's 431 and 413. After
// each, the sandbox still accepts a normal fax, and none of the refused requests became one.

import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../../electron/sandbox/index.ts';
import { makePdf, submitFields } from './helpers.ts';

const SUBMIT = '/faxSendSubmit.php';
const URLENCODED = 'application/x-www-form-urlencoded';
const BOUNDARY = 'limits-test-boundary';
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

async function start(opts: SandboxOptions = {}): Promise<Sandbox> {
  sb = await startSandbox({ speed: 1000, ...opts });
  return sb;
}

interface Answer {
  status: number;
  text: string;
}

/** One POST of a prepared body (nothing is built while the CPU is being measured). */
function post(url: string, body: Buffer, type: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${SUBMIT}`, { method: 'POST', headers: { 'content-type': type, 'content-length': body.length } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The least CPU (this process: client and sandbox both) one request took over a few tries, and its answer. */
async function cpuOf(send: () => Promise<Answer>, tries = 3): Promise<{ ms: number; answer: Answer }> {
  let best = Number.POSITIVE_INFINITY;
  let answer: Answer | undefined;
  for (let i = 0; i < tries; i++) {
    const before = process.cpuUsage();
    answer = await send();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return { ms: best, answer: answer! };
}

const urlencodedFields = (n: number, value: string) => Buffer.from(Array.from({ length: n }, (_, i) => `f${i}=${value}`).join('&'));

const multipartFields = (n: number, value: string) =>
  Buffer.from(
    `${Array.from({ length: n }, (_, i) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\n${value}\r\n`).join('')}--${BOUNDARY}--\r\n`,
  );

/** A valid one-page fax whose urlencoded submission is about `bytes` long (an incompressible stream pads it). */
async function faxBodyOfSize(bytes: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([612, 792]).drawText('Padded', { x: 50, y: 700 });
  doc.context.register(doc.context.stream(randomBytes(Math.max(0, Math.floor((bytes * 3) / 4) - 2000))));
  return Buffer.from(new URLSearchParams(submitFields(await doc.save())).toString());
}

/** A raw socket and everything the server wrote to it, with its 'close' as the signal. */
function rawSocket(port: number): { socket: Socket; received: () => string; closed: Promise<void> } {
  const socket = connect(port, '127.0.0.1');
  const parts: Buffer[] = [];
  socket.on('data', (c: Buffer) => parts.push(c));
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, received: () => Buffer.concat(parts).toString('latin1'), closed };
}

async function expectNormalSend(s: Sandbox): Promise<void> {
  const body = Buffer.from(new URLSearchParams(submitFields(await makePdf(1))).toString());
  const answer = await post(s.url, body, URLENCODED);
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.text)).toMatchObject({ Response: 'Success' });
}

describe('sandbox server limits', () => {
  it('refuses 20 000 tiny fields with a 413, for less CPU than a fax as large costs', async () => {
    const s = await start();
    for (const [type, body] of [
      [URLENCODED, urlencodedFields(20_000, '1')],
      [MULTIPART, multipartFields(20_000, '1')],
      // The review's case: 20 MB of tiny fields (it cost 8.5 s of CPU).
      [URLENCODED, Buffer.from('f=1&'.repeat(5_000_000))],
      [MULTIPART, multipartFields(400_000, '')],
    ] as const) {
      const fax = await faxBodyOfSize(body.length);
      // The least CPU of several tries each: a small body costs about 25 ms, where one GC or a
      // neighbour's burst is as much again.
      const tries = body.length < 1e6 ? 9 : 3;
      const normal = await cpuOf(() => post(s.url, fax, URLENCODED), tries);
      expect(JSON.parse(normal.answer.text)).toMatchObject({ Response: 'Success' });
      const refused = await cpuOf(() => post(s.url, body, type), tries);
      expect(refused.answer.status, type).toBe(413);
      expect(refused.answer.text).toContain('<title>413 Request Entity Too Large</title>');
      const what = `${type.split(';')[0]}, ${(body.length / 1e6).toFixed(1)} MB: refused in ${refused.ms} ms of CPU, a fax as large took ${normal.ms} ms`;
      expect(refused.ms / normal.ms, what).toBeLessThan(1);
    }
    const accepted = s.faxes().length;
    await expectNormalSend(s);
    expect(s.faxes()).toHaveLength(accepted + 1);
  });

  it('keeps a thousand fields (what PHP reads) and refuses the next', async () => {
    const s = await start();
    const fields = submitFields(await makePdf(1));
    const padded = (n: number) => {
      const extra = Object.fromEntries(Array.from({ length: n - Object.keys(fields).length }, (_, i) => [`x${i}`, '1']));
      return Buffer.from(new URLSearchParams({ ...extra, ...fields }).toString());
    };
    expect(JSON.parse((await post(s.url, padded(1000), URLENCODED)).text)).toMatchObject({ Response: 'Success' });
    expect((await post(s.url, padded(1001), URLENCODED)).status).toBe(413);
    expect(s.faxes()).toHaveLength(1);
  });

  it('closes a socket that sends its headers slowly, or nothing, within the headers timeout', async () => {
    const s = await start({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 1_000, timeoutCheckMs: 50, idleTimeoutMs: 400 } });
    const slow = rawSocket(s.port);
    slow.socket.write(`POST ${SUBMIT} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
    // A byte every 100 ms: never idle long enough for the idle timeout, only the headers timeout ends it.
    const drip = setInterval(() => slow.socket.write('X'), 100);
    const silent = rawSocket(s.port);
    try {
      await slow.closed;
      expect(slow.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(slow.received()).toContain('<title>408 Request Timeout</title>');
      await silent.closed;
    } finally {
      clearInterval(drip);
    }
    await expectNormalSend(s);
  }, 10_000);

  it('closes connections past the cap at once, and serves again when one goes', async () => {
    const s = await start({ limits: { maxConnections: 3, keepAliveTimeoutMs: 20_000 } });
    const held = [rawSocket(s.port), rawSocket(s.port), rawSocket(s.port)];
    // Each proves the server took it: a whole answer on a connection it keeps alive.
    for (const h of held) h.socket.write(`GET /getAvailableCredit.php HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    await vi.waitFor(() => {
      for (const h of held) expect(h.received()).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*InvalidAuthentication/);
    });
    const extra = rawSocket(s.port);
    extra.socket.write(`GET /getAvailableCredit.php HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    await extra.closed;
    expect(extra.received()).toBe('');

    held[0]!.socket.end();
    await held[0]!.closed;
    // The server counts the socket gone a moment after the client sees it close.
    await vi.waitFor(() => expectNormalSend(s));
    for (const h of held) h.socket.destroy();
  });

  it('answers 431 to headers past their cap, 400 to a garbled request and 413 to a body past its cap, unread', async () => {
    const s = await start({ limits: { maxBodyBytes: 1_000_000 } });
    const big = rawSocket(s.port);
    big.socket.write(`GET /getAvailableCredit.php HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`);
    await big.closed;
    expect(big.received()).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    const garbled = rawSocket(s.port);
    garbled.socket.write('NOT AN HTTP REQUEST\r\n\r\n');
    await garbled.closed;
    expect(garbled.received()).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n[\s\S]*<title>400 Bad Request<\/title>/);

    // Headers only: the declared length alone is refused, before a byte of the body is sent.
    const declared = rawSocket(s.port);
    declared.socket.write(`POST ${SUBMIT} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${URLENCODED}\r\nContent-Length: 5000000\r\n\r\n`);
    await vi.waitFor(() => expect(declared.received()).toMatch(/^HTTP\/1\.1 413 Request Entity Too Large\r\n[\s\S]*Connection: close/i));
    await declared.closed;

    // Chunked, so no length is declared: refused once the bytes pass the cap, then closed.
    const chunked = rawSocket(s.port);
    chunked.socket.write(`POST ${SUBMIT} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${URLENCODED}\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const chunk = Buffer.from(`${(256 * 1024).toString(16)}\r\n${'a'.repeat(256 * 1024)}\r\n`);
    const pump = setInterval(() => chunked.socket.writable && chunked.socket.write(chunk), 5);
    try {
      await chunked.closed;
    } finally {
      clearInterval(pump);
    }
    expect(s.faxes()).toEqual([]);
    await expectNormalSend(s);
  });
});
