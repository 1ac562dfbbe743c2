// A hot folder pointed at a folder of other files through the browser host's WebSocket, as a
// page (or a hostile one with the page's token) would send it: refused with the listing and
// nothing moved, the watcher where it was; taken only with a yes bound to that very path.

import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { AppServices } from '../../../electron/app/services.ts';
import type { WebHost } from '../../../electron/web/web-host.ts';
import { startWebHarness, type WebHarness } from './web-harness.ts';

let dir: string;
let services: AppServices;
let web: WebHarness | undefined;
let host: WebHost;
let ws: WebSocket;
let nextId = 1;

beforeAll(async () => {
  web = await startWebHarness('openfax-web-hot-', { watcher: { settleMs: 50, rescanIntervalMs: 200 } });
  ({ dir, services, host } = web);
  ws = new WebSocket(`${host.origin.replace('http:', 'ws:')}/ipc?token=${encodeURIComponent(host.token)}`, { origin: host.origin });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
});
afterAll(async () => {
  ws?.terminate();
  await web?.close();
});

function call(method: string, payload: unknown): Promise<any> {
  const id = nextId++;
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(String(data)) as { id?: number; result?: unknown };
      if (msg.id !== id) return;
      ws.off('message', onMessage);
      resolve(msg.result);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, method, payload }));
  });
}

describe('the hot folder over the browser host', () => {
  it('refuses a folder of other files with what is in it, moves nothing, and takes it only with a yes for that path', async () => {
    const before = services.hotfolder!.view().folder;
    const folder = join(dir, 'Accounts');
    mkdirSync(folder);
    writeFileSync(join(folder, 'Invoice 7.pdf'), 'not really a PDF');
    writeFileSync(join(folder, 'budget.xlsx'), 'x');

    const refused = await call('updateSettings', { patch: { hotFolderPath: folder } });
    expect(refused).toEqual({
      ok: true,
      value: {
        ok: false,
        errors: { hotFolderPath: expect.stringContaining('already holds 2 items') },
        folderContents: { path: folder, names: ['budget.xlsx', 'Invoice 7.pdf'], count: 2 },
      },
    });
    const other = await call('updateSettings', { patch: { hotFolderPath: folder }, confirmFolderContents: join(dir, 'Documents') });
    expect(other.value.ok).toBe(false);
    expect(readdirSync(folder).sort()).toEqual(['Invoice 7.pdf', 'budget.xlsx']);
    expect(existsSync(join(folder, 'Rejected'))).toBe(false);
    expect(services.settings.get().hotFolderPath).toBe('');
    expect(services.hotfolder!.view().folder).toBe(before);

    const yes = await call('updateSettings', { patch: { hotFolderPath: folder }, confirmFolderContents: folder });
    expect(yes).toMatchObject({ ok: true, value: { ok: true, settings: { hotFolderPath: folder } } });
    await vi.waitFor(() => expect(existsSync(join(folder, 'Rejected', 'Invoice 7.pdf'))).toBe(true), { timeout: 10_000 });
  });

  it('refuses the data folder and a malformed confirmation, with the process still answering', async () => {
    const data = await call('updateSettings', { patch: { hotFolderPath: services.dataDir }, confirmFolderContents: services.dataDir });
    expect(data.value).toMatchObject({ ok: false, errors: { hotFolderPath: expect.stringContaining('its own data') } });
    const malformed = await call('updateSettings', { patch: { hotFolderPath: dir }, confirmFolderContents: 7 });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid-payload', issues: [{ path: 'confirmFolderContents' }] } });
    expect(await call('getAppInfo', undefined)).toMatchObject({ ok: true, value: { transport: 'web' } });
  });
});
