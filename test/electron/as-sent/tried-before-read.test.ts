// An image is recorded as tried before it is read: were reading it to stop the app (an image
// that defeats the reader), the next start would find it tried and not fetch it again, rather
// than download and read it at every start.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startAsSent } from '../../../electron/as-sent/as-sent-service.ts';
import { type AsSentRecord, getAsSent, listAsSentDue } from '../../../electron/store/as-sent-repo.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';
import { deliveredFax } from './as-sent-jobs.ts';

const reading = vi.hoisted(() => ({ seen: undefined as (() => void) | undefined }));
vi.mock('../../../electron/as-sent/sent-image.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/as-sent/sent-image.ts')>();
  return {
    ...real,
    readSentImage: (...args: Parameters<typeof real.readSentImage>) => {
      reading.seen?.();
      return real.readSentImage(...args);
    },
  };
});

let server: Server;
let hits = 0;
let dataDir: string;
let store: Store;

beforeAll(async () => {
  server = createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'image/tiff' }).end(Buffer.from('II*\0 not really a fax image'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  dataDir = mkdtempSync(join(tmpdir(), 'openfax-as-sent-tried-'));
  store = openStore(dataDir);
});
afterAll(async () => {
  store.close();
  rmSync(dataDir, { recursive: true, force: true });
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

it('is on record as tried while it is read, and is not fetched again at the next start', async () => {
  const id = deliveredFax(store, dataDir, 'crashy', `http://127.0.0.1:${(server.address() as AddressInfo).port}/fax.tif`);
  let whileReading: AsSentRecord | undefined;
  let dueWhileReading: number[] = [];
  reading.seen = () => {
    whileReading = getAsSent(store.db, id);
    dueWhileReading = listAsSentDue(store.db).map((d) => d.jobId);
  };
  const service = startAsSent({ db: store.db, dataDir, outbox: { on: () => () => {} } });
  await service.idle();
  await service.dispose();
  expect(whileReading).toMatchObject({ state: 'refused', reason: 'Openfax Desktop stopped while reading it' });
  expect(dueWhileReading).not.toContain(id);
  // Reading ended in a refusal of its own, which replaces the placeholder.
  expect(getAsSent(store.db, id)).toMatchObject({ state: 'refused', reason: expect.stringMatching(/^the TIFF cannot be read/) });

  const next = startAsSent({ db: store.db, dataDir, outbox: { on: () => () => {} } });
  await next.idle();
  await next.dispose();
  expect(hits).toBe(1);
});
