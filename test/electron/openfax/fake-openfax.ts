// A tiny HTTP server for the client's unit tests: parses each multipart body with busboy (as
// PHP would fill $_POST), records what arrived, and answers whatever the test says.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import busboy from 'busboy';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Field names in the order they arrived. */
  order: string[];
  fields: Record<string, string>;
  /** Bytes of body actually received. */
  bodyBytes: number;
}

export type Answer = { status?: number; body?: string; headers?: Record<string, string> } | 'hang' | 'destroy';
export type Handler = (req: ReceivedRequest) => Answer | Promise<Answer>;

export interface FakeOpenfax {
  url: string;
  requests: ReceivedRequest[];
  handle(h: Handler): void;
  close(): Promise<void>;
}

export async function startFakeOpenfax(initial?: Handler): Promise<FakeOpenfax> {
  let handler: Handler = initial ?? (() => ({ body: '{"Response":"Success","OutTransID":"1"}' }));
  const requests: ReceivedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    const record: ReceivedRequest = {
      method: req.method ?? '',
      path: new URL(req.url ?? '/', 'http://x').pathname,
      headers: req.headers,
      order: [],
      fields: {},
      bodyBytes: 0,
    };
    requests.push(record);
    req.on('data', (c: Buffer) => {
      record.bodyBytes += c.length;
    });
    const respond = async () => {
      const answer = await handler(record);
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      if (answer === 'destroy') {
        req.socket.destroy();
        return;
      }
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body ?? '');
    };
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('multipart/form-data')) {
      req.resume();
      req.on('end', () => void respond());
      return;
    }
    const bb = busboy({ headers: req.headers, limits: { fieldSize: Number.POSITIVE_INFINITY, fields: 100 } });
    bb.on('field', (name, value) => {
      record.order.push(name);
      record.fields[name] = value;
    });
    bb.on('close', () => void respond());
    bb.on('error', () => {
      res.writeHead(400);
      res.end('bad multipart');
    });
    req.pipe(bb);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle: (h) => {
      handler = h;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function json(body: unknown, status = 200): Answer {
  return { status, body: JSON.stringify(body) };
}
