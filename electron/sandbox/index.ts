// The Openfax sandbox: an Openfax-compatible simulator on loopback, for a first run without an
// account and for every test that needs something real to talk to. README.md beside this file
// documents the magic numbers, faults, charges and every answer.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../core/logger.ts';
import { realClock } from './clock.ts';
import { DEFAULT_PRICE_PER_PAGE, DEMO_ACCOUNT, DEMO_CREDIT } from './defaults.ts';
import { createFaults } from './faults.ts';
import { loadPdfJs } from './pdf-pages.ts';
import { createScheduler } from './scheduler.ts';
import { startServer } from './server.ts';
import { openStore } from './store.ts';
import type { FaxRecord } from './store-records.ts';
import type { Sandbox, SandboxFax, SandboxOptions } from './types.ts';

export type { Clock, FaultKind, FaultOptions, Sandbox, SandboxOptions } from './types.ts';
export { DEFAULT_OUTCOME, MAGIC_NUMBERS } from './magic-numbers.ts';
export { DEMO_ACCOUNT } from './defaults.ts';
export { STORE_FILE } from './store.ts';

function toSandboxFax(f: FaxRecord): SandboxFax {
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
  };
}

/** Starts the sandbox on 127.0.0.1; resumes in-flight faxes found in `dataDir` first. */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const speed = opts.speed ?? 1;
  if (!(speed > 0)) throw new Error('Sandbox speed must be a positive number');
  const log = createLogger('sandbox');
  const clock = opts.clock ?? realClock;
  const pricePerPage = opts.pricePerPage ?? DEFAULT_PRICE_PER_PAGE;
  void loadPdfJs();
  const store = openStore(opts.dataDir);
  store.ensureAccount({ ...DEMO_ACCOUNT, credit: DEMO_CREDIT });
  for (const a of opts.accounts ?? []) store.ensureAccount(a);
  const scheduler = createScheduler({
    store,
    clock,
    log,
    webhookUrl: opts.webhookUrl,
    env: { speed, pricePerPage, creditOf: (id) => store.account(id)?.credit ?? 0, webhookEnabled: Boolean(opts.webhookUrl) },
  });
  scheduler.resume();
  const faults = createFaults(opts.faults);
  const tmpDir = await mkdtemp(join(tmpdir(), 'openfax-sandbox-'));
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      port: opts.port ?? 0,
      host: opts.host ?? '127.0.0.1',
      ctx: { store, scheduler, clock, speed, pricePerPage, log },
      faults,
      tmpDir,
    });
  } catch (e) {
    scheduler.stop();
    store.close();
    await rm(tmpDir, { recursive: true, force: true });
    throw e;
  }
  let closed: Promise<void> | undefined;
  return {
    url: server.url,
    port: server.port,
    demoAccount: { ...DEMO_ACCOUNT },
    faxes: () => store.faxes().map(toSandboxFax),
    setFaults: (f) => faults.set(f),
    setCredit: (accountId, credit) => store.setCredit(accountId, credit),
    getCredit: (accountId) => {
      const a = store.account(accountId);
      if (!a) throw new Error(`No sandbox account ${accountId}`);
      return a.credit;
    },
    settle: () => scheduler.settle(),
    close() {
      closed ??= (async () => {
        await server.close();
        scheduler.stop();
        store.close();
        await rm(tmpDir, { recursive: true, force: true });
      })();
      return closed;
    },
  };
}
