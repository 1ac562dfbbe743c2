// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { runShortcut, shortcutProps } from '../../../renderer/src/keyboard/shortcut-keys.ts';
import { shortcutActions } from '../../../renderer/src/store/index.ts';
import { SETTINGS_DEFAULTS } from '../../../shared/settings.ts';
import { fakeMain, useStore } from '../harness.ts';

const firstRun = { ...SETTINGS_DEFAULTS };

describe('Getting started', () => {
  it('is offered once the settings say it was never closed, and closing it is saved for good', async () => {
    let saved = { ...firstRun };
    fakeMain.answer('updateSettings', ({ patch }) => {
      saved = { ...saved, ...patch };
      return { ok: true, settings: saved };
    });
    useStore.getState().setSettings(firstRun);
    useStore.getState().offerGettingStarted();
    expect(useStore.getState().gettingStartedShown).toBe(true);
    await useStore.getState().dismissGettingStarted();
    expect(useStore.getState().gettingStartedShown).toBe(false);
    expect(fakeMain.requestsTo('updateSettings')).toEqual([{ patch: { gettingStartedDone: true } }]);
    expect(saved.gettingStartedDone).toBe(true);
  });

  it('is not offered once closed, nor over a print that arrived before the settings did', () => {
    useStore.getState().setSettings({ ...firstRun, gettingStartedDone: true });
    useStore.getState().offerGettingStarted();
    expect(useStore.getState().gettingStartedShown).toBe(false);

    useStore.setState({ gettingStartedShown: undefined, settings: undefined });
    // A print's "show Compose" comes first; the settings follow.
    useStore.getState().navigate('compose');
    useStore.getState().setSettings(firstRun);
    useStore.getState().offerGettingStarted();
    expect(useStore.getState().gettingStartedShown).toBe(false);
  });

  it('goes away for any navigation, and comes back on demand (Help, Settings → Help)', () => {
    useStore.getState().showGettingStarted();
    expect(useStore.getState().gettingStartedShown).toBe(true);
    useStore.getState().navigate('outbox');
    expect(useStore.getState()).toMatchObject({ gettingStartedShown: false, screen: 'outbox' });
    expect(fakeMain.requestsTo('updateSettings')).toEqual([]);
  });

  it('gives way to a shortcut (the menu’s Add PDF…), which then acts on Compose', async () => {
    // Compose is the store's screen behind the page, but it is not on show.
    useStore.getState().showGettingStarted();
    expect(shortcutActions.screen()).toBeUndefined();
    expect(runShortcut('addPdf', shortcutActions)).toBe(true);
    expect(useStore.getState()).toMatchObject({ gettingStartedShown: false, screen: 'compose' });
    expect(shortcutActions.screen()).toBe('compose');
    // Compose's Add button, once it is shown, is pressed: the file chooser opens.
    const add = document.createElement('button');
    for (const [name, value] of Object.entries(shortcutProps('addPdf'))) add.setAttribute(name, value);
    const chooser = vi.fn();
    add.addEventListener('click', chooser);
    document.body.append(add);
    await vi.waitFor(() => expect(chooser).toHaveBeenCalledTimes(1));
    add.remove();
    // Hidden as any navigation hides it, not closed for good: the next start offers it again.
    expect(fakeMain.requestsTo('updateSettings')).toEqual([]);
  });
});
