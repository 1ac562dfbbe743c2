// Shortcuts press the control they stand for: a control carries `shortcutProps(id)`, and the
// key finds it on screen and clicks it (or focuses it, for a search box). So Ctrl+Enter goes
// through the same confirm dialog as the Send button, a disabled button stays disabled, and a
// tooltip can never name a key that does something else. Screens switch through the store.

import type { Screen } from '../../../shared/ipc/contract/app.ts';
import { type KeyPress, SHORTCUTS, type ShortcutId, shortcutAria, shortcutFor, shortcutText } from '../../../shared/shortcuts.ts';

const MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
/** Frames to wait for a control on the screen a shortcut switched to (Compose may still be loading). */
const WAIT_FRAMES = 60;

/** Props that tie a control to its shortcut: the tooltip and screen readers name the key, and the key presses it. */
export function shortcutProps(id: ShortcutId, label?: string) {
  const does = label ?? SHORTCUTS.find((s) => s.id === id)?.does ?? '';
  return { 'data-shortcut': id, 'aria-keyshortcuts': shortcutAria(id, MAC), title: `${does} (${shortcutText(id, MAC)})` };
}

/** How the key is written on this computer ("Ctrl+N", "⌘N"). */
export function keyText(id: ShortcutId): string {
  return shortcutText(id, MAC);
}

function controlFor(id: ShortcutId): HTMLElement | undefined {
  for (const el of document.querySelectorAll<HTMLElement>(`[data-shortcut="${id}"]`)) {
    if ((el as HTMLButtonElement).disabled || el.closest('[hidden], [inert]')) continue;
    return el;
  }
  return undefined;
}

function press(el: HTMLElement): void {
  if (el instanceof HTMLInputElement) {
    el.focus();
    el.select();
  } else el.click();
}

function restingFocus(): boolean {
  const active = document.activeElement;
  return !active || active === document.body || active === document.getElementById('main');
}

/** Where a screen wants the keyboard when nothing else has it (Compose: the Recipients box). */
export function focusHome(): void {
  const main = document.getElementById('main');
  (main?.querySelector<HTMLElement>('[data-focus-home]') ?? main)?.focus();
}

/** Presses the control once it is on screen, for a few frames at most; else `otherwise`. */
function pressWhenShown(id: ShortcutId, otherwise?: () => void, frames = WAIT_FRAMES): void {
  const el = controlFor(id);
  if (el) press(el);
  else if (frames > 0) requestAnimationFrame(() => pressWhenShown(id, otherwise, frames - 1));
  else otherwise?.();
}

export interface ShortcutActions {
  /** The screen on show; undefined while a page of no screen's (Getting started) stands in its place. */
  screen(): Screen | 'merge' | undefined;
  navigate(screen: Screen): void;
}

/**
 * Runs a shortcut's command (its key, or its item in the desktop app's menu); true when
 * something took it. Nothing runs behind an open dialog: the dialog has the keys (Enter
 * there is its own default button).
 */
export function runShortcut(id: ShortcutId, actions: ShortcutActions): boolean {
  if (document.querySelector('dialog[open]')) return false;
  const shortcut = SHORTCUTS.find((s) => s.id === id);
  if (shortcut?.screen) {
    actions.navigate(shortcut.screen);
    return true;
  }
  const el = controlFor(id);
  if (el) {
    // A file chooser opened from nowhere in particular hands the keyboard back to nowhere:
    // start from the screen's home (Recipients), so typing goes on where the fax continues.
    if (id === 'addPdf' && restingFocus()) focusHome();
    press(el);
    return true;
  }
  // A new fax and a PDF to add are Compose's: go there and press its control once it is shown
  // (with no "New fax" button yet, the keyboard goes to the draft on screen). From Getting
  // started too: the store's screen is still Compose behind it, but no Compose is on show.
  if (id === 'newFax' || id === 'addPdf') {
    const otherwise = id === 'newFax' ? focusHome : undefined;
    if (actions.screen() === 'compose') otherwise?.();
    else {
      actions.navigate('compose');
      pressWhenShown(id, otherwise);
    }
    return true;
  }
  return false;
}

/** Runs the shortcut a key press stands for; the browser's own use of the key is kept only when nothing took it. */
export function handleShortcutKey(e: KeyPress & { preventDefault(): void }, actions: ShortcutActions): boolean {
  const id = shortcutFor(e, MAC);
  if (!id || !runShortcut(id, actions)) return false;
  e.preventDefault();
  return true;
}
