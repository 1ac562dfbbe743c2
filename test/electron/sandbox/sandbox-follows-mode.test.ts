// The app's simulator answers only while the app is in sandbox mode: switched to a live account
// its HTTP server closes (a local process finds nothing in the app's main process to load, and
// cannot take the port: it stays held), and switched back it opens again at the same address,
// in time for the credit read of the switch.
// An app that starts live never opens it. Judged over real sockets.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type AppServices, createAppServices } from '../../../electron/app/services.ts';
import { createHeadlessHost } from '../../../electron/core/host.ts';
import { createMemorySecretStore, type SecretStore } from '../../../electron/secrets/secret-store.ts';
import { setSettings } from '../../../electron/store/settings-repo.ts';
import { openStore } from '../../../electron/store/store.ts';
import { type OpenfaxStandIn, startOpenfaxStandIn } from '../../fakes/openfax-stand-in.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function app(dataDir: string, secrets: SecretStore): Promise<AppServices> {
  const services = await createAppServices({
    dataDir,
    host: createHeadlessHost(),
    version: 't',
    secrets,
    sandbox: { speed: 1000, inMemory: true },
    hotFolder: { enabled: false },
  });
  cleanups.push(() => services.dispose());
  return services;
}

async function standIn(): Promise<OpenfaxStandIn> {
  const s = await startOpenfaxStandIn({ credit: 12.5 });
  cleanups.push(() => s.close());
  return s;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'openfax-sandbox-mode-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The sandbox's credit script over a fresh connection: its HTTP status, or the socket error. */
async function reach(url: string): Promise<number | string> {
  try {
    return (await fetch(`${url}/getAvailableCredit.php`, { headers: { connection: 'close' } })).status;
  } catch (err) {
    return ((err as Error).cause as NodeJS.ErrnoException | undefined)?.code ?? String(err);
  }
}

/** What a local process gets trying to listen on `port`: 'bound' (it took it) or the error code. */
async function squat(port: number): Promise<string> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? String(err)));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve('bound')));
  });
}

describe('the app sandbox server follows the account mode', () => {
  it('closes when the app goes live and opens again, at the same address, when it comes back', async () => {
    const live = await standIn();
    const s = await app(tempDir(), createMemorySecretStore());
    const url = s.sandbox.url;
    expect(s.mode()).toBe('sandbox');
    expect(await reach(url)).toBe(200);

    await s.account.setCredentials({ accountId: '777000111', apiKey: 'live-key-5521aa', apiUrl: live.url });
    expect(await s.account.setMode('live')).toMatchObject({ ok: true, status: { mode: 'live', credit: 12.5 } });
    expect(s.sandbox.listening).toBe(false);
    // Nothing answers, and nothing else may take the port meanwhile (port-hold.ts).
    expect(typeof (await reach(url))).toBe('string');
    expect(await squat(s.sandbox.port)).toBe('EADDRINUSE');

    // The switch reads the sandbox's credit at once: the server must already be open for it.
    expect(await s.account.setMode('sandbox')).toMatchObject({ ok: true, status: { mode: 'sandbox', connection: 'ok', credit: 1000 } });
    expect(s.sandbox.url).toBe(url);
    expect(await reach(url)).toBe(200);
  });

  it('never opens it in an app that starts live, until the person switches to the sandbox', async () => {
    const live = await standIn();
    const dataDir = tempDir();
    const secrets = createMemorySecretStore();
    const first = await app(dataDir, secrets);
    await first.account.setCredentials({ accountId: '777000111', apiKey: 'live-key-5521aa', apiUrl: live.url });
    await first.dispose();
    const store = openStore(dataDir);
    expect(setSettings(store.db, { accountMode: 'live' })).toMatchObject({ ok: true });
    store.close();

    const s = await app(dataDir, secrets);
    expect(s.mode()).toBe('live');
    expect(s.sandbox.listening).toBe(false);
    expect(typeof (await reach(s.sandbox.url))).toBe('string');
    expect(await squat(s.sandbox.port)).toBe('EADDRINUSE');
    expect(await s.account.setMode('sandbox')).toMatchObject({ ok: true, status: { connection: 'ok' } });
    expect(await reach(s.sandbox.url)).toBe(200);
  });
});
