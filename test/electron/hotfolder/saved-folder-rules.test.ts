// A hot folder saved by an older version, which let any folder be one, is checked again at
// start: the home folder, Documents, Desktop or the data folder is never watched (nothing in it
// moves, no Rejected/ appears), the status says why and what to do, and choosing another
// folder starts the watcher there. A folder of files that was already the hot folder is not
// asked about again: only the places that can never be one are.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../electron/app/handlers/index.ts';
import { createIpcRouter } from '../../../electron/app/ipc-router.ts';
import { type AppServices, createAppServices } from '../../../electron/app/services.ts';
import { createHeadlessHost } from '../../../electron/core/host.ts';
import { createMemorySecretStore } from '../../../electron/secrets/secret-store.ts';
import { getSetting, setSetting } from '../../../electron/store/settings-repo.ts';
import { openStore } from '../../../electron/store/store.ts';
import type { HotFolderView } from '../../../shared/ipc/contract/account.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';

let root: string;
let home: string;
let documents: string;
let pdf: Uint8Array;
const running: AppServices[] = [];

beforeAll(async () => {
  pdf = await makePdf({ pages: ['a letter of their own'] });
});
afterEach(async () => {
  for (const s of running.splice(0)) await s.dispose();
  rmSync(root, { recursive: true, force: true });
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A temp machine: a home with a Documents folder, and a data folder, each apart. */
function machine(): void {
  root = mkdtempSync(join(tmpdir(), 'openfax-saved-hot-'));
  home = join(root, 'home', 'ann');
  documents = join(home, 'Documents');
  mkdirSync(documents, { recursive: true });
}

/** The person's own files, one of them a PDF the hot folder would take at once. */
function ownFiles(folder: string): string[] {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'Tax return.pdf'), pdf);
  writeFileSync(join(folder, 'notes.txt'), 'mine');
  return readdirSync(folder).sort();
}

/** The app started on a data folder whose settings already name `saved` as the hot folder. */
async function startWith(saved: string, dataDir = join(root, 'data')) {
  const store = openStore(dataDir);
  expect(setSetting(store.db, 'hotFolderPath', saved)).toMatchObject({ ok: true });
  store.close();
  const services = await createAppServices({
    dataDir,
    host: createHeadlessHost('web'),
    version: 'test',
    secrets: createMemorySecretStore(),
    sandbox: { speed: 5000, inMemory: true },
    hotFolder: { enabled: true, documentsDir: documents, home, watcher: { settleMs: 50, rescanIntervalMs: 100 } },
  });
  running.push(services);
  const seen: HotFolderView[] = [];
  services.events.on('hotFolderChanged', (v) => seen.push(v));
  const router = createIpcRouter(createHandlers(services), { validateResponses: true });
  const call = async (name: string, payload: unknown) => {
    const r = await router.dispatch(name, payload, { transport: 'web' });
    if (!r.ok) throw new Error(`${name} refused: ${JSON.stringify(r.error)}`);
    return r.value as Record<string, unknown>;
  };
  await services.hotfolder?.whenReady();
  return { services, call, seen };
}

const composeNames = async (call: (n: string, p: unknown) => Promise<Record<string, unknown>>) =>
  ((await call('getCompose', undefined)) as { draft: { documents: Array<{ name: string }> } }).draft.documents.map((d) => d.name);

describe('a hot folder saved before the rules', () => {
  it('is not watched at start when it is the home folder: nothing moves, the status says why, another folder works', async () => {
    machine();
    const before = ownFiles(home);
    const { services, call, seen } = await startWith(home);

    const refused = {
      status: 'stopped',
      folder: home,
      detail: expect.stringMatching(
        /^Not watched, and nothing in it was moved: .* is your home folder\..* Choose another folder in Settings/,
      ),
    };
    expect(await call('getHotFolder', undefined)).toMatchObject(refused);
    // Resume (the tray, a renderer) does not start it either.
    expect(await services.hotfolder?.resume()).toMatchObject(refused);

    // Another folder, chosen the way the browser host chooses one: watched, and it takes its PDF.
    const faxes = join(root, 'Faxes');
    mkdirSync(faxes);
    expect(await call('updateSettings', { patch: { hotFolderPath: faxes } })).toMatchObject({ ok: true });
    await vi.waitFor(async () =>
      expect(await call('getHotFolder', undefined)).toMatchObject({ status: 'watching', folder: faxes, detail: null }),
    );
    // The renderer heard it too: the refusal is gone from its status.
    expect(seen.at(-1)).toMatchObject({ status: 'watching', folder: faxes, detail: null });
    writeFileSync(join(faxes, 'fax me.pdf'), pdf);
    await vi.waitFor(async () => expect(await composeNames(call)).toEqual(['fax me.pdf']), { timeout: 15_000, interval: 25 });

    // The home folder's PDF, there all along, was never taken: the watcher never looked at it.
    expect(readdirSync(home).sort()).toEqual(before);
    expect(existsSync(join(home, 'Rejected'))).toBe(false);
    expect(getSetting(services.store.db, 'hotFolderPath')).toBe(faxes);
  });

  it('refuses the Documents and Desktop roots and the data folder alike, each in its own words', async () => {
    machine();
    const dataDir = join(root, 'data');
    for (const [saved, words] of [
      [documents, /is your Documents folder/],
      [join(home, 'Desktop'), /is your Desktop/],
      [join(dataDir, 'inbox'), /where Openfax Desktop keeps its own data/],
    ] as const) {
      const before = ownFiles(saved);
      const { services, call } = await startWith(saved, dataDir);
      expect(await call('getHotFolder', undefined), saved).toMatchObject({
        status: 'stopped',
        folder: saved,
        detail: expect.stringMatching(words),
      });
      expect(readdirSync(saved).sort(), saved).toEqual(before);
      await services.dispose();
      running.splice(running.indexOf(services), 1);
    }
  });

  it('stops watching, and moves nothing, when the settings name such a folder behind the gate’s back', async () => {
    machine();
    const faxes = join(root, 'Faxes');
    mkdirSync(faxes);
    const { services, call } = await startWith(faxes);
    expect(await call('getHotFolder', undefined)).toMatchObject({ status: 'watching', folder: faxes });
    const before = ownFiles(documents);
    expect(services.settings.update({ hotFolderPath: documents })).toEqual({ ok: true });
    await services.hotfolder?.whenReady();
    expect(await call('getHotFolder', undefined)).toMatchObject({
      status: 'stopped',
      folder: documents,
      detail: expect.stringContaining('is your Documents folder'),
    });
    // Back to the folder it watched: watching again, and it takes what arrives.
    expect(services.settings.update({ hotFolderPath: faxes })).toEqual({ ok: true });
    await services.hotfolder?.whenReady();
    expect(await call('getHotFolder', undefined)).toMatchObject({ status: 'watching', folder: faxes, detail: null });
    writeFileSync(join(faxes, 'fax me.pdf'), pdf);
    await vi.waitFor(async () => expect(await composeNames(call)).toEqual(['fax me.pdf']), { timeout: 15_000, interval: 25 });
    expect(readdirSync(documents).sort()).toEqual(before);
  });

  it('keeps watching a folder of files that was already the hot folder, without asking again', async () => {
    machine();
    const shared = join(root, 'Shared faxes');
    ownFiles(shared);
    const { call } = await startWith(shared);
    await vi.waitFor(async () => expect(await composeNames(call)).toEqual(['Tax return.pdf']), { timeout: 15_000, interval: 25 });
    expect(await call('getHotFolder', undefined)).toMatchObject({ status: 'watching', folder: shared, detail: null });
  });
});
