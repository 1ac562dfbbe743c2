// @vitest-environment happy-dom
// A shortcut presses the control that carries it: the same click (so Send still asks first),
// never a disabled control, never behind an open dialog; its tooltip names the key.

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Screen } from '../../../shared/ipc/contract/app.ts';
import type { ShortcutId } from '../../../shared/shortcuts.ts';
import { handleShortcutKey, keyText, shortcutProps } from '../../../renderer/src/keyboard/shortcut-keys.ts';

const onMac = keyText('send').startsWith('\u2318');

function key(k: string, code = '') {
  const e = { key: k, code, ctrlKey: !onMac, metaKey: onMac, altKey: false, shiftKey: false, defaultPrevented: false };
  return {
    ...e,
    preventDefault: () => (e.defaultPrevented = true),
    get prevented() {
      return e.defaultPrevented;
    },
  };
}

function control(id: ShortcutId, tag: 'button' | 'input' = 'button', parent: HTMLElement = document.body) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(shortcutProps(id))) el.setAttribute(name, value);
  const onClick = vi.fn();
  el.addEventListener('click', onClick);
  parent.append(el);
  return { el, onClick };
}

function actions(screen: Screen = 'compose') {
  const state = { screen };
  return { screen: () => state.screen, navigate: vi.fn((s: Screen) => void (state.screen = s)) };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('shortcut keys', () => {
  it('Ctrl/Cmd+Enter clicks Send, as a click would (the confirm comes from the button)', () => {
    const send = control('send');
    const e = key('Enter');
    expect(handleShortcutKey(e, actions())).toBe(true);
    expect(send.onClick).toHaveBeenCalledTimes(1);
    expect(e.prevented).toBe(true);
  });

  it('leaves a disabled control alone, and lets the key through when nothing takes it', () => {
    const send = control('send');
    (send.el as HTMLButtonElement).disabled = true;
    const e = key('Enter');
    expect(handleShortcutKey(e, actions())).toBe(false);
    expect(send.onClick).not.toHaveBeenCalled();
    expect(e.prevented).toBe(false);
  });

  it('does nothing behind an open dialog (Enter there is the dialog’s own)', () => {
    const send = control('send');
    const dialog = document.createElement('dialog');
    dialog.setAttribute('open', '');
    document.body.append(dialog);
    expect(handleShortcutKey(key('Enter'), actions())).toBe(false);
    expect(send.onClick).not.toHaveBeenCalled();
  });

  it('switches screens through the store, and finds the search box on the screen', () => {
    const a = actions('compose');
    expect(handleShortcutKey(key('2', 'Digit2'), a)).toBe(true);
    expect(a.navigate).toHaveBeenCalledWith('outbox');
    const search = control('search', 'input');
    (search.el as HTMLInputElement).value = 'alice';
    expect(handleShortcutKey(key('f'), a)).toBe(true);
    expect(document.activeElement).toBe(search.el);
    expect((search.el as HTMLInputElement).selectionEnd).toBe(5);
  });

  it('Ctrl/Cmd+O from another screen opens Compose, then presses its Add button once it is shown', async () => {
    const a = actions('outbox');
    expect(handleShortcutKey(key('o'), a)).toBe(true);
    expect(a.navigate).toHaveBeenCalledWith('compose');
    const add = control('addPdf');
    await vi.waitFor(() => expect(add.onClick).toHaveBeenCalledTimes(1));
  });

  it('Ctrl/Cmd+O with the keyboard resting on nothing starts it in the screen’s home, then opens the chooser', () => {
    const main = document.createElement('main');
    main.id = 'main';
    const home = document.createElement('input');
    home.setAttribute('data-focus-home', '');
    main.append(home);
    document.body.append(main);
    const add = control('addPdf', 'button', main);
    expect(document.activeElement).toBe(document.body);
    expect(handleShortcutKey(key('o'), actions())).toBe(true);
    expect(add.onClick).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(home);
  });

  it('Ctrl/Cmd+N with no New fax button on screen puts the keyboard in the draft', () => {
    const main = document.createElement('main');
    main.id = 'main';
    const home = document.createElement('input');
    home.setAttribute('data-focus-home', '');
    main.append(home);
    document.body.append(main);
    const a = actions('compose');
    expect(handleShortcutKey(key('n'), a)).toBe(true);
    expect(document.activeElement).toBe(home);
    expect(a.navigate).not.toHaveBeenCalled();
  });

  it('names the key in the tooltip and for screen readers', () => {
    const props = shortcutProps('goOutbox', 'Outbox');
    expect(props.title).toBe(`Outbox (${keyText('goOutbox')})`);
    expect(props['aria-keyshortcuts']).toBe(onMac ? 'Meta+2' : 'Control+2');
    expect(shortcutProps('send').title).toMatch(/^Send the fax \(asks to confirm first\) \((Ctrl\+|\u2318)Enter\)$/);
  });
});
