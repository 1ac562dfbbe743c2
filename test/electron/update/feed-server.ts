// A local update feed, as electron-builder publishes one for the generic provider: latest.yml
// (Windows), latest-mac.yml and latest-linux.yml beside the update file, on 127.0.0.1. It
// records what was asked for, can list a checksum that does not match the file, can go down
// (every connection dropped) and come back, and can keep the next yml's answer waiting.

import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FeedOptions {
  version: string;
  /** The update file's name and bytes (an installer for the updater under test). */
  fileName: string;
  file: Buffer;
  /** The sha512 the yml lists; the file's own unless a test wants a mismatch. */
  listedSha512?: string;
  /** Served as the yml instead of a well-formed one (a feed with garbage in it). */
  rawYml?: string;
}

export interface Feed {
  readonly url: string;
  /** Paths asked for, in order (query strings dropped). */
  readonly requests: string[];
  /** Dropped connections while down. */
  readonly dropped: number;
  setDown(down: boolean): void;
  /** The next yml request waits: `asked` resolves when it has arrived, `answer()` sends it. */
  holdNextYml(): { asked: Promise<void>; answer(): void };
  publish(next: FeedOptions): void;
  close(): Promise<void>;
}

export function sha512(bytes: Buffer): string {
  return createHash('sha512').update(bytes).digest('base64');
}

function latestYml(o: FeedOptions): string {
  const sha = o.listedSha512 ?? sha512(o.file);
  return [
    `version: ${o.version}`,
    'files:',
    `  - url: ${o.fileName}`,
    `    sha512: ${sha}`,
    `    size: ${o.file.length}`,
    `path: ${o.fileName}`,
    `sha512: ${sha}`,
    `releaseDate: '2026-01-15T10:00:00.000Z'`,
    '',
  ].join('\n');
}

export async function startFeed(first: FeedOptions): Promise<Feed> {
  let current = first;
  let down = false;
  let dropped = 0;
  const requests: string[] = [];
  let held: { arrived(): void; released: Promise<void> } | undefined;
  const server: Server = createServer(async (req, res) => {
    if (down) {
      dropped++;
      req.socket.destroy();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://feed').pathname;
    requests.push(path);
    // latest.yml, latest-mac.yml, latest-linux.yml (and -arm64 on such machines): one release.
    if (/^\/latest(-mac|-linux(-arm64)?)?\.yml$/.test(path)) {
      const hold = held;
      held = undefined;
      if (hold) {
        hold.arrived();
        await hold.released;
      }
      res.writeHead(200, { 'content-type': 'text/yaml' }).end(current.rawYml ?? latestYml(current));
    } else if (path === `/${current.fileName}`) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': current.file.length }).end(current.file);
    } else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    get dropped() {
      return dropped;
    },
    setDown: (d) => {
      down = d;
    },
    holdNextYml() {
      let arrived!: () => void;
      let answer!: () => void;
      const asked = new Promise<void>((r) => (arrived = r));
      held = { arrived, released: new Promise<void>((r) => (answer = r)) };
      return { asked, answer };
    },
    publish: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
