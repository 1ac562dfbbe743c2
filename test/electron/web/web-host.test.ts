// The browser host's WebSocket door, knocked on with the `ws` client, which (unlike a browser)
// can send any Origin or none. The page's token from one of our own origins opens it; a wrong
// token, a foreign page, and a caller with no Origin at all (a local process, not a page) are
// refused before the upgrade: the code accepts only the two origins it serves the page from.

import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WebHost } from '../../../electron/web/web-host.ts';
import { startWebHarness, type WebHarness } from './web-harness.ts';

let web: WebHarness | undefined;
let host: WebHost | undefined;
const open: WebSocket[] = [];

beforeAll(async () => {
  web = await startWebHarness('openfax-web-host-');
  host = web.host;
});
afterAll(async () => {
  for (const ws of open) ws.terminate();
  await web?.close();
});

type Knock = { opened: true; ws: WebSocket } | { opened: false; status: number | undefined };

/** Opens /ipc with `token` and, when given, an Origin header; says whether the upgrade happened. */
function knock(token: string | undefined, origin: string | undefined): Promise<Knock> {
  if (!host) throw new Error('no host');
  const url = `${host.origin.replace('http:', 'ws:')}/ipc${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;
  // `ws` sends an Origin header only when told to.
  const ws = new WebSocket(url, origin === undefined ? {} : { origin });
  return new Promise((resolve) => {
    ws.on('error', () => resolve({ opened: false, status: undefined }));
    ws.once('open', () => {
      open.push(ws);
      resolve({ opened: true, ws });
    });
    ws.once('unexpected-response', (req, res) => {
      resolve({ opened: false, status: res.statusCode });
      req.destroy();
    });
  });
}

/** One request over an open socket, answered through the real router and handlers. */
function call(ws: WebSocket, method: string): Promise<unknown> {
  return new Promise((resolve) => {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { id?: number; result?: unknown };
      if (msg.id === 1) resolve(msg.result);
    });
    ws.send(JSON.stringify({ id: 1, method }));
  });
}

describe('browser host WebSocket', () => {
  it('opens for the page token from either of its own origins, and answers through the router', async () => {
    if (!host) throw new Error('no host');
    const port = new URL(host.origin).port;
    for (const origin of [host.origin, `http://localhost:${port}`]) {
      const r = await knock(host.token, origin);
      expect(r.opened, origin).toBe(true);
      if (!r.opened) continue;
      expect(await call(r.ws, 'getAppInfo')).toMatchObject({ ok: true, value: { name: 'Openfax Desktop', transport: 'web' } });
    }
  });

  it('refuses a wrong or missing token from its own origin', async () => {
    if (!host) throw new Error('no host');
    const sameLength = host.token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    for (const token of ['wrong', sameLength, '', undefined]) {
      expect(await knock(token, host.origin), String(token)).toEqual({ opened: false, status: 403 });
    }
  });

  it('refuses the right token from a foreign origin', async () => {
    if (!host) throw new Error('no host');
    const port = new URL(host.origin).port;
    // Another site, a look-alike port, a file:// page or sandboxed frame (Origin: null).
    for (const origin of ['http://evil.example', `http://127.0.0.1:${Number(port) + 1}`, `https://127.0.0.1:${port}`, 'null']) {
      expect(await knock(host.token, origin), origin).toEqual({ opened: false, status: 403 });
    }
  });

  it('refuses the right token with no Origin header: only the page it serves may connect', async () => {
    if (!host) throw new Error('no host');
    expect(await knock(host.token, undefined)).toEqual({ opened: false, status: 403 });
  });
});

describe('browser host HTTP', () => {
  /** A raw request line, so malformed paths reach the server exactly as written. */
  function rawGet(path: string): Promise<number> {
    if (!host) throw new Error('no host');
    const { port } = new URL(host.origin);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
      let head = '';
      socket.on('data', (d) => (head += d));
      socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1])));
      socket.on('error', reject);
    });
  }

  it('answers a malformed path with 400 and keeps serving', async () => {
    expect(await rawGet('/%E0%A4%A')).toBe(400);
    expect(await rawGet('/%')).toBe(400);
    expect(await rawGet('/a%00b')).toBe(400);
    expect(await rawGet('/../../etc/passwd')).toBe(404);
    expect(await rawGet('/')).toBe(200);
  });
});
