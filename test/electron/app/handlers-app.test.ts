// The app channels through the real router: who we are, and the data folder opened by the OS.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appMethods } from '../../../shared/ipc/contract/app.ts';
import { type HandlersHarness, itDispatchedEvery, startHandlers } from './handlers-harness.ts';

const dispatched = new Set<string>();
let h: HandlersHarness;

beforeAll(async () => {
  h = await startHandlers({ dispatched });
});
afterAll(() => h.close());

describe('app channels', () => {
  it('name the app, its data folder, the mode and the transport', async () => {
    expect(await h.value('getAppInfo', undefined)).toEqual({
      name: 'Openfax Desktop',
      version: 'test',
      dataDir: h.dataDir,
      platform: process.platform,
      mode: 'sandbox',
      transport: 'web',
    });
  });

  it('open the data folder with the OS, and say when nothing could', async () => {
    expect(await h.value('revealDataDir', undefined)).toEqual({ opened: true });
    expect(h.host.opened).toEqual([h.dataDir]);
    h.host.canOpen = false;
    expect(await h.value('revealDataDir', undefined)).toEqual({ opened: false });
  });

  it('tell the transport the renderer listens; with nothing held, nothing is delivered', async () => {
    expect(await h.value('rendererReady', undefined)).toEqual({ delivered: 0 });
  });

  it('refuse a payload where the channel takes none', async () => {
    const bad = await h.refusal('revealDataDir', { path: '/etc' });
    expect(bad).toMatchObject({ code: 'invalid-payload', issues: [{ path: '(payload)' }] });
    expect(h.host.opened).not.toContain('/etc');
  });

  itDispatchedEvery(appMethods, dispatched);
});
