// The HTTP face of the sandbox: loopback only, routes by path like Apache in front of PHP
// scripts (any method; the body is read whatever it is), faults applied around the handler.
// Every request and client is held to server-limits.ts: a refusal is Apache's error page with
// its status, and the server goes on serving everyone else.

import { createServer, type IncomingMessage, STATUS_CODES, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { BAD_REQUEST_PAGE, HEADERS_TOO_LARGE_PAGE, NOT_FOUND_PAGE, TIMEOUT_PAGE, TOO_LARGE_PAGE } from './error-pages.ts';
import { type FaxImages, faxImageToken } from './fax-images.ts';
import { type Faults, HTTP_500_BODY, malform } from './faults.ts';
import { readRequestFields } from './request-fields.ts';
import { ROUTES, type RouteContext } from './routes.ts';
import type { ServerLimits } from './server-limits.ts';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const HTML = 'text/html; charset=UTF-8';

/** Apache's reason phrase where Node's differs (Node says "Payload Too Large"). */
const APACHE_REASON: Partial<Record<number, string>> = { 413: 'Request Entity Too Large' };

function send(res: ServerResponse, status: number, body: string, opts: { close?: boolean } = {}): void {
  // A bare PHP script answers text/html whatever it prints; clients must not rely on a JSON type.
  res.writeHead(status, APACHE_REASON[status] ?? STATUS_CODES[status] ?? '', {
    'Content-Type': HTML,
    'Content-Length': Buffer.byteLength(body),
    'X-Openfax-Sandbox': '1',
    ...(opts.close ? { Connection: 'close' } : {}),
  });
  res.end(body);
}

/** A request Node's parser refused before any handler saw it: the status and page Apache would give. */
function clientErrorAnswer(code: string | undefined): { status: string; body: string } {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: '431 Request Header Fields Too Large', body: HEADERS_TOO_LARGE_PAGE };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: '408 Request Timeout', body: TIMEOUT_PAGE };
  return { status: '400 Bad Request', body: BAD_REQUEST_PAGE };
}

function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  // Node's own rule for when a response can still be written: nothing of one has gone yet.
  const pending = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code !== 'ECONNRESET' && socket.writable && !pending?.headersSent) {
    const { status, body } = clientErrorAnswer(err.code);
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: ${HTML}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Openfax-Sandbox: 1\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroySoon();
}

/** A fax image, as Apache serves a static file: its bytes, or the 404 page for a name it does not have. */
async function serveImage(images: FaxImages, req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
  req.resume();
  const tiff = await images.read(token);
  if (!tiff) return send(res, 404, NOT_FOUND_PAGE);
  res.writeHead(200, { 'Content-Type': 'image/tiff', 'Content-Length': tiff.byteLength, 'X-Openfax-Sandbox': '1' });
  res.end(req.method === 'HEAD' ? undefined : tiff);
}

export async function startServer(opts: {
  port: number;
  host: string;
  ctx: RouteContext;
  faults: Faults;
  tmpDir: string;
  limits: ServerLimits;
}): Promise<RunningServer> {
  const { ctx, faults, limits } = opts;
  const active = new Set<Promise<void>>();
  const closing = new AbortController();

  let origin = '';

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
    const image = faxImageToken(path);
    if (image !== undefined && (req.method === 'GET' || req.method === 'HEAD')) return serveImage(ctx.images, req, res, image);
    const route = ROUTES[path];
    if (!route) {
      req.resume();
      send(res, 404, NOT_FOUND_PAGE);
      return;
    }
    const fault = faults.decide(path);
    if (fault) ctx.log.debug('fault injected', { path, kind: fault.kind });
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    const fields = await readRequestFields(req, opts.tmpDir, limits);
    try {
      if (fields.aborted) {
        // The client went away mid-body: PHP would never have run the script.
        res.destroy();
        return;
      }
      if (fields.refused) {
        ctx.log.info('request refused', { path, limit: fields.refused });
        // `close`: Node drops the socket once the page is out, with whatever body was left unread.
        send(res, 413, TOO_LARGE_PAGE, { close: true });
        return;
      }
      if (fault?.kind === 'http500') {
        send(res, 500, HTTP_500_BODY);
        return;
      }
      const body = await route(ctx, fields, origin);
      if (fault?.kind === 'drop-after-accept') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'latency') await delay(fault.latencyMs, undefined, { signal: closing.signal }).catch(() => {});
      send(res, 200, fault?.kind === 'malformed' ? malform(body, fault.variant, path) : body);
    } finally {
      await fields.dispose();
    }
  };

  const server = createServer(
    {
      maxHeaderSize: limits.maxHeaderBytes,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckMs,
    },
    (req, res) => {
      const p = handle(req, res)
        .catch((e) => {
          ctx.log.error('request failed', e);
          if (!res.headersSent) send(res, 500, HTTP_500_BODY);
          else res.destroy();
        })
        .finally(() => active.delete(p));
      active.add(p);
    },
  );
  server.maxConnections = limits.maxConnections;
  // A silent socket is closed (Node destroys it when the server has no 'timeout' listener).
  server.timeout = limits.idleTimeoutMs;
  server.on('clientError', answerClientError);
  server.on('drop', () => ctx.log.warn(`refused a connection: ${limits.maxConnections} are open`));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${opts.host}:${port}`;
  return {
    url: origin,
    port,
    async close() {
      closing.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await Promise.allSettled([...active]);
      await closed;
    },
  };
}
