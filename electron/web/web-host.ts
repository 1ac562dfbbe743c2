// The browser host: the real handler table behind a WebSocket, and the built renderer as
// static files, on loopback only. A random token in the page URL and an Origin check keep
// other local pages and processes out.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { createLogger } from '../core/logger.ts';
import { pagePolicy, type RendererFile, rendererFileAt, rendererPolicies } from '../core/renderer-files.ts';
import { DOCX_RESPONSE_HEADERS, type OneTimeDocuments } from '../merge/convert/builtin-documents.ts';
import { DOCX_PRINT_DOC_PREFIX } from '../../shared/docx-print.ts';
import type { IpcRouter } from '../app/ipc-router.ts';
import type { EventBus } from '../core/event-bus.ts';
import { createEventGate, type EventGate } from '../core/event-gate.ts';
import { readRequestFrame } from './request-frame.ts';

const log = createLogger('web-host');

/**
 * The largest WebSocket frame: one request carrying a document at the contract's cap (50 MB
 * of PDF is about 70 MiB of base64), with room for its envelope. The page sends one document
 * per request; anything bigger closes the socket (1009) before it is buffered.
 */
export const MAX_FRAME_BYTES = 80 * 1024 * 1024;

export interface WebHostOptions {
  router: IpcRouter;
  events: EventBus;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Largest WebSocket message accepted (PDF bytes from a browser drop arrive this way). */
  maxPayloadBytes?: number;
  /**
   * The built-in DOCX converter (web/docx-print.ts): its page is this host's own, and the
   * documents it prints are served here under their one-time paths.
   */
  docxPrint?: { documents: OneTimeDocuments; attach(origin: string): void };
}

export interface WebHost {
  url: string;
  origin: string;
  token: string;
  /**
   * Resolves once a page listens (it called `rendererReady`). An event sent before any page is
   * connected has no gate to wait in, so a test that makes one (a file dropped in the hot
   * folder) waits for this first.
   */
  whenListening(): Promise<void>;
  close(): Promise<void>;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The request's path, decoded; undefined when it is malformed (`%E0%A4%A`), which is the client's fault. */
function requestPath(req: IncomingMessage): string | undefined {
  try {
    return decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    return undefined;
  }
}

function serveStatic(root: string, policyOf: (file: RendererFile) => string | undefined, req: IncomingMessage, res: ServerResponse): void {
  const pathname = requestPath(req);
  if (pathname === undefined || pathname.includes('\0')) {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request');
    return;
  }
  // The app:// scheme's own rule (core/renderer-files.ts): only regular files inside the folder, of the kinds the renderer ships.
  const file = rendererFileAt(root, pathname);
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  const csp = policyOf(file);
  res.writeHead(200, {
    'Content-Type': file.contentType,
    // As on app://: a worker takes its policy from its script's response, not the page's meta tag.
    ...(csp ? { 'Content-Security-Policy': csp } : {}),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  });
  createReadStream(file.path)
    .on('error', () => res.destroy())
    .pipe(res);
}

/**
 * A one-time document of the built-in converter, answered once to its page's own fetch; true when
 * the request was one (answered, or refused with a 404). A request from another site (a page
 * open in the person's browser) is refused without using the document up, though it could not
 * know the name.
 */
function serveDocxPrintDocument(documents: OneTimeDocuments | undefined, req: IncomingMessage, res: ServerResponse): boolean {
  const pathname = URL.parse(req.url ?? '/', 'http://x')?.pathname;
  if (!documents || !pathname?.startsWith(DOCX_PRINT_DOC_PREFIX)) return false;
  const site = req.headers['sec-fetch-site'];
  const bytes = req.method === 'GET' && (site === undefined || site === 'same-origin') ? documents.take(pathname) : undefined;
  if (!bytes) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return true;
  }
  res.writeHead(200, { ...DOCX_RESPONSE_HEADERS, 'Content-Length': String(bytes.byteLength), 'Referrer-Policy': 'no-referrer' }).end(bytes);
  return true;
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const root = resolve(opts.rendererDir);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`The renderer is not built (${join(root, 'index.html')} is missing). Run \`npm run build\` first.`);
  }
  const policy = pagePolicy(readFileSync(join(root, 'index.html'), 'utf8'));
  const pagePolicyOf = rendererPolicies(root);
  const policyOf = (file: RendererFile) => pagePolicyOf(file) ?? policy;
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (serveDocxPrintDocument(opts.docxPrint?.documents, req, res)) return;
    serveStatic(root, policyOf, req, res);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  opts.docxPrint?.attach(`http://127.0.0.1:${port}`);
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayloadBytes ?? MAX_FRAME_BYTES });
  // Each page gets the events sent while it loads once it says it listens (core/event-gate.ts).
  const sockets = new Map<WebSocket, EventGate>();
  const listening = Promise.withResolvers<void>();

  server.on('upgrade', (req, socket, head) => {
    const url = URL.parse(req.url ?? '/', 'http://x');
    const origin = req.headers.origin ?? '';
    if (url?.pathname !== '/ipc' || !origins.has(origin) || !sameToken(url.searchParams.get('token') ?? '', token)) {
      log.warn(`refused a WebSocket from origin ${JSON.stringify(origin)}`);
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });

  const unsubscribe = opts.events.subscribe((event, payload) => {
    for (const gate of sockets.values()) gate.send(event, payload);
  });

  wss.on('connection', (ws) => {
    sockets.set(
      ws,
      createEventGate((event, payload) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
      }),
    );
    ws.on('close', () => sockets.delete(ws));
    // ws reports a frame it cannot take (over the size limit, invalid UTF-8, a bad opcode) as an
    // 'error' and closes the socket itself; with no listener that error would end the process.
    ws.on('error', (err) => log.warn(`closed a WebSocket after a bad frame: ${err.message}`));
    ws.on('message', (data, isBinary) => {
      const frame = readRequestFrame(data, isBinary);
      if (!frame.ok) {
        log.warn(`closed a WebSocket: ${frame.reason}`);
        ws.close(frame.close, frame.reason);
        return;
      }
      answer(ws, frame.id, frame.method, frame.payload).catch((err: unknown) => log.error(`no answer to ${frame.method}`, err));
    });
  });

  /** Dispatches one request and sends its envelope (the router answers every failure as a typed error). */
  async function answer(ws: WebSocket, id: number, method: string, payload: unknown): Promise<void> {
    const result = await opts.router.dispatch(method, payload, {
      transport: 'web',
      rendererReady: () => {
        const held = sockets.get(ws)?.open() ?? 0;
        listening.resolve();
        return held;
      },
    });
    if (ws.readyState !== ws.OPEN) return;
    try {
      ws.send(JSON.stringify({ id, result }));
    } catch (err) {
      log.error(`could not send the answer to ${method}`, err);
      ws.send(JSON.stringify({ id, result: { ok: false, error: { code: 'internal', message: `Something went wrong (${method}).` } } }));
    }
  }

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    origin: `http://127.0.0.1:${port}`,
    token,
    whenListening: () => listening.promise,
    async close() {
      unsubscribe();
      for (const ws of sockets.keys()) ws.terminate();
      wss.close();
      // server.close() waits for every open connection; the page's keep-alive ones are ended
      // here at once, or closing would wait on a browser that is still open.
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections();
      await closed;
    },
  };
}
