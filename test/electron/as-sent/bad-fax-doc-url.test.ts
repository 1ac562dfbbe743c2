// A FaxDocURL that cannot be the image of the fax is refused quietly: a 404, a file of 500 MB
// (claimed, or streamed without a length: never held), something that is not a TIFF, a file
// path, a name, a link to another scheme, a redirect away from the web. Each is tried once,
// its reason recorded and shown as one line; nothing crashes, and nothing is fetched again.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AsSentService, startAsSent } from '../../../electron/as-sent/as-sent-service.ts';
import { checkFaxDocUrl } from '../../../electron/as-sent/fax-doc-url.ts';
import { assembleG4Tiff, encodeG4Page } from '../../../electron/sandbox/g4-tiff.ts';
import { getAsSent } from '../../../electron/store/as-sent-repo.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';
import { blankRaster } from '../../../shared/fax-raster.ts';
import { deliveredFax as deliveredSandboxFax } from './as-sent-jobs.ts';

const MB = 1024 * 1024;
let server: Server;
let origin: string;
const hits = new Map<string, number>();
let goodTiff: Uint8Array;

beforeAll(async () => {
  const page = blankRaster(1728, 1078);
  page.bits.fill(0xff, 0, 216 * 20);
  goodTiff = assembleG4Tiff([await encodeG4Page(page)], { paper: 'letter', resolution: 'standard' });
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === '/missing.tif') return void res.writeHead(404, 'Not Found').end('<h1>Not Found</h1>');
    if (path === '/claims-500mb.tif') {
      // Says 500 MB and would send them: the client must stop at the header.
      res.writeHead(200, { 'content-type': 'image/tiff', 'content-length': String(500 * MB) });
      const chunk = Buffer.alloc(MB);
      const pump = () => {
        while (res.write(chunk)) if (res.writableLength > 8 * MB) break;
      };
      res.on('drain', pump);
      res.on('close', () => res.off('drain', pump));
      return pump();
    }
    if (path === '/streams-500mb.tif') {
      // No length: the client must stop once it has read more than its cap.
      res.writeHead(200, { 'content-type': 'image/tiff', 'transfer-encoding': 'chunked' });
      let sent = 0;
      const chunk = Buffer.alloc(MB, 0x49);
      const pump = () => {
        while (sent < 500 * MB && res.write(chunk)) sent += MB;
      };
      res.on('drain', pump);
      return pump();
    }
    if (path === '/page.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>not a tiff</html>');
    if (path === '/to-file') return void res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    if (path === '/good.tif') return void res.writeHead(200, { 'content-type': 'image/tiff' }).end(goodTiff);
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('which FaxDocURL is fetched', () => {
  it.each([
    ['123.tif', false, /a file name rather than a web address/],
    ['/var/spool/fax/123.tif', false, /a file path rather than a web address/],
    ['C:\\fax\\123.tif', false, /a file path rather than a web address/],
    ['file:///etc/passwd', false, /a file: link, not a web address/],
    ['data:image/tiff;base64,SUkqAA==', false, /a data: link/],
    ['ftp://files.openfax.com/123.tif', false, /an? ftp: link/],
    ['http://files.openfax.com/123.tif', false, /not secure \(http, not https\)/],
    ['https://user:pw@files.openfax.com/123.tif', false, /user name or password/],
    ['http://127.0.0.1:8777/fax-images/x.tif', false, /points to this computer/],
    // This machine however it is spelt, when the API is not on it.
    ['https://0.0.0.0/x.tif', false, /points to this computer/],
    ['https://[::]/x.tif', false, /points to this computer/],
    ['https://[::1]/x.tif', false, /points to this computer/],
    ['https://[::ffff:127.0.0.1]/x.tif', false, /points to this computer/],
    ['https://0x7f.1/x.tif', false, /points to this computer/],
    ['https://localhost./x.tif', false, /points to this computer/],
    ['https://files.localhost/x.tif', false, /points to this computer/],
    // Private, link-local and reserved addresses, even when the API is on this machine.
    ['https://10.0.0.5/x.tif', false, /points into a private network/],
    ['https://192.168.1.10/x.tif', true, /points into a private network/],
    ['https://169.254.169.254/latest/meta-data/', false, /points into a private network/],
    ['https://100.64.0.1/x.tif', false, /points into a private network/],
    ['https://[fd00::1]/x.tif', false, /points into a private network/],
    ['https://[fe80::1]/x.tif', false, /points into a private network/],
    ['https://[::ffff:10.0.0.5]/x.tif', false, /points into a private network/],
    ['https://[64:ff9b::10.0.0.5]/x.tif', false, /points into a private network/],
    ['https://239.1.2.3/x.tif', false, /points into a private network/],
  ])('%s is refused (API on this machine: %s)', (url, local, reason) => {
    const checked = checkFaxDocUrl(url, local);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.reason).toMatch(reason);
  });

  it('takes https anywhere, and http to this machine when the API is on this machine', () => {
    expect(checkFaxDocUrl('https://files.openfax.com/123.tif', false).ok).toBe(true);
    expect(checkFaxDocUrl('http://127.0.0.1:8777/fax-images/x.tif', true).ok).toBe(true);
    expect(checkFaxDocUrl('http://localhost:8777/x.tif', true).ok).toBe(true);
    expect(checkFaxDocUrl('http://[::ffff:7f00:1]:8777/x.tif', true).ok).toBe(true);
    // A public address, also through NAT64 (an IPv6-only network's way to IPv4).
    expect(checkFaxDocUrl('https://93.184.215.14/x.tif', false).ok).toBe(true);
    expect(checkFaxDocUrl('https://[64:ff9b::93.184.215.14]/x.tif', false).ok).toBe(true);
  });
});

describe('the as-sent service with bad FaxDocURLs', () => {
  let dataDir: string;
  let store: Store;
  let service: AsSentService;
  const jobs: Record<string, number> = {};

  const deliveredFax = (name: string, url: string) => deliveredSandboxFax(store, dataDir, name, url);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'openfax-as-sent-bad-'));
    store = openStore(dataDir);
    const urls: Record<string, string> = {
      missing: `${origin}/missing.tif`,
      claims: `${origin}/claims-500mb.tif`,
      streams: `${origin}/streams-500mb.tif`,
      html: `${origin}/page.html`,
      path: '/var/spool/fax/123.tif',
      name: '123.tif',
      redirect: `${origin}/to-file`,
      good: `${origin}/good.tif`,
    };
    for (const [name, url] of Object.entries(urls)) jobs[name] = deliveredFax(name, url);
    // Faxes that ended while the app was closed are fetched at start.
    service = startAsSent({ db: store.db, dataDir, outbox: { on: () => () => {} }, timeoutMs: 10_000 });
    await service.idle();
  }, 60_000);
  afterAll(async () => {
    await service.dispose();
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['missing', /Openfax answered 404 Not Found/],
    ['claims', /it is 500 MB, over the 20 MB a fax image may be/],
    ['streams', /it is over the 20 MB a fax image may be/],
    ['html', /what Openfax sent is not a TIFF image/],
    ['path', /“\/var\/spool\/fax\/123\.tif”, a file path rather than a web address/],
    ['name', /“123\.tif”, a file name rather than a web address/],
    ['redirect', /moved to an address Openfax Desktop does not fetch: its address is a file: link/],
  ])('%s: refused once, with its reason, and the job panel says so in one line', async (name, reason) => {
    const id = jobs[name] as number;
    expect(getAsSent(store.db, id)).toMatchObject({ state: 'refused', reason: expect.stringMatching(reason) });
    const shown = await service.page(id, 1);
    expect(shown).toMatchObject({
      state: 'unavailable',
      reason: expect.stringMatching(/^The image Openfax sent could not be downloaded: /),
    });
    expect(await service.firstPage(id)).toBeUndefined();
    expect(existsSync(join(dataDir, 'as-sent', `${id}.tif`))).toBe(false);
  });

  it('fetched each address once, and not again when asked again or at the next start', async () => {
    const again = startAsSent({ db: store.db, dataDir, outbox: { on: () => () => {} } });
    await again.idle();
    for (const id of Object.values(jobs)) await again.page(id, 1);
    await again.idle();
    await again.dispose();
    expect(Object.fromEntries(hits)).toEqual({
      '/missing.tif': 1,
      '/claims-500mb.tif': 1,
      '/streams-500mb.tif': 1,
      '/page.html': 1,
      '/to-file': 1,
      '/good.tif': 1,
    });
  });

  it('keeps a good one beside them, owner-only, and reads its page', async () => {
    const id = jobs.good as number;
    expect(getAsSent(store.db, id)).toMatchObject({ state: 'stored', pages: 1, linesPerInch: 98 });
    const page = await service.page(id, 1);
    expect(page).toMatchObject({ pages: 1, resolution: 'standard', raster: { width: 1728, height: 1078 } });
    expect('raster' in page && page.raster.inkRatio).toBeCloseTo(20 / 1078, 5);
    if (process.platform !== 'win32') {
      const { statSync } = await import('node:fs');
      expect(statSync(join(dataDir, 'as-sent', `${id}.tif`)).mode & 0o777).toBe(0o600);
    }
  });

  it('says Openfax gave no image for a fax whose rows carry none', async () => {
    const id = deliveredFax('none', '');
    expect(service.status(id)).toEqual({ state: 'none', reason: 'Openfax did not provide the image it sent.' });
  });
});
