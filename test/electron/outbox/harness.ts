// A real sandbox, a real data folder and a real outbox wired together for tests.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createOpenfaxClient, type OpenfaxClient } from '../../../electron/openfax/client.ts';
import { createOutbox } from '../../../electron/outbox/outbox.ts';
import type { Outbox, OutboxAccount, OutboxDeps, OutboxTiming } from '../../../electron/outbox/types.ts';
import { type FaultOptions, type Sandbox, startSandbox } from '../../../electron/sandbox/index.ts';
import { type Store, openStore } from '../../../electron/store/store.ts';
import { FAST_TIMING } from './fast-timing.ts';

export { FAST_TIMING };

/** A small PDF of `pages` pages; `label` makes its bytes (and hash) unique. */
export async function makePdf(pages: number, label: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([612, 792]).drawText(`${label} page ${i + 1}`, { x: 72, y: 700, size: 14, font });
  return doc.save({ useObjectStreams: false });
}

export interface Harness {
  dir: string;
  sb: Sandbox;
  store: Store;
  outbox: Outbox;
  client: OpenfaxClient;
  account: OutboxAccount;
  /** Requests sent to each endpoint, counted at the fetch the client uses. */
  requests: Map<string, number>;
  writePdf(name: string, pages?: number): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  speed?: number;
  faults?: FaultOptions;
  timing?: OutboxTiming;
  /** Extra outbox dependencies (fs, clock…). */
  deps?: Partial<OutboxDeps>;
  apiKey?: string;
  start?: boolean;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'openfax-outbox-'));
  const sb = await startSandbox({ speed: opts.speed ?? 2000, faults: opts.faults });
  const store = openStore(join(dir, 'data'));
  const requests = new Map<string, number>();
  const countingFetch: typeof fetch = (input, init) => {
    const path = new URL(String(input instanceof Request ? input.url : input)).pathname;
    requests.set(path, (requests.get(path) ?? 0) + 1);
    return fetch(input, init);
  };
  const client = createOpenfaxClient(
    { accountId: sb.demoAccount.accountId, apiKey: opts.apiKey ?? sb.demoAccount.apiKey, baseUrl: sb.url },
    { fetch: countingFetch },
  );
  const account: OutboxAccount = { accountId: sb.demoAccount.accountId, endpoint: sb.url, client };
  const outbox = createOutbox({
    db: store.db,
    dataDir: store.dataDir,
    getAccount: () => account,
    timing: { ...FAST_TIMING, ...opts.timing },
    ...opts.deps,
  });
  if (opts.start !== false) await outbox.start();
  return {
    dir,
    sb,
    store,
    outbox,
    client,
    account,
    requests,
    async writePdf(name, pages = 2) {
      const path = join(dir, name);
      writeFileSync(path, await makePdf(pages, name));
      return path;
    },
    async close() {
      await outbox.stop();
      await sb.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What the sandbox's magic numbers should end in, for a fax of `pages` pages at 0.07 a page. */
export function expectedOutcome(
  number: string,
  pages: number,
): { state: string; attempts: number; cost: number | null; lastStatus: number | null } {
  const price = 0.07;
  const money = (n: number) => Math.round(n * 100) / 100;
  const suffix = number.replace(/\D/g, '').slice(-7);
  switch (suffix) {
    case '5550101':
      return { state: 'delivered', attempts: 3, cost: money(pages * price), lastStatus: 0 };
    case '5550102':
      return { state: 'failed', attempts: 3, cost: 0, lastStatus: 1 };
    case '5550103':
      return { state: 'failed', attempts: 1, cost: 0, lastStatus: 3 };
    case '5550104':
      return { state: 'failed', attempts: 1, cost: 0, lastStatus: 5 };
    case '5550105':
      return { state: 'rejected', attempts: 0, cost: null, lastStatus: null };
    case '5550106':
      return { state: 'failed', attempts: 0, cost: 0, lastStatus: 8 };
    case '5550107':
      return { state: 'no-credit', attempts: 0, cost: 0, lastStatus: 9 };
    case '5550108':
      return { state: 'delivered', attempts: 2, cost: money(Math.floor(pages / 2) * price + pages * price), lastStatus: 0 };
    default:
      return { state: 'delivered', attempts: 1, cost: money(pages * price), lastStatus: 0 };
  }
}

export const SCENARIO_NUMBERS = [
  '2025550101',
  '2025550102',
  '2025550103',
  '2025550104',
  '2025550105',
  '2025550106',
  '2025550107',
  '2025550108',
  '2125550142',
];
