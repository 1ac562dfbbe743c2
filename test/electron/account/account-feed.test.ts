import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../shared/settings.ts';
import { createAccountService } from '../../../electron/account/account-service.ts';
import { createLogger } from '../../../electron/core/logger.ts';
import { startAccountFeed } from '../../../electron/account/account-feed.ts';
import { sandboxFacts } from '../../../electron/account/account-view.ts';
import { createEmitter } from '../../../electron/outbox/emitter.ts';
import type { OutboxEvents } from '../../../electron/outbox/types.ts';
import { createMemorySecretStore } from '../../../electron/secrets/secret-store.ts';
import { getSettings, setSettings } from '../../../electron/store/settings-repo.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-feed-'));
  store = openStore(dir);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function settingsService() {
  const listeners = new Set<(changed: Array<keyof Settings>, s: Settings) => void>();
  return {
    get: () => getSettings(store.db),
    update(patch: Partial<Settings>) {
      const r = setSettings(store.db, patch);
      if (r.ok) for (const l of listeners) l(Object.keys(patch) as Array<keyof Settings>, getSettings(store.db));
      return r;
    },
    onChange(l: (changed: Array<keyof Settings>, s: Settings) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

describe('startAccountFeed', () => {
  it('pushes account, settings and connection changes, never the key', async () => {
    const settings = settingsService();
    const account = await createAccountService({ settings, secrets: createMemorySecretStore() });
    const outbox = createEmitter<OutboxEvents>(createLogger('test'));
    const events: Array<[string, unknown]> = [];
    const stop = startAccountFeed({
      account,
      settings,
      sandbox: sandboxFacts({ demoAccount: { accountId: '100000001' } }),
      outbox,
      emit: (name, payload) => events.push([name, payload]),
    });

    await account.setCredentials({ accountId: '200000002', apiKey: 'feed-test-key-5521' });
    expect(events.at(-1)).toMatchObject(['accountChanged', { accountId: '200000002', keySet: true, liveReady: true }]);
    expect(JSON.stringify(events)).not.toContain('feed-test-key-5521');

    settings.update({ lowCreditThreshold: 20 });
    expect(events.slice(-2).map(([n]) => n)).toEqual(['settingsChanged', 'accountChanged']);
    expect(events.at(-1)?.[1]).toMatchObject({ lowCreditThreshold: 20 });

    const down = {
      state: 'error',
      lastSuccessAt: 1,
      lastError: 'Could not reach Openfax.',
      consecutiveFailures: 1,
      nextPollAt: 2,
    } as const;
    outbox.emit('poller-health', down);
    outbox.emit('poller-health', { ...down, consecutiveFailures: 2 });
    outbox.emit('poller-health', { ...down, state: 'ok', lastError: null });
    expect(events.filter(([n]) => n === 'connectionChanged').map(([, p]) => (p as { state: string }).state)).toEqual(['offline', 'ok']);

    stop();
    settings.update({ lowCreditThreshold: 30 });
    expect(events.at(-1)?.[1]).toMatchObject({ state: 'ok' });
  });
});
