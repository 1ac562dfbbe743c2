// A hot folder pointed at a folder of other files, through the real handlers with the hot
// folder running: refused with what is in it, nothing moved and the watcher where it was, until
// the person says yes (the browser: a yes bound to that path; Electron: the native picker and
// a native dialog in main, never the renderer's word).

import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getSetting } from '../../../electron/store/settings-repo.ts';
import { type HandlersHarness, startHandlers } from '../app/handlers-harness.ts';

let h: HandlersHarness;
let root: string;
let defaultFolder: string;

beforeAll(async () => {
  h = await startHandlers({ dispatched: new Set(), hotFolder: true });
  root = mkdtempSync(join(tmpdir(), 'openfax-hot-choice-'));
  defaultFolder = join(h.documentsDir, 'Openfax Outbox');
  await vi.waitFor(async () =>
    expect(await h.value('getHotFolder', undefined)).toMatchObject({ status: 'watching', folder: defaultFolder }),
  );
});
afterAll(async () => {
  await h.close();
  rmSync(root, { recursive: true, force: true });
});

/** A folder of someone's own files. */
function folderOfFiles(name: string): string {
  const folder = join(root, name);
  mkdirSync(join(folder, 'Old scans'), { recursive: true });
  writeFileSync(join(folder, 'Tax return.pdf'), 'not really a PDF');
  writeFileSync(join(folder, 'letter.docx'), 'x');
  return folder;
}

const untouched = (folder: string) => readdirSync(folder).sort();

describe('the browser host (a typed path)', () => {
  it('refuses a folder of other files with its listing, moves nothing, and keeps watching the old folder', async () => {
    const folder = folderOfFiles('Taxes');
    const r = await h.value('updateSettings', { patch: { hotFolderPath: folder } }, 'web');
    expect(r).toMatchObject({
      ok: false,
      errors: { hotFolderPath: expect.stringContaining('already holds 3 items') },
      folderContents: { path: folder, names: ['letter.docx', 'Old scans/', 'Tax return.pdf'], count: 3 },
    });
    expect(untouched(folder)).toEqual(['Old scans', 'Tax return.pdf', 'letter.docx']);
    expect(existsSync(join(folder, 'Rejected'))).toBe(false);
    expect(getSetting(h.services.store.db, 'hotFolderPath')).toBe('');
    expect(await h.value('getHotFolder', undefined)).toMatchObject({ folder: defaultFolder });

    // A yes for another folder does not count for this one.
    const wrong = await h.value('updateSettings', { patch: { hotFolderPath: folder }, confirmFolderContents: root }, 'web');
    expect(wrong.ok).toBe(false);
    expect(existsSync(join(folder, 'Rejected'))).toBe(false);

    // The person saw the listing and said yes: the hot folder moves there and takes its files.
    const yes = await h.value('updateSettings', { patch: { hotFolderPath: folder }, confirmFolderContents: folder }, 'web');
    expect(yes).toMatchObject({ ok: true, settings: { hotFolderPath: folder } });
    await vi.waitFor(() => expect(existsSync(join(folder, 'Rejected', 'Tax return.pdf'))).toBe(true), { timeout: 10_000 });
    expect(await h.value('updateSettings', { patch: { hotFolderPath: '' } }, 'web')).toMatchObject({ ok: true });
    await vi.waitFor(async () => expect(await h.value('getHotFolder', undefined)).toMatchObject({ folder: defaultFolder }));
  });

  it('refuses the home folder and system folders outright, whatever the renderer confirms', async () => {
    for (const path of [homedir(), '/etc', h.dataDir]) {
      const r = await h.value('updateSettings', { patch: { hotFolderPath: path }, confirmFolderContents: path }, 'web');
      expect(r, path).toMatchObject({ ok: false, errors: { hotFolderPath: expect.stringMatching(/home folder|system folder|own data/) } });
      expect(r.ok || r.folderContents, path).toBeUndefined();
    }
    expect(getSetting(h.services.store.db, 'hotFolderPath')).toBe('');
  });
});

describe('Electron (the native picker)', () => {
  it('refuses a path the person did not pick, even with a confirmation from the renderer', async () => {
    const folder = folderOfFiles('Named by a renderer');
    for (const payload of [{ patch: { hotFolderPath: folder } }, { patch: { hotFolderPath: folder }, confirmFolderContents: folder }]) {
      expect(await h.refusal('updateSettings', payload, 'electron')).toEqual({
        code: 'hot-folder-not-picked',
        message: expect.stringContaining('only from its folder picker'),
        field: 'hotFolderPath',
      });
    }
    expect(getSetting(h.services.store.db, 'hotFolderPath')).toBe('');
    expect(existsSync(join(folder, 'Rejected'))).toBe(false);
    // The default folder needs no picker.
    expect(await h.value('updateSettings', { patch: { hotFolderPath: '' } }, 'electron')).toMatchObject({ ok: true });
  });

  it('shows what a picked folder holds in a native dialog: Cancel changes nothing, yes lets it be saved', async () => {
    const folder = folderOfFiles('Picked');
    h.host.answers.folders.push(folder);
    h.host.answers.confirms.push(false);
    const asked = h.host.questions.length;
    expect(await h.value('pickHotFolder', undefined, 'electron')).toEqual({ kind: 'canceled' });
    expect(h.host.questions.slice(asked)).toEqual([
      {
        title: 'This folder is not empty',
        message: `${folder} already holds 3 items. Use it as the hot folder anyway?`,
        detail: expect.stringMatching(/^In it: letter\.docx, Old scans\/, Tax return\.pdf\.\n\nThe hot folder takes every file put in it/),
        confirmLabel: 'Use this folder',
      },
    ]);
    expect(await h.refusal('updateSettings', { patch: { hotFolderPath: folder } }, 'electron')).toMatchObject({
      code: 'hot-folder-not-picked',
    });
    expect(untouched(folder)).toEqual(['Old scans', 'Tax return.pdf', 'letter.docx']);

    h.host.answers.folders.push(folder);
    h.host.answers.confirms.push(true);
    expect(await h.value('pickHotFolder', undefined, 'electron')).toEqual({ kind: 'picked', path: folder });
    expect(await h.value('updateSettings', { patch: { hotFolderPath: folder } }, 'electron')).toMatchObject({ ok: true });
    await vi.waitFor(async () => expect(await h.value('getHotFolder', undefined)).toMatchObject({ folder }));
    expect(await h.value('updateSettings', { patch: { hotFolderPath: '' } }, 'electron')).toMatchObject({ ok: true });
  });

  it('takes an empty picked folder without asking, and refuses a picked home folder without asking', async () => {
    const empty = join(root, 'Empty');
    mkdirSync(empty);
    const asked = h.host.questions.length;
    h.host.answers.folders.push(empty, homedir());
    expect(await h.value('pickHotFolder', undefined, 'electron')).toEqual({ kind: 'picked', path: empty });
    expect(await h.value('pickHotFolder', undefined, 'electron')).toEqual({
      kind: 'invalid',
      path: homedir(),
      reason: expect.stringContaining('is your home folder'),
    });
    expect(h.host.questions.length).toBe(asked);
  });
});
