// A real compose stack for tests: a data folder with the SQLite store, the sandbox over HTTP,
// the real client and outbox, and the compose service on top. Events are recorded.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import type { EventPayload } from '../../../shared/ipc/contract.ts';
import { SETTINGS_DEFAULTS, type Settings } from '../../../shared/settings.ts';
import { type ComposeService, createComposeService } from '../../../electron/compose/compose-service.ts';
import type { PricingInputs } from '../../../electron/compose/pricing.ts';
import { createOpenfaxClient } from '../../../electron/openfax/client.ts';
import { createOutbox } from '../../../electron/outbox/outbox.ts';
import type { Outbox } from '../../../electron/outbox/types.ts';
import { type Sandbox, startSandbox } from '../../../electron/sandbox/index.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';

export interface Recorded {
  composeChanged: Array<EventPayload<'composeChanged'>>;
  composeSendProgress: Array<EventPayload<'composeSendProgress'>>;
  composeImageProgress: Array<EventPayload<'composeImageProgress'>>;
  notice: Array<EventPayload<'notice'>>;
}

export interface Stack {
  dataDir: string;
  store: Store;
  sandbox: Sandbox;
  outbox: Outbox;
  compose: ComposeService;
  events: Recorded;
  settings: Settings;
  pricing: Omit<PricingInputs, 'historyPricePerPage'>;
  /** A second service over the same data folder, as after a restart. */
  restart(): Promise<ComposeService>;
  close(): Promise<void>;
}

export async function startStack(opts: { apiKey?: string; credit?: number } = {}): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'openfax-compose-'));
  const store = openStore(dataDir);
  const sandbox = await startSandbox({ speed: 2000 });
  if (opts.credit !== undefined) sandbox.setCredit(sandbox.demoAccount.accountId, opts.credit);
  const client = createOpenfaxClient({
    accountId: sandbox.demoAccount.accountId,
    apiKey: opts.apiKey ?? sandbox.demoAccount.apiKey,
    baseUrl: sandbox.url,
  });
  const outbox = createOutbox({
    db: store.db,
    dataDir,
    getAccount: () => ({ accountId: sandbox.demoAccount.accountId, endpoint: sandbox.url, client }),
    timing: { pollIntervalMs: 40, retryBaseMs: 20, retryMaxMs: 100, dbWatchMs: 50, leaseHeartbeatMs: 200 },
  });
  await outbox.start();
  const events: Recorded = { composeChanged: [], composeSendProgress: [], composeImageProgress: [], notice: [] };
  const settings: Settings = { ...SETTINGS_DEFAULTS, fromHeader: 'Acme Front' };
  const pricing: Stack['pricing'] = { mode: 'sandbox', sandboxPricePerPage: 0.07 };
  const services: ComposeService[] = [];
  const make = async () => {
    const s = await createComposeService({
      db: store.db,
      dataDir,
      outbox,
      getSettings: () => settings,
      emit: (name, payload) => (events[name] as unknown[]).push(payload),
      pricing: () => pricing,
    });
    services.push(s);
    return s;
  };
  const compose = await make();
  return {
    dataDir,
    store,
    sandbox,
    outbox,
    compose,
    events,
    settings,
    pricing,
    restart: make,
    async close() {
      for (const s of services) await s.dispose();
      await outbox.stop();
      await sandbox.close();
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits (vi.waitFor) until `fn` gives a truthy value, and returns it. */
export async function until<T>(fn: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  return vi.waitFor(
    () => {
      const v = fn();
      if (!v) throw new Error('timed out waiting');
      return v;
    },
    { timeout: timeoutMs, interval: 20 },
  );
}
