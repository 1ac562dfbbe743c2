// Which folders can be the archive folder: the person's own (Documents itself too: the archive
// only adds files), not the system's, not the app's data folder, not the hot folder or a folder
// inside it (the hot folder would take the archived faxes and send them again), and only one we
// can write to. The hot folder's gate asks the same rule the other way: a new hot folder may
// not be the archive folder or hold it.

import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultHotFolder } from '../../../electron/hotfolder/default-folder.ts';
import { archiveFolderProblem } from '../../../electron/settings/archive-folder.ts';
import { createHotFolderGate } from '../../../electron/settings/hot-folder-gate.ts';
import { archiveInHotFolder, type HotFolderPlaces } from '../../../electron/settings/hot-folder-rules.ts';

let home: string;
let places: HotFolderPlaces;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'openfax-archive-rules-'));
  mkdirSync(join(home, 'Documents'));
  mkdirSync(join(home, 'data'));
  places = { platform: 'linux', home, documents: join(home, 'Documents'), dataDir: join(home, 'data'), tmp: tmpdir() };
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('archiveFolderProblem', () => {
  it('takes a folder of the person’s own, Documents itself included, and makes one missing level', async () => {
    expect(await archiveFolderProblem(join(home, 'Documents'), places)).toBeUndefined();
    expect(await archiveFolderProblem(join(home, 'Documents', 'Fax archive'), places)).toBeUndefined();
  });

  it('refuses system folders and the app’s data, also through a link', async () => {
    expect(await archiveFolderProblem('/usr/share', places)).toBe(
      '/usr/share is a system folder. Choose a folder of your own for the archive, for example "Fax archive" in Documents.',
    );
    expect(await archiveFolderProblem(join(home, 'data', 'archive'), places)).toMatch(/keeps its own data/);
    const link = join(home, 'to-etc');
    symlinkSync('/etc', link);
    expect(await archiveFolderProblem(link, places)).toContain('/etc is a system folder.');
  });

  it('refuses the hot folder (the default one too) and any folder inside it, also through a link, but not a folder holding it', async () => {
    const hot = defaultHotFolder(join(home, 'Documents'));
    mkdirSync(hot, { recursive: true });
    const why = await archiveFolderProblem(hot, places, hot);
    expect(why).toBe(
      `${hot} is the hot folder (${hot}) or inside it: the hot folder would take every archived fax and send it again. Choose a folder of your own for the archive, for example "Fax archive" in Documents.`,
    );
    expect(await archiveFolderProblem(join(hot, 'Archive'), places, hot)).toMatch(/is the hot folder .* or inside it/);
    const link = join(home, 'to-outbox');
    symlinkSync(hot, link);
    expect(await archiveFolderProblem(link, places, hot)).toMatch(/is the hot folder .* or inside it/);
    // Both use only their own top level: Documents may hold the hot folder and be the archive.
    expect(await archiveFolderProblem(join(home, 'Documents'), places, hot)).toBeUndefined();
    expect(await archiveFolderProblem(join(home, 'Documents', 'Fax archive'), places, hot)).toBeUndefined();
  });

  it('is one rule for both folders, compared as each platform compares names', () => {
    expect(archiveInHotFolder('/home/a/Outbox', '/home/a/Outbox/', 'linux')).toBe(true);
    expect(archiveInHotFolder('/home/a/Outbox/x', '/home/a/Outbox', 'linux')).toBe(true);
    expect(archiveInHotFolder('/home/a/outbox', '/home/a/Outbox', 'linux')).toBe(false);
    expect(archiveInHotFolder('/Users/a/outbox/Archive', '/Users/a/Outbox', 'darwin')).toBe(true);
    expect(archiveInHotFolder('C:\\Users\\a\\OUTBOX', 'c:\\users\\a\\Outbox', 'win32')).toBe(true);
    expect(archiveInHotFolder('/home/a/Outbox2', '/home/a/Outbox', 'linux')).toBe(false);
    expect(archiveInHotFolder('/home/a', '/home/a/Outbox', 'linux')).toBe(false);
  });

  it('keeps the hot folder off the archive folder and off a folder holding it, whichever way it is chosen', async () => {
    const archive = join(home, 'Faxes', 'Archive');
    mkdirSync(archive, { recursive: true });
    const gate = createHotFolderGate(places, Date.now, () => archive);
    for (const hot of [archive, join(home, 'Faxes')]) {
      const verdict = await gate.checkUpdate(hot, { transport: 'web', confirmedContents: hot });
      expect(verdict).toMatchObject({ ok: false, reason: expect.stringContaining(`is or holds the archive folder (${archive})`) });
      expect(await gate.checkPicked(hot, async () => true)).toMatchObject({ ok: false });
    }
    const beside = join(home, 'Faxes', 'Outbox');
    mkdirSync(beside);
    expect(await gate.checkUpdate(beside, { transport: 'web' })).toEqual({ ok: true });
  });

  // Root writes anywhere, and Windows has no POSIX modes.
  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)(
    'refuses a folder it cannot write to, with the system’s code',
    async () => {
      const locked = join(home, 'locked');
      mkdirSync(locked);
      chmodSync(locked, 0o500);
      expect(await archiveFolderProblem(locked, places)).toMatch(/cannot write to this folder \(permission denied, EACCES\)/);
    },
  );
});
