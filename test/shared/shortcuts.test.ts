// The shortcut table: one key per action, Cmd on macOS and Ctrl elsewhere, and no key that
// a person types while writing (a letter without the modifier, or with Shift or Alt) ever fires.

import { describe, expect, it } from 'vitest';
import { type KeyPress, SHORTCUTS, shortcutAria, shortcutFor, shortcutText } from '../../shared/shortcuts.ts';

const press = (key: string, mods: Partial<KeyPress> = {}, code = ''): KeyPress => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('shortcut table', () => {
  it('gives every action its own key', () => {
    const keys = SHORTCUTS.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(SHORTCUTS.map((s) => s.id)).size).toBe(SHORTCUTS.length);
    expect(SHORTCUTS.filter((s) => s.screen).map((s) => [s.key, s.screen])).toEqual([
      ['1', 'compose'],
      ['2', 'outbox'],
      ['3', 'contacts'],
      ['4', 'settings'],
    ]);
  });

  it('reads Ctrl on Windows and Linux, Cmd on macOS', () => {
    expect(shortcutFor(press('Enter', { ctrlKey: true }), false)).toBe('send');
    expect(shortcutFor(press('n', { ctrlKey: true }), false)).toBe('newFax');
    expect(shortcutFor(press('O', { ctrlKey: true }), false)).toBe('addPdf');
    expect(shortcutFor(press('f', { ctrlKey: true }), false)).toBe('search');
    expect(shortcutFor(press('n', { metaKey: true }), true)).toBe('newFax');
    // The other platform's modifier is not the shortcut (Ctrl+N on a Mac is a text-field key).
    expect(shortcutFor(press('n', { ctrlKey: true }), true)).toBeUndefined();
    expect(shortcutFor(press('n', { metaKey: true }), false)).toBeUndefined();
  });

  it('switches screens from the digit keys, whatever the layout types there', () => {
    expect(shortcutFor(press('2', { ctrlKey: true }, 'Digit2'), false)).toBe('goOutbox');
    // AZERTY: the key marked 1 types "&".
    expect(shortcutFor(press('&', { ctrlKey: true }, 'Digit1'), false)).toBe('goCompose');
    expect(shortcutFor(press('4', { ctrlKey: true }, 'Numpad4'), false)).toBe('goSettings');
    expect(shortcutFor(press('5', { ctrlKey: true }, 'Digit5'), false)).toBeUndefined();
  });

  it('ignores plain typing and the Shift and Alt variants', () => {
    expect(shortcutFor(press('n'), false)).toBeUndefined();
    expect(shortcutFor(press('Enter'), false)).toBeUndefined();
    expect(shortcutFor(press('N', { ctrlKey: true, shiftKey: true }), false)).toBeUndefined();
    expect(shortcutFor(press('f', { ctrlKey: true, altKey: true }), false)).toBeUndefined();
    expect(shortcutFor(press('n', { ctrlKey: true, metaKey: true }), false)).toBeUndefined();
  });

  it('writes each key the way the platform does', () => {
    expect(shortcutText('send', false)).toBe('Ctrl+Enter');
    expect(shortcutText('goContacts', false)).toBe('Ctrl+3');
    expect(shortcutText('newFax', true)).toBe('\u2318N');
    expect(shortcutAria('addPdf', false)).toBe('Control+O');
    expect(shortcutAria('addPdf', true)).toBe('Meta+O');
  });
});
