import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { folderProblem } from '../../../electron/settings/folder-check.ts';
import { createHotFolderGate } from '../../../electron/settings/hot-folder-gate.ts';
import { placesHere } from '../../../electron/settings/hot-folder-rules.ts';
import { updateSettingsChecked } from '../../../electron/settings/settings-update.ts';
import { getSettings, setSettings } from '../../../electron/store/settings-repo.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-settings-'));
  store = openStore(join(dir, 'data'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const deps = () => {
  const gate = createHotFolderGate(placesHere({ dataDir: join(dir, 'data') }));
  return {
    settings: { get: () => getSettings(store.db), update: (p: Record<string, unknown>) => setSettings(store.db, p) },
    checkFolder: (path: string) => gate.checkUpdate(path, { transport: 'web' }),
  };
};

describe('updateSettingsChecked', () => {
  it('saves valid values and returns the settings as stored', async () => {
    const r = await updateSettingsChecked(deps(), { resolution: 'fine', lowCreditThreshold: 12.5, notifyOnResult: false });
    expect(r.ok).toBe(true);
    expect(getSettings(store.db)).toMatchObject({ resolution: 'fine', lowCreditThreshold: 12.5, notifyOnResult: false });
  });

  it('refuses bad values with a reason per field and saves none of the patch', async () => {
    const r = await updateSettingsChecked(deps(), { resolution: 'fine', fromHeader: 'x'.repeat(16), pollMaxIntervalSeconds: 3.5, nope: 1 });
    expect(r).toEqual({
      ok: false,
      errors: {
        fromHeader: "At most 15 characters (the vendor's limit).",
        pollMaxIntervalSeconds: 'Whole seconds only.',
        nope: 'Unknown setting "nope".',
      },
    });
    expect(getSettings(store.db).resolution).toBe('standard');
  });

  it('keeps the account keys to the account flow', async () => {
    const r = await updateSettingsChecked(deps(), { accountMode: 'live' });
    expect(r).toEqual({ ok: false, errors: { accountMode: 'Change the account in Settings → Account.' } });
  });

  it('checks two settings together, under the field that changed', async () => {
    expect(await updateSettingsChecked(deps(), { pollIntervalSeconds: 400 })).toEqual({
      ok: false,
      errors: { pollIntervalSeconds: 'Must be at most the slowest check (300 seconds).' },
    });
    expect((await updateSettingsChecked(deps(), { pollIntervalSeconds: 400, pollMaxIntervalSeconds: 600 })).ok).toBe(true);
  });

  it('takes a hot folder only when it can write there, creating one missing level', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    expect(await updateSettingsChecked(deps(), { hotFolderPath: file })).toEqual({
      ok: false,
      errors: { hotFolderPath: 'This is a file, not a folder. Choose a folder.' },
    });
    const deep = join(dir, 'missing', 'twice');
    expect(await updateSettingsChecked(deps(), { hotFolderPath: deep })).toEqual({
      ok: false,
      errors: { hotFolderPath: 'Neither this folder nor the folder it would go in exists. Choose an existing folder.' },
    });
    const fresh = join(dir, 'Faxes');
    expect((await updateSettingsChecked(deps(), { hotFolderPath: fresh })).ok).toBe(true);
    expect(getSettings(store.db).hotFolderPath).toBe(fresh);
    expect(await folderProblem('/proc/openfax-hot-folder')).toMatch(/cannot be created/);
  });

  it('refuses the home folder, a system folder and the data folder, without creating anything', async () => {
    for (const path of [homedir(), '/etc/openfax', join(dir, 'data', 'in')]) {
      const r = await updateSettingsChecked(deps(), { hotFolderPath: path });
      expect(r.ok, path).toBe(false);
      if (!r.ok) expect(r.errors.hotFolderPath, path).toMatch(/your home folder|system folder|its own data/);
    }
    expect(existsSync(join(dir, 'data', 'in'))).toBe(false);
    expect(getSettings(store.db).hotFolderPath).toBe('');
  });

  it('refuses a folder that holds files with what is in it, until the person confirms that path', async () => {
    const folder = join(dir, 'Taxes');
    mkdirSync(join(folder, 'Receipts'), { recursive: true });
    writeFileSync(join(folder, 'Return 2024.pdf'), '%PDF-1.7');
    writeFileSync(join(folder, 'notes.txt'), 'x');
    writeFileSync(join(folder, '.DS_Store'), 'x');
    const refused = await updateSettingsChecked(deps(), { hotFolderPath: folder });
    expect(refused).toEqual({
      ok: false,
      errors: { hotFolderPath: expect.stringMatching(/already holds 3 items.*In it: notes\.txt, Receipts\/, Return 2024\.pdf\./) },
      folderContents: { path: folder, names: ['notes.txt', 'Receipts/', 'Return 2024.pdf'], count: 3 },
    });
    expect(getSettings(store.db).hotFolderPath).toBe('');
    // A yes for another path is no yes for this one.
    const gate = createHotFolderGate(placesHere({ dataDir: join(dir, 'data') }));
    const other = await gate.checkUpdate(folder, { transport: 'web', confirmedContents: join(dir, 'Elsewhere') });
    expect(other).toMatchObject({ ok: false, listing: { count: 3 } });
    expect(await gate.checkUpdate(folder, { transport: 'web', confirmedContents: folder })).toEqual({ ok: true });
  });

  it('takes a folder that holds only what the hot folder leaves there', async () => {
    const folder = join(dir, 'Outbox');
    mkdirSync(join(folder, 'Rejected'), { recursive: true });
    mkdirSync(join(folder, 'Needs review'));
    writeFileSync(join(folder, '.openfax-write-test-1234'), 'x');
    writeFileSync(join(folder, 'desktop.ini'), 'x');
    expect((await updateSettingsChecked(deps(), { hotFolderPath: folder })).ok).toBe(true);
  });
});
