import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { folderProblem } from '../../../electron/settings/folder-check.ts';
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

const deps = () => ({
  settings: { get: () => getSettings(store.db), update: (p: Record<string, unknown>) => setSettings(store.db, p) },
  checkFolder: folderProblem,
});

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
});
