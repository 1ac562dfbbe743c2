// The HTTP face of the sandbox: loopback only, routes by path like Apache in front of PHP
// scripts (any method; the body is read whatever it is), faults applied around the handler.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { type Faults, HTTP_500_BODY, malform } from './faults.ts';
import { readRequestFields } from './request-fields.ts';
import { ROUTES, type RouteContext } from './routes.ts';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const NOT_FOUND_BODY = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>404 Not Found</title>
</head><body>
<h1>Not Found</h1>
<p>The requested URL was not found on this server.</p>
</body></html>
`;

function send(res: ServerResponse, status: number, body: string): void {
  // A bare PHP script answers text/html whatever it prints; clients must not rely on a JSON type.
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=UTF-8',
    'Content-Length': Buffer.byteLength(body),
    'X-Openfax-Sandbox': '1',
  });
  res.end(body);
}

export async function startServer(opts: {
  port: number;
  host: string;
  ctx: RouteContext;
  faults: Faults;
  tmpDir: string;
}): Promise<RunningServer> {
  const { ctx, faults } = opts;
  const active = new Set<Promise<void>>();
  const closing = new AbortController();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
    const route = ROUTES[path];
    if (!route) {
      req.resume();
      send(res, 404, NOT_FOUND_BODY);
      return;
    }
    const fault = faults.decide(path);
    if (fault) ctx.log.debug('fault injected', { path, kind: fault.kind });
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    const fields = await readRequestFields(req, opts.tmpDir);
    try {
      if (fields.aborted) {
        // The client went away mid-body: PHP would never have run the script.
        res.destroy();
        return;
      }
      if (fault?.kind === 'http500') {
        send(res, 500, HTTP_500_BODY);
        return;
      }
      const body = await route(ctx, fields);
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

  const server = createServer((req, res) => {
    const p = handle(req, res)
      .catch((e) => {
        ctx.log.error('request failed', e);
        if (!res.headersSent) send(res, 500, HTTP_500_BODY);
        else res.destroy();
      })
      .finally(() => active.delete(p));
    active.add(p);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host}:${port}`,
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
