// While the sandbox's HTTP server is closed (the app is live), its port stays bound by a socket
// that drops every connection unread. Released, the port could be taken by any local process,
// and the switch back to the sandbox would hand that process the first calls (the demo key and
// whatever fax was waiting) before the sandbox noticed. The hold is let go only in the tick the
// server binds again.

import { createServer, type Server } from 'node:net';

export interface PortHold {
  readonly port: number;
  /** Unbinds now (the descriptor closes synchronously), so the server can bind the port next. */
  release(): void;
}

/** Binds `port` (0: any free one) on `host`; answers undefined when it is taken. */
export async function holdPort(host: string, port: number): Promise<PortHold | undefined> {
  const server: Server = createServer((socket) => socket.destroy());
  // Nothing is ever served: a connection is dropped before a byte is read.
  server.maxConnections = 0;
  const bound = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => resolve(true));
  });
  if (!bound) return undefined;
  server.unref();
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    release: () => {
      server.close();
    },
  };
}
