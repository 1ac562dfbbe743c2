// The as-sent service's downloads, as the transmission report and shutdown meet them: a report
// asking for a fax's image does not wait behind the queue (its download starts at once), and
// waits only so long; closing the service answers a waiting report at once and stops the
// downloads, even ones that never answer. And names are judged by what they resolve to: in
// live mode a FaxDocURL whose name leads to a private or loopback address is not fetched.

import { createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAsSent } from '../../../electron/as-sent/as-sent-service.ts';
import { assembleG4Tiff, encodeG4Page } from '../../../electron/sandbox/g4-tiff.ts';
import { getAsSent } from '../../../electron/store/as-sent-repo.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';
import { blankRaster } from '../../../shared/fax-raster.ts';
import { deliveredFax } from './as-sent-jobs.ts';

let server: Server;
let port: number;
let goodTiff: Uint8Array;
/** Requests that wait for the test to answer them, by path. */
const held = new Map<string, ServerResponse>();
const arrived = new Map<string, () => void>();
const hits: string[] = [];

function whenRequested(path: string): Promise<void> {
  if (held.has(path)) return Promise.resolve();
  return new Promise((resolve) => arrived.set(path, resolve));
}

beforeAll(async () => {
  const page = blankRaster(1728, 1078);
  page.bits.fill(0xff, 0, 216 * 10);
  goodTiff = assembleG4Tiff([await encodeG4Page(page)], { paper: 'letter', resolution: 'standard' });
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.push(path);
    if (path.startsWith('/good')) return void res.writeHead(200, { 'content-type': 'image/tiff' }).end(goodTiff);
    // Everything else hangs until the test answers (or the client gives up).
    held.set(path, res);
    arrived.get(path)?.();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

// A store of its own for each test: the service takes every fax due in it at start.
let dataDir: string;
let store: Store;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'openfax-as-sent-queue-'));
  store = openStore(dataDir);
});
afterEach(() => {
  store.close();
  rmSync(dataDir, { recursive: true, force: true });
  for (const res of held.values()) res.destroy();
  held.clear();
  arrived.clear();
  hits.length = 0;
});

describe('a report asking for the image', () => {
  it('starts its fax first, ahead of downloads that hang, and closing answers a waiting report at once', async () => {
    const url = (path: string) => `http://127.0.0.1:${port}${path}`;
    const slowA = deliveredFax(store, dataDir, 'slow-a', url('/slow-a.tif'));
    const slowB = deliveredFax(store, dataDir, 'slow-b', url('/slow-b.tif'));
    const wanted = deliveredFax(store, dataDir, 'wanted', url('/good-wanted.tif'));
    const held2 = deliveredFax(store, dataDir, 'held', url('/held.tif'));
    // At start the due faxes queue, newest first: the held one runs and hangs; the rest wait.
    const service = startAsSent({ db: store.db, dataDir, outbox: { on: () => () => {} }, timeoutMs: 60_000, firstPageWaitMs: 60_000 });
    await whenRequested('/held.tif');

    const page = await service.firstPage(wanted);
    expect(page?.raster).toMatchObject({ width: 1728, height: 1078 });
    expect(hits).toEqual(['/held.tif', '/good-wanted.tif']);

    // A report waiting on a fax whose download hangs…
    const waiting = service.firstPage(slowA);
    await whenRequested('/slow-a.tif');
    // …is answered (no image) as soon as the app closes, and closing does not wait for the hung downloads.
    await service.dispose();
    await expect(waiting).resolves.toBeUndefined();
    expect(hits).not.toContain('/slow-b.tif');
    // Downloads cut short by closing are tried again at the next start: nothing was recorded.
    for (const id of [slowA, slowB, held2]) expect(getAsSent(store.db, id)).toBeUndefined();
    expect(getAsSent(store.db, wanted)).toMatchObject({ state: 'stored' });
    await service.dispose();
  }, 20_000);

  it('waits for a hung download only as long as it is told, then goes on without the image', async () => {
    const id = deliveredFax(store, dataDir, 'hangs', `http://127.0.0.1:${port}/hangs.tif`);
    const service = startAsSent({ db: store.db, dataDir, outbox: { on: () => () => {} }, timeoutMs: 60_000, firstPageWaitMs: 50 });
    await whenRequested('/hangs.tif');
    await expect(service.firstPage(id)).resolves.toBeUndefined();
    expect(service.status(id)).toEqual({ state: 'waiting' });
    await service.dispose();
  });
});

describe('names are judged by the address they resolve to', () => {
  const LIVE = 'https://api.openfax.com';
  /** A resolver that answers every name with `address`. */
  const resolvesTo =
    (address: string): LookupFunction =>
    (_name, options, callback) => {
      const family = address.includes(':') ? 6 : 4;
      if (options.all) callback(null, [{ address, family }]);
      else callback(null, address, family);
    };

  it.each([
    ['10.0.0.5', /points into a private network, not to Openfax \(its name leads to 10\.0\.0\.5\)/],
    ['169.254.169.254', /points into a private network/],
    ['fd12::1', /points into a private network/],
    ['127.0.0.1', /points to this computer, not to Openfax \(its name leads to 127\.0\.0\.1\)/],
    ['::ffff:127.0.0.1', /points to this computer/],
  ])('live mode: a name that resolves to %s is not fetched', async (address, reason) => {
    const id = deliveredFax(store, dataDir, `live-${address}`, 'https://files.example.test/fax.tif', LIVE);
    const service = startAsSent({ db: store.db, dataDir, outbox: { on: () => () => {} }, lookup: resolvesTo(address) });
    await service.idle();
    await service.dispose();
    expect(getAsSent(store.db, id)).toMatchObject({ state: 'refused', reason: expect.stringMatching(reason) });
  });

  it('sandbox mode: plain http goes to this machine only, even when a resolver says otherwise', async () => {
    const local = deliveredFax(store, dataDir, 'name-local', `http://localhost:${port}/good-by-name.tif`);
    const service = startAsSent({ db: store.db, dataDir, outbox: { on: () => () => {} }, lookup: resolvesTo('127.0.0.1') });
    await service.idle();
    await service.dispose();
    expect(getAsSent(store.db, local)).toMatchObject({ state: 'stored' });

    const remote = deliveredFax(store, dataDir, 'name-remote', `http://localhost:${port}/good-by-name.tif`);
    const again = startAsSent({ db: store.db, dataDir, outbox: { on: () => () => {} }, lookup: resolvesTo('93.184.215.14') });
    await again.idle();
    await again.dispose();
    expect(getAsSent(store.db, remote)).toMatchObject({
      state: 'refused',
      reason: expect.stringMatching(/not secure \(http, not https\) and its name leads to 93\.184\.215\.14, not to this computer/),
    });
    expect(hits).toEqual(['/good-by-name.tif']);
  });
});
