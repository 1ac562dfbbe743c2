// In-app updates through the real router. The browser host has no updater: every channel
// answers the view that says so. With an updater (a port that records, standing in for
// electron-updater, which test/electron/update runs for real) the channels check, restart and
// postpone; the feed setting refuses an address that is not https, with the reason, and asks
// about the full address. With the real outbox, "Restart now" waits only for uploads and holds
// new ones until the install has failed, which the host is told (window forward, notification).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../electron/app/handlers/index.ts';
import { createIpcRouter } from '../../../electron/app/ipc-router.ts';
import { type AppServices, createAppServices } from '../../../electron/app/services.ts';
import { createHeadlessHost } from '../../../electron/core/host.ts';
import { createMemorySecretStore } from '../../../electron/secrets/secret-store.ts';
import { getJobView } from '../../../electron/store/jobs-repo.ts';
import type { UpdatePort } from '../../../electron/update/update-port.ts';
import { updateMethods } from '../../../shared/ipc/contract/update.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { type HandlersHarness, itDispatchedEvery, startHandlers } from './handlers-harness.ts';

const dispatched = new Set<string>();

describe('where nothing updates itself (the browser host)', () => {
  let h: HandlersHarness;
  beforeAll(async () => {
    h = await startHandlers({ dispatched });
  });
  afterAll(() => h?.close());

  it('every channel answers the view that says updates come with the installed app', async () => {
    const expected = {
      supported: false,
      note: 'Updates come with the installed app.',
      currentVersion: 'test',
      phase: 'idle',
      postponed: false,
    };
    expect(await h.value('getUpdate', undefined)).toEqual(expected);
    expect(await h.value('checkForUpdate', undefined)).toEqual(expected);
    expect(await h.value('restartToUpdate', undefined)).toEqual(expected);
    expect(await h.value('postponeUpdate', undefined)).toEqual(expected);
  });

  it('keeps the update address: only the installed app can ask the person to confirm a new one', async () => {
    expect(await h.value('updateSettings', { patch: { updateFeedUrl: 'https://mirror.example.org/openfax/' } })).toEqual({
      ok: false,
      errors: { updateFeedUrl: 'Change the update address in the installed app: it asks you to confirm it there.' },
    });
    expect(await h.value('getSettings', undefined)).toMatchObject({ updateFeedUrl: '' });
  });
});

describe('with an updater', () => {
  const checked: string[] = [];
  let installs = 0;
  const port: UpdatePort = {
    kind: 'on-quit',
    check: async (feedUrl) => {
      checked.push(feedUrl);
      return { latest: '1.2.0', newer: true };
    },
    download: async (onProgress) => onProgress(100),
    // The app quits from here on: it never settles.
    install: () => {
      installs++;
      return new Promise<void>(() => undefined);
    },
    withdraw: () => undefined,
    canWithdraw: true,
  };
  let services: AppServices;
  let dataDir: string;
  // main's native dialog: what it was asked, and what the person answers.
  const asked: string[] = [];
  let answer = false;
  const call = async (name: string, payload?: unknown) => {
    dispatched.add(name);
    const r = await router.dispatch(name, payload, { transport: 'electron' });
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value as any;
  };
  let router: ReturnType<typeof createIpcRouter>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'openfax-handlers-update-'));
    services = await createAppServices({
      dataDir,
      host: {
        ...createHeadlessHost('electron'),
        confirm: async (q) => {
          asked.push(q.message);
          return answer;
        },
      },
      version: '1.0.0',
      secrets: createMemorySecretStore(),
      sandbox: { speed: 5000, inMemory: true },
      hotFolder: { enabled: false, documentsDir: join(dataDir, 'Documents') },
      updates: { port, defaultFeedUrl: 'https://updates.openfax.example/desktop/' },
    });
    router = createIpcRouter(createHandlers(services), { validateResponses: true });
  });
  afterAll(async () => {
    await services?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('checks the built-in feed, and answers once the check is done', async () => {
    expect(await call('getUpdate')).toMatchObject({ supported: true, phase: 'idle', feedUrl: 'https://updates.openfax.example/desktop/' });
    const view = await call('checkForUpdate');
    expect(checked).toEqual(['https://updates.openfax.example/desktop/']);
    expect(view.lastCheck).toMatchObject({ outcome: 'found' });
  });

  it('the feed setting refuses http:// on another computer, with the reason, and takes https:// once the person agrees', async () => {
    const refused = await call('updateSettings', { patch: { updateFeedUrl: 'http://updates.example.com/openfax/' } });
    expect(refused).toMatchObject({ ok: false });
    expect(refused.errors.updateFeedUrl).toMatch(/^Updates are fetched only over https:\/\//);
    expect(asked).toEqual([]);
    // The person says no in main's dialog: nothing changes.
    const declined = await call('updateSettings', { patch: { updateFeedUrl: 'https://mirror.example.org/openfax/' } });
    // The whole address: another path on a shared host is another feed.
    expect(asked).toEqual(['Get Openfax Desktop updates from https://mirror.example.org/openfax/?']);
    expect(declined).toEqual({
      ok: false,
      errors: {
        updateFeedUrl: 'The update address was not changed: you chose not to get updates from https://mirror.example.org/openfax/.',
      },
    });
    expect(await call('getUpdate')).toMatchObject({ feedUrl: 'https://updates.openfax.example/desktop/' });
    answer = true;
    const saved = await call('updateSettings', { patch: { updateFeedUrl: 'https://mirror.example.org/openfax/' } });
    expect(saved).toMatchObject({ ok: true, settings: { updateFeedUrl: 'https://mirror.example.org/openfax/' } });
    expect(await call('getUpdate')).toMatchObject({ feedUrl: 'https://mirror.example.org/openfax/' });
    // Saving the same address again asks nothing; going back to the built-in feed (empty) neither.
    await call('updateSettings', { patch: { updateFeedUrl: 'https://mirror.example.org/openfax/', theme: 'dark' } });
    expect(await call('updateSettings', { patch: { updateFeedUrl: '' } })).toMatchObject({ ok: true });
    expect(asked).toHaveLength(2);
    await call('updateSettings', { patch: { updateFeedUrl: 'https://mirror.example.org/openfax/' } });
  });

  it('postpones the ready update, then restarts to install it when nothing is being sent', async () => {
    expect(await call('getUpdate')).toMatchObject({ phase: 'ready', version: '1.2.0', postponed: false });
    expect(await call('postponeUpdate')).toMatchObject({ phase: 'ready', postponed: true });
    expect(await call('restartToUpdate')).toMatchObject({ phase: 'restarting' });
    await vi.waitFor(() => expect(installs).toBe(1));
  });
});

describe('"Restart now" and the real outbox', () => {
  // At the sandbox's real speed a fax Openfax has accepted stays "submitted" (awaiting its
  // report) for a minute or more: long enough to ask for a restart meanwhile.
  let services: AppServices;
  let dataDir: string;
  let installs = 0;
  let failInstall: ((err: Error) => void) | undefined;
  const port: UpdatePort = {
    kind: 'on-quit',
    check: async () => ({ latest: '1.2.0', newer: true }),
    download: async () => undefined,
    install: () =>
      new Promise<void>((_quits, reject) => {
        installs++;
        failInstall = reject;
      }),
    withdraw: () => undefined,
    canWithdraw: true,
  };
  const submit = async (label: string) => {
    const r = await services.outbox.submit({
      pdfBytes: await makePdf({ pages: [label] }),
      originalName: `${label}.pdf`,
      to: { number: '12025550150' },
    });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.jobIds[0] as number;
  };
  const state = (id: number) => getJobView(services.store.db, id)?.state;
  // The host that brings the window back and shows the notification when an install fails.
  const host = Object.assign(createHeadlessHost('electron'), { focused: 0 });
  host.focusWindow = () => {
    host.focused++;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'openfax-handlers-update-gate-'));
    services = await createAppServices({
      dataDir,
      host,
      version: '1.0.0',
      secrets: createMemorySecretStore(),
      sandbox: { speed: 1, inMemory: true },
      hotFolder: { enabled: false, documentsDir: join(dataDir, 'Documents') },
      updates: { port, defaultFeedUrl: 'https://updates.openfax.example/desktop/' },
    });
  });
  afterAll(async () => {
    await services?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('does not wait for a fax Openfax already has; no new upload starts until the install has failed', async () => {
    const sent = await submit('Sent');
    await vi.waitFor(() => expect(state(sent)).toBe('submitted'), { timeout: 10_000 });
    await services.updates.check();
    expect(services.updates.view().phase).toBe('ready');
    // A submitted fax survives a restart (the poller picks it up): nothing to wait for.
    expect(services.updates.restart().phase).toBe('restarting');
    await vi.waitFor(() => expect(installs).toBe(1));
    // While the installer runs, a new fax stays queued.
    const next = await submit('Next');
    await services.outbox.pollNow();
    expect(state(next)).toBe('queued');
    expect(services.outbox.queueState()).toMatchObject({ uploading: 0, queued: 1 });
    // The install fails (the password dialog canceled): the update is ready again and the fax goes.
    failInstall?.(new Error('Command pkexec exited with code 126'));
    await vi.waitFor(() => expect(services.updates.view().phase).toBe('ready'));
    expect(services.updates.view().lastCheck?.outcome).toBe('install-failed');
    // Told where the person will see it, window or not: the window comes forward, the OS says why.
    expect(host.focused).toBe(1);
    expect(host.notifications.filter((n) => n.title === 'Openfax Desktop was not updated')).toEqual([
      { title: 'Openfax Desktop was not updated', body: services.updates.view().lastCheck?.message },
    ]);
    await vi.waitFor(() => expect(state(next)).not.toBe('queued'), { timeout: 10_000 });
  });
});

describe('every update channel', () => {
  itDispatchedEvery(updateMethods, dispatched);
});
