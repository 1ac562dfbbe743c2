// Each test gets the real app: fresh data directory, real services and handlers, served by
// the browser host, with events flowing back over the WebSocket.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';
import { createHandlers } from '../../electron/app/handlers/index.ts';
import { createHeadlessHost } from '../../electron/core/host.ts';
import { createIpcRouter } from '../../electron/app/ipc-router.ts';
import { type AppServices, createAppServices } from '../../electron/app/services.ts';
import { createMemorySecretStore } from '../../electron/secrets/secret-store.ts';
import { createWebDocxPrinter } from '../../electron/web/docx-print.ts';
import { startWebHost } from '../../electron/web/web-host.ts';

const ROOT = resolve(import.meta.dirname, '../..');
export const ARTIFACTS = join(ROOT, 'artifacts', 'e2e');
/** Realistic sandbox durations divided by this: a fax is delivered in about a second, a redial waits about one. */
const SANDBOX_SPEED = 240;

export interface AppFixture {
  url: string;
  dataDir: string;
  services: AppServices;
  /** The watched folder ("Openfax Outbox" in this test's own Documents). */
  hotFolder: string;
  /** Resolves once the page listens for events: wait for it before making one happen in main. */
  listening(): Promise<void>;
}

let printers = 0;

export const test = base.extend<{ app: AppFixture; firstRun: boolean; docxPrint: boolean }>({
  /** A person's very first start (Getting started opens); other tests start as someone who closed it. */
  firstRun: [false, { option: true }],
  /**
   * The host prints DOCX with headless Chromium, as `npm run web` does (electron/web/main.ts):
   * the mail merge's built-in converter. Chromium starts only at the first print.
   */
  docxPrint: [false, { option: true }],
  app: async ({ firstRun, docxPrint: withDocxPrint }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'openfax-e2e-'));
    process.env.OPENFAX_QUIET = '1';
    const docxPrint = withDocxPrint ? createWebDocxPrinter() : undefined;
    const services = await createAppServices({
      dataDir,
      host: docxPrint ? { ...createHeadlessHost('web'), printDocx: docxPrint.printDocx } : createHeadlessHost('web'),
      version: '0.0.0-e2e',
      logToFile: true,
      secrets: createMemorySecretStore(),
      sandbox: { speed: SANDBOX_SPEED },
      hotFolder: { documentsDir: join(dataDir, 'Documents') },
      // A queue of the test's own: a real "Openfax" printer on this machine is never touched.
      printer: { printerName: `OpenfaxE2E_${process.pid}_${++printers}`, instance: `openfaxe2e${process.pid}n${printers}` },
    });
    if (!firstRun) services.settings.update({ gettingStartedDone: true });
    await services.hotfolder?.whenReady();
    const host = await startWebHost({
      router: createIpcRouter(createHandlers(services), { validateResponses: true }),
      events: services.events,
      rendererDir: join(process.env.OPENFAX_OUT_DIR ?? join(ROOT, 'out'), 'renderer'),
      ...(docxPrint ? { docxPrint } : {}),
    });
    await use({
      url: host.url,
      dataDir,
      services,
      hotFolder: services.hotfolder!.view().folder,
      listening: () => host.whenListening(),
    });
    await host.close();
    await services.dispose();
    await docxPrint?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
