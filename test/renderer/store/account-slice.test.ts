// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { account, settings } from '../fixtures.ts';
import { fakeMain, useStore } from '../harness.ts';

const hotFolder = { status: 'watching', folder: '/home/ann/Faxes', folderName: 'Faxes', detail: null } as const;

describe('app slice', () => {
  it('loads what main says about itself, or why it could not', async () => {
    fakeMain.answer('getAppInfo', () => ({
      name: 'Openfax Desktop',
      version: '1.2.3',
      dataDir: '/data',
      platform: 'linux',
      mode: 'sandbox',
      transport: 'web',
    }));
    await useStore.getState().loadAppInfo();
    expect(useStore.getState().info?.version).toBe('1.2.3');

    fakeMain.refuse('getAppInfo', 'Lost the connection to the Openfax host.');
    await useStore.getState().loadAppInfo();
    expect(useStore.getState()).toMatchObject({ info: undefined, infoError: 'Lost the connection to the Openfax host.' });
  });

  it('keeps the last five toasts', () => {
    for (let i = 1; i <= 7; i++) useStore.getState().pushToast({ level: 'info', title: `t${i}`, message: '' });
    expect(useStore.getState().toasts.map((t) => t.title)).toEqual(['t3', 't4', 't5', 't6', 't7']);
    useStore.getState().dismissToast(useStore.getState().toasts[0]!.id);
    expect(useStore.getState().toasts).toHaveLength(4);
  });
});

describe('account slice', () => {
  it('loads the account, connection, hot folder and settings, keeping what answered', async () => {
    fakeMain.answer('getAccount', () => account({ credit: 12 }));
    fakeMain.refuse('getConnection', 'no');
    fakeMain.answer('getHotFolder', () => hotFolder);
    fakeMain.answer('getSettings', () => settings({ fromHeader: 'Acme' }));
    await useStore.getState().loadAccountState();
    const s = useStore.getState();
    expect(s.account?.credit).toBe(12);
    expect(s.connection).toBeUndefined();
    expect(s.hotFolder?.folderName).toBe('Faxes');
    expect(s.settings?.fromHeader).toBe('Acme');
  });

  it('refuses a bad value under its field without asking main, and saves a good one', async () => {
    useStore.setState({ settings: settings() });
    expect(await useStore.getState().saveSetting('concurrency', 99)).toBe(false);
    expect(useStore.getState().settingErrors.concurrency).toMatch(/16/);
    expect(fakeMain.requestsTo('updateSettings')).toEqual([]);

    fakeMain.answer('updateSettings', ({ patch }) => ({ ok: true, settings: settings(patch) }));
    expect(await useStore.getState().saveSetting('concurrency', 8)).toBe(true);
    expect(fakeMain.requestsTo('updateSettings')).toEqual([{ patch: { concurrency: 8 } }]);
    expect(useStore.getState()).toMatchObject({ settings: { concurrency: 8 }, settingSave: { concurrency: 'saved' } });
    expect(useStore.getState().settingErrors.concurrency).toBeUndefined();
  });

  it("shows main's refusal under the field", async () => {
    useStore.setState({ settings: settings() });
    fakeMain.answer('updateSettings', () => ({ ok: false, errors: { hotFolderPath: 'The folder cannot be written to.' } }));
    expect(await useStore.getState().saveSetting('hotFolderPath', '/read-only')).toBe(false);
    expect(useStore.getState()).toMatchObject({
      settingErrors: { hotFolderPath: 'The folder cannot be written to.' },
      settingSave: { hotFolderPath: 'error' },
    });
  });

  it('refreshes the credit, and says why when it cannot', async () => {
    fakeMain.answer('testConnection', () => ({
      ok: false,
      mode: 'sandbox',
      error: { kind: 'network', code: 'ECONNREFUSED', message: 'Openfax did not answer.', action: 'Check the connection.' },
    }));
    fakeMain.answer('getAccount', () => account({ connection: 'error' }));
    await useStore.getState().refreshCredit();
    const s = useStore.getState();
    expect(s.creditRefreshing).toBe(false);
    expect(s.account?.connection).toBe('error');
    expect(s.toasts).toMatchObject([
      {
        level: 'error',
        title: 'Could not read the credit',
        message: 'Openfax did not answer. Check the connection.',
        code: 'ECONNREFUSED',
      },
    ]);
  });

  it('switches mode and saves credentials, taking the account main returns', async () => {
    fakeMain.answer('setAccountMode', ({ mode }) =>
      mode === 'live' ? { ok: false, reason: 'Enter your account ID and API key first.', test: null } : { ok: true, account: account() },
    );
    expect(await useStore.getState().setAccountMode('live')).toEqual({
      ok: false,
      reason: 'Enter your account ID and API key first.',
      test: null,
    });
    expect(useStore.getState().account).toBeUndefined();

    fakeMain.answer('saveAccount', ({ accountId }) => ({ ok: true, account: account({ accountId, keySet: true, liveReady: true }) }));
    const r = await useStore.getState().saveAccount({ accountId: '123456', apiKey: 'secret' });
    expect(r.ok).toBe(true);
    expect(useStore.getState().account).toMatchObject({ accountId: '123456', keySet: true });
    expect(fakeMain.requestsTo('saveAccount')).toEqual([{ accountId: '123456', apiKey: 'secret' }]);
  });

  it('opens the hot folder, or Settings when there is none to open', async () => {
    useStore.setState({ hotFolder, screen: 'outbox' });
    fakeMain.answer('openHotFolder', () => ({ opened: true }));
    await useStore.getState().openHotFolder();
    expect(useStore.getState().screen).toBe('outbox');

    fakeMain.answer('openHotFolder', () => ({ opened: false }));
    await useStore.getState().openHotFolder();
    expect(useStore.getState().screen).toBe('settings');

    useStore.setState({ hotFolder: { ...hotFolder, folder: '' }, screen: 'outbox' });
    await useStore.getState().openHotFolder();
    expect(useStore.getState().screen).toBe('settings');
    expect(fakeMain.requestsTo('openHotFolder')).toHaveLength(2);
  });

  it('saves a picked hot folder, shows why a picked folder is refused, and pauses', async () => {
    useStore.setState({ settings: settings(), hotFolder });
    fakeMain.answer('pickHotFolder', () => ({ kind: 'invalid', path: '/ro', reason: 'The folder cannot be written to.' }));
    await useStore.getState().pickHotFolder();
    expect(useStore.getState().settingErrors.hotFolderPath).toBe('The folder cannot be written to.');

    fakeMain.answer('pickHotFolder', () => ({ kind: 'picked', path: '/home/ann/In' }));
    fakeMain.answer('updateSettings', ({ patch }) => ({ ok: true, settings: settings(patch) }));
    await useStore.getState().pickHotFolder();
    expect(useStore.getState().settings?.hotFolderPath).toBe('/home/ann/In');

    fakeMain.answer('setHotFolderPaused', ({ paused }) => ({ ...hotFolder, status: paused ? 'paused' : 'watching' }));
    await useStore.getState().setHotFolderPaused(true);
    expect(useStore.getState().hotFolder?.status).toBe('paused');
  });
});
