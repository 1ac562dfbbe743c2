// @vitest-environment happy-dom
// "Update ready" and Settings → Updates against the fake main: the bar appears only for a ready
// update (pushed by main), is a status strip rather than a dialog, says what a restart waits
// for, and goes away with Later; Settings shows the version, the feed, Check now and the last
// result, and where nothing updates itself, why.

import { describe, expect, it } from 'vitest';
import { UpdateBar } from '../../../renderer/src/components/update-bar.tsx';
import { UpdateSection } from '../../../renderer/src/screens/settings/update-section.tsx';
import { startUpdateSync } from '../../../renderer/src/store/sync/update-sync.ts';
import type { UpdateView } from '../../../shared/ipc/contract/update.ts';
import { settings } from '../fixtures.ts';
import { fakeMain, render, until, user, useStore } from '../harness.ts';

const idle: UpdateView = {
  supported: true,
  currentVersion: '1.0.0',
  feedUrl: 'https://updates.openfax.example/desktop/',
  defaultFeedUrl: 'https://updates.openfax.example/desktop/',
  phase: 'idle',
  postponed: false,
};
const ready: UpdateView = {
  ...idle,
  phase: 'ready',
  version: '1.2.0',
  lastCheck: {
    at: Date.UTC(2026, 0, 15, 10),
    outcome: 'found',
    message: 'Version 1.2.0 is ready. Restart now to install it, or it installs when you quit Openfax Desktop.',
  },
  installHint: 'Restart now to install it, or it installs when you quit Openfax Desktop.',
};
const bar = (el: HTMLElement) => el.querySelector<HTMLElement>('[data-testid=update-bar]');
const button = (el: HTMLElement, label: string) => [...el.querySelectorAll('button')].find((b) => b.textContent === label);

describe('the update bar', () => {
  it('says nothing until main pushes a ready update, then offers Restart now and Later (no dialog)', async () => {
    fakeMain.answer('getUpdate', () => idle);
    const stop = startUpdateSync();
    try {
      const el = await render(<UpdateBar />);
      await until(() => expect(fakeMain.requestsTo('getUpdate')).toHaveLength(1));
      expect(bar(el)).toBeNull();
      await user(() => fakeMain.emit('updateChanged', { ...idle, phase: 'downloading', version: '1.2.0', percent: 40 }));
      expect(bar(el)).toBeNull();
      await user(() => fakeMain.emit('updateChanged', ready));
      // What installs it here, in main's words.
      expect(bar(el)?.textContent).toContain(
        'Update ready: Openfax Desktop 1.2.0. Restart now to install it, or it installs when you quit Openfax Desktop.',
      );
      expect(el.querySelector('[role=dialog], dialog, .modal')).toBeNull();
      expect(el.querySelector('[role=status]')).not.toBeNull();
      expect(button(el, 'Restart now')).toBeDefined();
      expect(button(el, 'Later')).toBeDefined();
    } finally {
      stop();
    }
  });

  it('"Restart now" while faxes are being uploaded says what it waits for', async () => {
    fakeMain.answer('getUpdate', () => ready);
    fakeMain.answer('restartToUpdate', () => ({ ...ready, phase: 'waiting', waitingFor: 2 }));
    const el = await render(<UpdateBar />);
    await until(() => expect(bar(el)).not.toBeNull());
    await user(() => button(el, 'Restart now')?.click());
    await until(() =>
      expect(bar(el)?.textContent).toContain('Restarts when the 2 faxes being uploaded have reached Openfax; new faxes wait until then.'),
    );
    expect(fakeMain.requestsTo('restartToUpdate')).toHaveLength(1);
    expect(button(el, 'Restart now')).toBeUndefined();
  });

  it('a deb: says a password will be asked for, before and while it installs; a failed install offers Restart now again', async () => {
    const deb: UpdateView = { ...ready, installHint: 'Restart now to install it: you will be asked for your password.' };
    fakeMain.answer('getUpdate', () => deb);
    fakeMain.answer('restartToUpdate', () => ({
      ...deb,
      phase: 'restarting',
      installHint: 'Enter your password when the system asks for it.',
    }));
    const stop = startUpdateSync();
    try {
      const el = await render(<UpdateBar />);
      await until(() => expect(bar(el)?.textContent).toContain('you will be asked for your password.'));
      await user(() => button(el, 'Restart now')?.click());
      await until(() => expect(bar(el)?.textContent).toBe('Restarting to install 1.2.0… Enter your password when the system asks for it.'));
      // The password dialog was canceled: main says so and the bar is back.
      await user(() => fakeMain.emit('updateChanged', deb));
      expect(button(el, 'Restart now')).toBeDefined();
    } finally {
      stop();
    }
  });

  it('"Later" hides it', async () => {
    fakeMain.answer('getUpdate', () => ready);
    fakeMain.answer('postponeUpdate', () => ({ ...ready, postponed: true }));
    const el = await render(<UpdateBar />);
    await until(() => expect(bar(el)).not.toBeNull());
    await user(() => button(el, 'Later')?.click());
    await until(() => expect(bar(el)).toBeNull());
    expect(fakeMain.requestsTo('postponeUpdate')).toHaveLength(1);
  });
});

describe('Settings → Updates', () => {
  it('shows the version, the feed field, Check now and the last result; a refusal in plain words', async () => {
    useStore.setState({ settings: settings() });
    fakeMain.answer('getUpdate', () => idle);
    const refused = 'The update to 1.2.0 was refused: its checksum did not match the published one. Nothing was installed.';
    fakeMain.answer('checkForUpdate', () => ({ ...idle, lastCheck: { at: Date.now(), outcome: 'refused', message: refused } }));
    const el = await render(<UpdateSection />);
    await until(() => expect(el.querySelector('[data-testid=update-current-version]')?.textContent).toBe('1.0.0'));
    expect(el.textContent).toContain('Update feed');
    expect(el.textContent).toContain('updates come from https://updates.openfax.example/desktop/');
    expect(el.querySelector('[data-testid=update-last-check]')?.textContent).toBe('Not checked yet since Openfax Desktop started.');
    await user(() => button(el, 'Check now')?.click());
    await until(() => expect(el.querySelector('[data-testid=update-last-check]')?.textContent).toContain(refused));
    expect(el.querySelector('[data-testid=update-last-check]')?.className).toBe('field-error');
  });

  it('an install that failed is shown as a problem, with Restart now to try again', async () => {
    useStore.setState({ settings: settings() });
    const failed =
      'Version 1.2.0 could not be installed (Command pkexec exited with code 126). Openfax Desktop is unchanged: Restart now tries again.';
    fakeMain.answer('getUpdate', () => ({ ...ready, lastCheck: { at: Date.now(), outcome: 'install-failed', message: failed } }));
    const el = await render(<UpdateSection />);
    await until(() => expect(el.querySelector('[data-testid=update-last-check]')?.textContent).toContain(failed));
    expect(el.querySelector('[data-testid=update-last-check]')?.className).toBe('field-error');
    expect(button(el, 'Restart now')).toBeDefined();
  });

  it('shows download progress and disables Check now meanwhile', async () => {
    useStore.setState({ settings: settings() });
    fakeMain.answer('getUpdate', () => ({ ...idle, phase: 'downloading', version: '1.2.0', percent: 42 }));
    const el = await render(<UpdateSection />);
    await until(() => expect(el.querySelector('[data-testid=update-progress]')?.textContent).toBe('Downloading 1.2.0: 42%'));
    expect(button(el, 'Check now')?.disabled).toBe(true);
  });

  it('where nothing updates itself, says why and offers no check', async () => {
    useStore.setState({ settings: settings() });
    fakeMain.answer('getUpdate', () => ({
      supported: false,
      note: 'Updates come with the installed app.',
      currentVersion: '1.0.0',
      phase: 'idle',
      postponed: false,
    }));
    const el = await render(<UpdateSection />);
    await until(() => expect(el.querySelector('[data-testid=update-note]')?.textContent).toBe('Updates come with the installed app.'));
    expect(button(el, 'Check now')).toBeUndefined();
    expect(el.textContent).not.toContain('Update feed');
  });
});
