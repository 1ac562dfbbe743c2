import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createHeadlessHost } from '../../../electron/core/host.ts';
import { type AppServices, createAppServices } from '../../../electron/app/services.ts';
import { encodeBoundKey } from '../../../electron/account/key-binding.ts';
import { startSandbox } from '../../../electron/sandbox/index.ts';
import { createMemorySecretStore } from '../../../electron/secrets/secret-store.ts';

let services: AppServices | undefined;
afterEach(async () => {
  await services?.dispose();
  services = undefined;
});

async function start(secrets = createMemorySecretStore()) {
  const dataDir = mkdtempSync(join(tmpdir(), 'openfax-account-'));
  services = await createAppServices({
    dataDir,
    host: createHeadlessHost(),
    hotFolder: { enabled: false },
    version: 't',
    secrets,
    sandbox: { speed: 1000 },
    logToFile: true,
  });
  // The outbox reads the credit in the background at start and tells the account; a read that
  // lands mid-test would overwrite the connection state a test has just produced.
  const started = services;
  await vi.waitFor(() => expect(started.outbox.lastCredit()).toBeDefined(), { timeout: 10_000 });
  return { services, dataDir, secrets };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

describe('account service', () => {
  it('starts in sandbox mode and reads the credit from the embedded sandbox', async () => {
    const { services } = await start();
    const first = services.outbox.lastCredit()?.credit;
    expect(first).toBeGreaterThan(0);
    expect(services.account.status()).toMatchObject({ mode: 'sandbox', keySet: false, liveReady: false, connection: 'ok', credit: first });
    const r = await services.account.testConnection();
    expect(r.ok && r.credit).toBeGreaterThan(0);
    expect(services.account.status().connection).toBe('ok');
  });

  it('refuses live mode without credentials, then reports the exact error for a wrong key', async () => {
    const { dataDir, secrets } = await start();
    if (!services) throw new Error('not started');
    await expect(services.account.setMode('live')).rejects.toThrow(/account ID and API key/);
    const demo = services.sandbox.demoAccount;
    // A "real" account on a simulator of its own (the app's closes while live), with a wrong key.
    const live = await startSandbox({ speed: 1000 });
    onTestFinished(() => live.close());
    await services.account.setCredentials({ accountId: demo.accountId, apiKey: 'wrong-key-123456', apiUrl: live.url });
    expect(await secrets.get(demo.accountId)).toBe(encodeBoundKey({ apiKey: 'wrong-key-123456', origin: new URL(live.url).origin }));
    // A failing test keeps the sandbox; the person may still switch anyway, and sees the failure.
    expect(await services.account.setMode('live')).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(services.account.mode()).toBe('sandbox');
    await services.account.setMode('live', { anyway: true });
    const bad = await services.account.testConnection();
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.kind).toBe('auth');
    expect(services.account.status()).toMatchObject({ connection: 'error', lastError: { kind: 'auth' }, keySet: true });
    await services.account.setCredentials({ accountId: demo.accountId, apiKey: demo.apiKey });
    const good = await services.account.testConnection();
    expect(good.ok).toBe(true);
    // The key is in the secret store only: not in the database, the log, or any other file.
    // (The embedded sandbox plays the vendor's server, which knows its accounts' keys.)
    await services.dispose();
    services = undefined;
    for (const file of filesUnder(dataDir)) {
      const text = readFileSync(file).toString('latin1');
      expect(text.includes('wrong-key-123456'), file).toBe(false);
      if (!file.startsWith(join(dataDir, 'sandbox'))) expect(text.includes(demo.apiKey), file).toBe(false);
    }
  });

  it('validates what is typed and never returns the key', async () => {
    const { services } = await start();
    await expect(services.account.setCredentials({ accountId: 'abc', apiKey: 'k' })).rejects.toThrow(/digits only/);
    await expect(services.account.setCredentials({ accountId: '123', apiKey: '   ' })).rejects.toThrow(/empty/);
    const st = await services.account.setCredentials({ accountId: '123', apiKey: 'secret-key-xyz' });
    expect(JSON.stringify(st)).not.toContain('secret-key-xyz');
    const removed = await services.account.removeKey();
    expect(removed).toMatchObject({ keySet: false, mode: 'sandbox' });
  });
});
