// Start-up registers every disposer where it is made; dispose() leaves nothing running: no
// open database, no listening simulator.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../electron/app/services.ts';
import { createHeadlessHost } from '../../../electron/core/host.ts';
import { createMemorySecretStore } from '../../../electron/secrets/secret-store.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('app services lifecycle', () => {
  it('names what runs, and dispose() stops all of it, newest first', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'openfax-dispose-'));
    dirs.push(dataDir);
    const services = await createAppServices({
      dataDir,
      host: createHeadlessHost(),
      version: '0.0.0-test',
      secrets: createMemorySecretStore(),
      sandbox: { speed: 100, inMemory: true },
      hotFolder: { documentsDir: join(dataDir, 'Documents') },
    });
    await services.hotfolder?.whenReady();
    expect(services.running).toEqual(
      expect.arrayContaining(['store', 'sandbox', 'outbox', 'jobs feed', 'account feed', 'result notifier', 'compose', 'hot folder']),
    );
    // Downloads of the image Openfax sent stop before the reports: an archive write waiting for one does not hold shutdown.
    expect(services.running.indexOf('as-sent downloads')).toBeGreaterThan(services.running.indexOf('reports and archive'));
    const sandboxUrl = services.sandbox.url;
    expect((await fetch(`${sandboxUrl}/`)).status).toBeGreaterThan(0);

    await services.dispose();

    expect(services.running).toEqual([]);
    await expect(fetch(`${sandboxUrl}/`)).rejects.toThrow();
    expect(() => services.store.db.prepare('SELECT 1').get()).toThrow();
  });
});
