// A stand-in for an Openfax server on loopback that records every request it gets (path and
// raw body) and answers the credit question like Openfax, or refuses the credentials. Tests
// use it as "the address the person typed" to prove what reached which server.

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  path: string;
  /** The multipart body as text: the fields (AccountID, APIKey, …) are in it verbatim. */
  body: string;
}

export interface OpenfaxStandIn {
  url: string;
  requests: CapturedRequest[];
  /** 'answer': credit as Openfax sends it; 'refuse': InvalidAuthentication. */
  behaviour: 'answer' | 'refuse';
  credit: number;
  /** Whether any request carried `secret` anywhere in its body. */
  received(secret: string): boolean;
  /** Answers nothing until the returned release is called (to see what shows meanwhile). */
  hold(): () => void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    req.on('error', reject);
  });
}

export async function startOpenfaxStandIn(opts: { behaviour?: 'answer' | 'refuse'; credit?: number } = {}): Promise<OpenfaxStandIn> {
  const state: OpenfaxStandIn = {
    url: '',
    requests: [],
    behaviour: opts.behaviour ?? 'answer',
    credit: opts.credit ?? 42.5,
    received: (secret) => state.requests.some((r) => r.body.includes(secret)),
    hold() {
      let release!: () => void;
      held = new Promise<void>((r) => (release = r));
      return () => {
        held = Promise.resolve();
        release();
      };
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  let held = Promise.resolve();
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    state.requests.push({ path, body });
    await held;
    res.setHeader('content-type', 'application/json');
    if (state.behaviour === 'refuse') res.end(JSON.stringify({ Response: 'InvalidAuthentication' }));
    else if (path.endsWith('/getAvailableCredit.php')) res.end(JSON.stringify([{ AvailableCredit: state.credit }]));
    else if (path.endsWith('/outboundDetailsbyDate.php')) res.end('[]');
    else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
