// @vitest-environment happy-dom
// The browser host's hot folder: a typed folder that holds files comes back from main with what
// is in it; the section shows that in a dialog, and only "Use this folder" sends the yes
// (bound to that path); Cancel keeps the old folder and says so.
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { HotFolderSection } from '../../../renderer/src/screens/settings/hot-folder-section.tsx';
import type { FolderContents } from '../../../shared/ipc/contract/account.ts';
import { settings } from '../fixtures.ts';
import { fakeMain, render, type, until, useStore, user } from '../harness.ts';

const TAXES = '/home/ann/Taxes';
const listing: FolderContents = {
  path: TAXES,
  names: ['2023/', 'Receipts/', 'Return 2024.pdf', 'a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt'],
  count: 10,
};

async function typedFolder() {
  useStore.setState({
    settings: settings({ hotFolderPath: '/home/ann/Faxes' }),
    hotFolder: { status: 'watching', folder: '/home/ann/Faxes', folderName: 'Faxes', detail: null },
  });
  fakeMain.answer('updateSettings', ({ patch, confirmFolderContents }) =>
    confirmFolderContents === patch.hotFolderPath
      ? { ok: true, settings: settings({ hotFolderPath: String(patch.hotFolderPath) }) }
      : { ok: false, errors: { hotFolderPath: 'It holds files.' }, folderContents: listing },
  );
  const el = await render(<HotFolderSection />);
  const field = el.querySelector<HTMLInputElement>('input[type=text]')!;
  await type(field, TAXES);
  await act(async () => {
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  });
  const button = (text: string) => [...el.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === text)!;
  const question = () => el.querySelector('[data-testid=trust-question]');
  await until(() => expect(question()).not.toBeNull());
  return { el, button, question };
}

describe('the hot folder section (browser host)', () => {
  it('shows what the folder holds and saves it only after "Use this folder", with the yes bound to that path', async () => {
    const { el, button, question } = await typedFolder();
    expect(question()?.textContent).toContain(`${TAXES} already holds 10 items. Use it as the hot folder anyway?`);
    const items = [...el.querySelectorAll('[data-testid=folder-listing] li')].map((li) => li.textContent);
    expect(items).toEqual([...listing.names, 'and 2 more']);
    expect(useStore.getState().settingErrors.hotFolderPath).toBeUndefined();
    await user(() => button('Use this folder').click());
    await until(() => expect(useStore.getState().settings?.hotFolderPath).toBe(TAXES));
    expect(question()).toBeNull();
    expect(fakeMain.requestsTo('updateSettings')).toEqual([
      { patch: { hotFolderPath: TAXES } },
      { patch: { hotFolderPath: TAXES }, confirmFolderContents: TAXES },
    ]);
  });

  it('keeps the old folder on Cancel, and says so under the field', async () => {
    const { el, button, question } = await typedFolder();
    await user(() => button('Cancel').click());
    expect(question()).toBeNull();
    expect(useStore.getState().settings?.hotFolderPath).toBe('/home/ann/Faxes');
    expect(el.querySelector('.field-error')?.textContent).toBe('Not changed: the hot folder is still /home/ann/Faxes.');
    expect(fakeMain.requestsTo('updateSettings')).toHaveLength(1);
  });
});

describe('a saved hot folder main will not watch', () => {
  it('says why and what to do where the person looks, with no Resume that would start it', async () => {
    const detail =
      'Not watched, and nothing in it was moved: /home/ann is your home folder. Make a new, empty folder and choose that one. Choose another folder in Settings (Hot folder).';
    useStore.setState({
      settings: settings({ hotFolderPath: '/home/ann' }),
      hotFolder: { status: 'stopped', folder: '/home/ann', folderName: 'ann', detail },
    });
    const el = await render(<HotFolderSection />);
    expect(el.querySelector('[data-testid=hot-folder-refused]')?.textContent).toBe(detail);
    expect(el.querySelector('[role=alert]')?.textContent).toBe(detail);
    expect(el.querySelector('[data-testid=hot-folder-state]')?.textContent).toBe('Status: Stopped ');
    expect([...el.querySelectorAll('button')].map((b) => b.textContent)).not.toContain('Resume');
  });
});
