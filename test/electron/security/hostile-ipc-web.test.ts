// A hostile page on the browser host's WebSocket: the real host, router, handlers and services,
// driven by a client that sends what no well-behaved renderer would. It proves that every
// channel answers a payload outside its schema with the typed `invalid-payload` error (a small
// one, however big the payload), that frames which are not requests (not JSON, binary, over the
// size limit, a flood) close that socket or are answered without harm, that no built-in
// prototype gains a key, that nothing in the database, the data folder or the hot folder
// changed, and that the host still answers an ordinary request afterwards.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AppServices } from '../../../electron/app/services.ts';
import { setLogSink } from '../../../electron/core/logger.ts';
import { MAX_FRAME_BYTES, type WebHost } from '../../../electron/web/web-host.ts';
import { METHOD_NAMES, methods } from '../../../shared/ipc/contract.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { type DataSnapshot, prototypeIntruders, takeSnapshot } from './data-snapshot.ts';
import { HOSTILE_SEED, hostilePayload, overCapPayloads } from './hostile-payloads.ts';
import { startWebHarness, type WebHarness } from '../web/web-harness.ts';

const RUNS_PER_CHANNEL = 40;

let services: AppServices;
let web: WebHarness | undefined;
let host: WebHost;
let hotFolder: string;
let before: DataSnapshot;
const sockets: WebSocket[] = [];

type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string; issues?: unknown[] } };

/** A page's socket that can also send what a page never would; answers are matched by id. */
class Client {
  private nextId = 1;
  private readonly waiting = new Map<number, (a: Answer) => void>();
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly ws: WebSocket;
  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { id?: number; result?: Answer };
      if (typeof msg.id === 'number' && msg.result) this.waiting.get(msg.id)?.(msg.result);
    });
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
    // A socket the host closes mid-send (a frame over the limit) reports EPIPE or a reset here.
    ws.on('error', () => {});
  }
  static open(): Promise<Client> {
    const ws = new WebSocket(`${host.origin.replace('http:', 'ws:')}/ipc?token=${host.token}`, { origin: host.origin });
    sockets.push(ws);
    return new Promise((resolve, reject) => {
      const client = new Client(ws);
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }
  /** A request as the page sends it; `payload` goes through JSON exactly as a page's would. */
  request(method: string, payload?: unknown): Promise<Answer> {
    return this.requestFrame((id) => JSON.stringify({ id, method, payload }));
  }
  /** A request whose frame text the caller writes around the id. */
  requestFrame(frame: (id: number) => string): Promise<Answer> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.ws.send(frame(id));
    });
  }
}

function expectInvalidPayload(answer: Answer, method: string): void {
  expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringContaining(method) } });
  expect(answer.error?.issues?.length).toBeGreaterThan(0);
  // However large the payload, the refusal that names its problems stays small (it is also logged).
  expect(JSON.stringify(answer).length).toBeLessThan(16_000);
}

beforeAll(async () => {
  web = await startWebHarness('openfax-hostile-web-', {});
  ({ services, host } = web);
  hotFolder = services.hotfolder!.view().folder;
  // Something for an attack to change: a contact, a group, a setting, a document in Compose.
  const page = await Client.open();
  const pdf = Buffer.from(await makePdf({ pages: ['Kept'] })).toString('base64');
  for (const [method, payload] of [
    ['saveContact', { name: 'Ann O’Brien', fax: '+1 212 555 0100' }],
    ['saveGroup', { name: 'Clinic' }],
    ['updateSettings', { patch: { fromHeader: 'ACME' } }],
    ['addComposeFiles', { files: [{ name: 'kept.pdf', dataBase64: pdf }] }],
  ] as const) {
    const answer = await page.request(method, payload);
    expect(answer, method).toMatchObject({ ok: true });
    expect((answer.value as { ok?: boolean }).ok, method).not.toBe(false);
  }
  before = takeSnapshot(services.store.dbPath, [services.dataDir, hotFolder]);
}, 60_000);

afterAll(async () => {
  for (const ws of sockets) ws.terminate();
  await web?.close();
});

describe('every channel, over the WebSocket, refuses what its schema does not allow', () => {
  let page: Client;
  beforeAll(async () => {
    page = await Client.open();
  });

  it.each(METHOD_NAMES)('%s', async (method) => {
    await fc.assert(
      fc.asyncProperty(hostilePayload(methods[method].request, 'web'), async (payload) => {
        expectInvalidPayload(await page.request(method, payload), method);
      }),
      { seed: HOSTILE_SEED, numRuns: RUNS_PER_CHANNEL },
    );
  });
});

describe('refusals stay small however big the payload', () => {
  it('names a few problems, briefly, in the answer and in the log line', async () => {
    const page = await Client.open();
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    try {
      // A hundred thousand bad items, and an unknown key a megabyte long (zod quotes unknown keys).
      const many = await page.request('deleteContacts', { ids: Array.from({ length: 100_000 }, () => 'x') });
      const longKey = await page.request('importAnalyze', { importId: 'x', mapping: { ['k'.repeat(1_000_000)]: [] } });
      for (const [answer, method] of [
        [many, 'deleteContacts'],
        [longKey, 'importAnalyze'],
      ] as const) {
        expectInvalidPayload(answer, method);
        expect(answer.error?.issues?.length).toBeLessThanOrEqual(11);
      }
    } finally {
      setLogSink(undefined);
    }
    expect(lines.filter((l) => l.includes('invalid payload'))).toHaveLength(2);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(16_000);
  });
});

describe('frames that are not requests', () => {
  const request = JSON.stringify({ id: 1, method: 'getAppInfo' });
  const cases: Array<[string, (ws: WebSocket) => void, number]> = [
    ['a binary frame, even one holding a request', (ws) => ws.send(Buffer.from(request), { binary: true }), 1003],
    ['a binary frame of random bytes', (ws) => ws.send(Buffer.from([0xff, 0x00, 0xfe, 0x7b]), { binary: true }), 1003],
    ['a text frame that is not UTF-8', (ws) => ws.send(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), { binary: false }), 1007],
    ['text that is not JSON', (ws) => ws.send('{"id": 1, "method": '), 1007],
    ['NaN', (ws) => ws.send('NaN'), 1007],
    ['JSON null', (ws) => ws.send('null'), 1007],
    ['a JSON number', (ws) => ws.send('1'), 1007],
    ['a JSON array', (ws) => ws.send(`[${request}]`), 1007],
    ['a request with no id', (ws) => ws.send('{"method":"getAppInfo"}'), 1007],
    ['a request whose id is a string', (ws) => ws.send('{"id":"1","method":"getAppInfo"}'), 1007],
    ['a request whose id is not an integer', (ws) => ws.send('{"id":1.5,"method":"getAppInfo"}'), 1007],
    ['an id hidden behind __proto__', (ws) => ws.send('{"__proto__":{"id":1},"method":"getAppInfo"}'), 1007],
  ];

  it.each(cases)('closes the socket on %s, and the next page is answered', async (_name, send, code) => {
    const c = await Client.open();
    send(c.ws);
    expect((await c.closed).code).toBe(code);
    expect(await (await Client.open()).request('getAppInfo')).toMatchObject({ ok: true });
  });

  it('answers method names outside the contract, prototype names and non-strings included, with unknown-method', async () => {
    const page = await Client.open();
    const names = [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'deleteEverything',
      '',
      'getAppInfo ',
      'x'.repeat(100_000),
    ];
    for (const name of names) {
      const answer = await page.request(name);
      expect(answer, name.slice(0, 20)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
      expect(JSON.stringify(answer).length).toBeLessThan(1_000);
    }
    for (const method of ['{"toString":1,"valueOf":1}', 'null', '5', '["getAppInfo"]', '{"__proto__":"getAppInfo"}']) {
      const answer = await page.requestFrame((id) => `{"id":${id},"method":${method}}`);
      expect(answer, method).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    }
    expect(await page.request('getAppInfo')).toMatchObject({ ok: true });
  });

  it('takes the largest request the contract allows in one frame, and refuses a field one character over its cap', async () => {
    const page = await Client.open();
    const overCap = METHOD_NAMES.flatMap((method) => overCapPayloads(methods[method].request).map((c) => ({ method, ...c })));
    expect(overCap.map((c) => `${c.method} ${c.field}`)).toEqual(expect.arrayContaining(['addComposeFiles files.*.dataBase64']));
    for (const { method, field, payload } of overCap) {
      // The frame fits (the router answers, so the size limit is above every cap), and the cap holds.
      expectInvalidPayload(await page.request(method, payload), method);
      expect(field).toBeTruthy();
    }
    expect(MAX_FRAME_BYTES).toBeGreaterThan(Math.max(...overCap.map((c) => c.length)) + 64 * 1024);
  });

  it('closes a socket whose frame is over the size limit (1009), and keeps serving', async () => {
    const c = await Client.open();
    c.ws.send('x'.repeat(MAX_FRAME_BYTES + 1));
    expect((await c.closed).code).toBe(1009);
    expect(await (await Client.open()).request('getAppInfo')).toMatchObject({ ok: true });
  });

  it('answers every one of a flood of frames sent at once, and another page meanwhile', async () => {
    const flood = await Client.open();
    const other = await Client.open();
    const answers = Array.from({ length: 3_000 }, (_, i) =>
      i % 3 === 0
        ? flood.request('getAppInfo')
        : i % 3 === 1
          ? flood.request('deleteContacts', { ids: ['1'] })
          : flood.request('noSuchMethod', { i }),
    );
    const meanwhile = other.request('getSettings');
    const all = await Promise.all(answers);
    expect(all.filter((a) => a.ok)).toHaveLength(1_000);
    expect(all.filter((a) => a.error?.code === 'invalid-payload')).toHaveLength(1_000);
    expect(all.filter((a) => a.error?.code === 'unknown-method')).toHaveLength(1_000);
    expect(await meanwhile).toMatchObject({ ok: true });
  });

  it('opens no socket without the page token', async () => {
    const ws = new WebSocket(`${host.origin.replace('http:', 'ws:')}/ipc`, { origin: host.origin });
    const status = await new Promise<number | undefined>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode));
      ws.once('open', () => resolve(undefined));
      ws.on('error', () => {});
    });
    expect(status).toBe(403);
  });
});

describe('after the attacks', () => {
  it('changed nothing: the same rows, the same files in the data folder and the hot folder, no new prototype keys', () => {
    expect(takeSnapshot(services.store.dbPath, [services.dataDir, hotFolder])).toEqual(before);
    expect(prototypeIntruders()).toEqual([]);
  });

  it('still answers an ordinary request', async () => {
    expect(await (await Client.open()).request('listContacts', {})).toMatchObject({ ok: true, value: { total: 1 } });
  });
});
