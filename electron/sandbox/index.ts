// The Openfax sandbox: an Openfax-compatible simulator on loopback, for a first run without an
// account and for every test that needs something real to talk to. README.md beside this file
// documents the magic numbers, faults, charges and every answer.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../core/logger.ts';
import { realClock } from './clock.ts';
import { DEFAULT_PRICE_PER_PAGE, DEMO_ACCOUNT, DEMO_CREDIT } from './defaults.ts';
import { createFaxImages, faxImagePath } from './fax-images.ts';
import { createFaults } from './faults.ts';
import { loadPdfJs, sandboxFaxDrawing } from './pdf-pages.ts';
import { holdPort, type PortHold } from './port-hold.ts';
import { createScheduler } from './scheduler.ts';
import { type RunningServer, startServer } from './server.ts';
import { DEFAULT_SERVER_LIMITS } from './server-limits.ts';
import { openStore } from './store.ts';
import type { FaxRecord } from './store-records.ts';
import type { Sandbox, SandboxFax, SandboxOptions } from './types.ts';

export type { Clock, FaultKind, FaultOptions, Sandbox, SandboxOptions } from './types.ts';
export { DEFAULT_OUTCOME, MAGIC_NUMBERS } from './magic-numbers.ts';
export { DEMO_ACCOUNT } from './defaults.ts';
export { STORE_FILE } from './store.ts';

function toSandboxFax(f: FaxRecord, origin: string): SandboxFax {
  return {
    outTransId: String(f.outTransId),
    accountId: f.accountId,
    faxNumber: f.faxNumber,
    toHeader: f.toHeader,
    fromHeader: f.fromHeader,
    fromHeaderFields: f.fromHeaderFields,
    pages: f.pages,
    paperSize: f.paperSize,
    resolution: f.resolution,
    priority: f.priority,
    submittedAt: new Date(f.submittedMs).toISOString(),
    attempts: f.attempts,
    currentState: f.state,
    lastStatus: f.lastStatus,
    cost: f.cost,
    pdfSha256: f.pdfSha256,
    ...(f.image
      ? { image: { url: `${origin}${faxImagePath(f.image.token)}`, sha256: f.image.sha256, pages: f.image.pages, bytes: f.image.bytes } }
      : {}),
  };
}

/** Starts the sandbox on 127.0.0.1; resumes in-flight faxes found in `dataDir` first. */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const speed = opts.speed ?? 1;
  if (!(speed > 0)) throw new Error('Sandbox speed must be a positive number');
  const log = createLogger('sandbox');
  const clock = opts.clock ?? realClock;
  const pricePerPage = opts.pricePerPage ?? DEFAULT_PRICE_PER_PAGE;
  void loadPdfJs({ draws: !opts.pdfInspector });
  const store = openStore(opts.dataDir);
  store.ensureAccount({ ...DEMO_ACCOUNT, credit: DEMO_CREDIT });
  for (const a of opts.accounts ?? []) store.ensureAccount(a);
  const tmpDir = await mkdtemp(join(tmpdir(), 'openfax-sandbox-'));
  const images = createFaxImages({
    store,
    dir: join(opts.dataDir ?? tmpDir, 'fax-images'),
    log,
    inspector: () => opts.pdfInspector ?? sandboxFaxDrawing(),
  });
  const scheduler = createScheduler({
    store,
    clock,
    log,
    webhookUrl: opts.webhookUrl,
    drawing: (outTransId) => images.drawing(outTransId),
    env: { speed, pricePerPage, creditOf: (id) => store.account(id)?.credit ?? 0, webhookEnabled: Boolean(opts.webhookUrl) },
  });
  scheduler.resume();
  const faults = createFaults(opts.faults);
  const host = opts.host ?? '127.0.0.1';
  const limits = { ...DEFAULT_SERVER_LIMITS, ...opts.limits };
  const serve = (port: number) =>
    startServer({ port, host, ctx: { store, scheduler, clock, speed, pricePerPage, log, images }, faults, tmpDir, limits });
  let port = opts.port ?? 0;
  let server: Promise<RunningServer> | undefined;
  // The port while the server is closed (port-hold.ts): nobody else can bind it meanwhile.
  let hold: PortHold | undefined;
  let closed: Promise<void> | undefined;

  // The listening socket is bound before listen() returns its promise (Node binds on the next
  // tick), so a client made right after the call, in the same tick, finds it open.
  const listen = (): Promise<void> => {
    if (!server) {
      hold?.release();
      hold = undefined;
    }
    server ??= serve(port)
      .catch((err: NodeJS.ErrnoException) => {
        // Taken while we were closed: any free port will do unless the caller named one.
        if (opts.port !== undefined || port === 0 || err.code !== 'EADDRINUSE') throw err;
        log.warn(`port ${port} was taken while the sandbox was closed; it moves to another`);
        return serve(0);
      })
      .then(
        (s) => {
          port = s.port;
          return s;
        },
        (err) => {
          server = undefined;
          throw err;
        },
      );
    return server.then(() => {});
  };
  const stopListening = async (): Promise<void> => {
    const running = server;
    server = undefined;
    if (!running) return;
    await (await running.catch(() => undefined))?.close();
    if (closed || server || hold) return;
    const held = await holdPort(host, port);
    // Opened again or closed for good while the hold was binding: the server needs the port.
    if (closed || server) held?.release();
    else hold = held;
  };

  try {
    if (opts.listen === false) {
      // The address is known from the start, so clients built before the first listen() reach it,
      // and held, so nothing else takes it before then.
      hold = await holdPort(host, port);
      if (!hold) throw Object.assign(new Error(`The sandbox's port ${port} is taken.`), { code: 'EADDRINUSE' });
      port = hold.port;
    } else {
      await listen();
    }
  } catch (e) {
    scheduler.stop();
    await images.close();
    store.close();
    await rm(tmpDir, { recursive: true, force: true });
    throw e;
  }
  return {
    get url() {
      return `http://${host}:${port}`;
    },
    get port() {
      return port;
    },
    get listening() {
      return server !== undefined;
    },
    listen: () => (closed ? Promise.reject(new Error('The sandbox is closed.')) : listen()),
    stopListening,
    demoAccount: { ...DEMO_ACCOUNT },
    faxes: () => store.faxes().map((f) => toSandboxFax(f, `http://${host}:${port}`)),
    setFaults: (f) => faults.set(f),
    setCredit: (accountId, credit) => store.setCredit(accountId, credit),
    getCredit: (accountId) => {
      const a = store.account(accountId);
      if (!a) throw new Error(`No sandbox account ${accountId}`);
      return a.credit;
    },
    settle: () => scheduler.settle(),
    imagesDrawn: () => images.idle(),
    close() {
      closed ??= (async () => {
        // Drawings first, and the schedule with them: nothing waits for a long document, and
        // no fax moves on for a drawing that was dropped.
        const drawingsStopped = images.close();
        scheduler.stop();
        await stopListening();
        hold?.release();
        await drawingsStopped;
        store.close();
        await rm(tmpDir, { recursive: true, force: true });
      })();
      return closed;
    },
  };
}
