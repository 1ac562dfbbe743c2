// The real app for report tests: services built as every entry builds them (a temp data folder,
// a memory keychain, the sandbox on loopback, optionally with faults), faxes sent through the
// outbox to the sandbox's magic numbers, and a wait for their final results that polls the way
// the app does. The sandbox's record of what arrived is the judge of hashes and counts.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import { type AppServices, createAppServices } from '../../../electron/app/services.ts';
import { createHeadlessHost } from '../../../electron/core/host.ts';
import type { FaultOptions } from '../../../electron/sandbox/index.ts';
import { createMemorySecretStore } from '../../../electron/secrets/secret-store.ts';
import { get } from '../../../electron/store/sql.ts';
import { IN_FLIGHT_JOB_STATES } from '../../../shared/domain.ts';
import type { Notice } from '../../../shared/ipc/contract/app.ts';

/** Sandbox numbers (README, "Magic numbers"). */
export const NUMBERS = {
  delivers: '12025550150',
  alsoDelivers: '12025550151',
  noAnswer: '12025550102',
  voiceLine: '12025550103',
  restricted: '12025550105',
} as const;

export interface ReportApp {
  services: AppServices;
  dataDir: string;
  notices: Notice[];
  /** Until no job is in flight: the sandbox finishes its calls, the poller reads them. */
  everyResultIn(): Promise<void>;
  close(opts?: { keepData?: boolean }): Promise<void>;
}

export async function startReportApp(opts: { dataDir?: string; faults?: FaultOptions } = {}): Promise<ReportApp> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'openfax-report-'));
  const services = await createAppServices({
    dataDir,
    host: createHeadlessHost(),
    version: 'test',
    secrets: createMemorySecretStore(),
    sandbox: { speed: 5000, inMemory: true, faults: opts.faults },
    hotFolder: { enabled: false, documentsDir: join(dataDir, 'Documents') },
  });
  const notices: Notice[] = [];
  services.events.on('notice', (n) => notices.push(n));
  const db = () => services.store.db;
  return {
    services,
    dataDir,
    notices,
    async everyResultIn() {
      await vi.waitFor(
        async () => {
          await services.sandbox.settle();
          await services.outbox.pollNow();
          const open = IN_FLIGHT_JOB_STATES.map(
            (state) => get<{ n: number }>(db(), 'SELECT count(*) AS n FROM jobs WHERE state = :state', { state })?.n ?? 0,
          ).reduce((a, b) => a + b, 0);
          expect(open).toBe(0);
        },
        { timeout: 30_000, interval: 50 },
      );
    },
    async close({ keepData = false } = {}) {
      await services.dispose();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
