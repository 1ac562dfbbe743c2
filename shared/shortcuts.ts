// The app's keyboard shortcuts, once: the renderer's key handler, its tooltips and the
// desktop app's menu all read this table, so what a tooltip or a menu says is what the key does.
// Ctrl on Windows and Linux, Cmd on macOS; the digits match the physical keys 1–4 so a
// layout that types "&" on that key (AZERTY) still switches screens.

import type { Screen } from './ipc/contract/app.ts';

export const SHORTCUT_IDS = ['send', 'newFax', 'addPdf', 'goCompose', 'goOutbox', 'goContacts', 'goSettings', 'search'] as const;
export type ShortcutId = (typeof SHORTCUT_IDS)[number];

export interface Shortcut {
  id: ShortcutId;
  /** What the key is called on a keycap, after the modifier: "Enter", "N", "1". */
  key: string;
  /** `KeyboardEvent.key` (lower case) or `KeyboardEvent.code` values that trigger it. */
  matches: readonly string[];
  /** What it does, in a person's words (tooltips and the list). */
  does: string;
  /** Its item in the desktop app's menu bar: which menu, and the words there. */
  menu: { in: 'File' | 'Edit' | 'Go'; label: string };
  /** The screen it shows, for the four that switch screens. */
  screen?: Screen;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'newFax', key: 'N', matches: ['n'], does: 'Start a new fax', menu: { in: 'File', label: 'New Fax' } },
  { id: 'addPdf', key: 'O', matches: ['o'], does: 'Add a PDF to the fax', menu: { in: 'File', label: 'Add PDF…' } },
  { id: 'send', key: 'Enter', matches: ['enter'], does: 'Send the fax (asks to confirm first)', menu: { in: 'File', label: 'Send…' } },
  { id: 'search', key: 'F', matches: ['f'], does: 'Search the Outbox or the Address book', menu: { in: 'Edit', label: 'Find…' } },
  {
    id: 'goCompose',
    key: '1',
    matches: ['1', 'Digit1', 'Numpad1'],
    does: 'Go to Compose',
    menu: { in: 'Go', label: 'Compose' },
    screen: 'compose',
  },
  {
    id: 'goOutbox',
    key: '2',
    matches: ['2', 'Digit2', 'Numpad2'],
    does: 'Go to the Outbox',
    menu: { in: 'Go', label: 'Outbox' },
    screen: 'outbox',
  },
  {
    id: 'goContacts',
    key: '3',
    matches: ['3', 'Digit3', 'Numpad3'],
    does: 'Go to the Address book',
    menu: { in: 'Go', label: 'Address Book' },
    screen: 'contacts',
  },
  {
    id: 'goSettings',
    key: '4',
    matches: ['4', 'Digit4', 'Numpad4'],
    does: 'Go to Settings',
    menu: { in: 'Go', label: 'Settings' },
    screen: 'settings',
  },
];

/** The parts of a key press that decide a shortcut. */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The shortcut a key press stands for, if any: Cmd (macOS) or Ctrl (elsewhere), no Alt or Shift. */
export function shortcutFor(press: KeyPress, mac: boolean): ShortcutId | undefined {
  const primary = mac ? press.metaKey && !press.ctrlKey : press.ctrlKey && !press.metaKey;
  if (!primary || press.altKey || press.shiftKey) return undefined;
  const key = press.key.toLowerCase();
  return SHORTCUTS.find((s) => s.matches.includes(key) || s.matches.includes(press.code))?.id;
}

/** How a shortcut is written for people: "Ctrl+N", or "⌘N" on macOS (its menus' own way). */
export function shortcutText(id: ShortcutId, mac: boolean): string {
  const s = SHORTCUTS.find((x) => x.id === id);
  if (!s) return '';
  return mac ? `\u2318${s.key}` : `Ctrl+${s.key}`;
}

/** Electron's accelerator for the menu ("CmdOrCtrl+N"). */
export function shortcutAccelerator(id: ShortcutId): string {
  const s = SHORTCUTS.find((x) => x.id === id);
  return s ? `CmdOrCtrl+${s.key}` : '';
}

/** The `aria-keyshortcuts` value (WAI-ARIA's own spelling: "Control+N", "Meta+N"). */
export function shortcutAria(id: ShortcutId, mac: boolean): string {
  const s = SHORTCUTS.find((x) => x.id === id);
  return s ? `${mac ? 'Meta' : 'Control'}+${s.key}` : '';
}
