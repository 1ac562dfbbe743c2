// The browser host as its tests start it: real services (in-memory sandbox, memory keychain),
// the real router and handlers, and a stand-in renderer page, in a temp folder of its own.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers } from '../../../electron/app/handlers/index.ts';
import { createIpcRouter } from '../../../electron/app/ipc-router.ts';
import { type AppServices, createAppServices, type ServicesOptions } from '../../../electron/app/services.ts';
import { createHeadlessHost } from '../../../electron/core/host.ts';
import { createMemorySecretStore } from '../../../electron/secrets/secret-store.ts';
import { startWebHost, type WebHost } from '../../../electron/web/web-host.ts';

export interface WebHarness {
  dir: string;
  services: AppServices;
  host: WebHost;
  /** Stops the host and the services and removes the folder. */
  close(): Promise<void>;
}

/** `hotFolder` as createAppServices takes it (off unless given); its Documents folder is inside the harness folder. */
export async function startWebHarness(prefix: string, hotFolder: ServicesOptions['hotFolder'] = { enabled: false }): Promise<WebHarness> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Openfax Desktop</title>');
  const services = await createAppServices({
    dataDir: join(dir, 'data'),
    host: createHeadlessHost('web'),
    version: 't',
    secrets: createMemorySecretStore(),
    sandbox: { speed: 1000, inMemory: true },
    hotFolder: { documentsDir: join(dir, 'Documents'), ...hotFolder },
  });
  await services.hotfolder?.whenReady();
  const host = await startWebHost({
    router: createIpcRouter(createHandlers(services), { validateResponses: true }),
    events: services.events,
    rendererDir,
  });
  return {
    dir,
    services,
    host,
    async close() {
      await host.close();
      await services.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
