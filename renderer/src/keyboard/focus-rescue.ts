// When the focused control leaves the page (the empty drop target gives way to the form once
// a file loads, a screen switches, a panel closes), the browser drops focus on <body> and a
// keyboard user starts again from the top. This puts it on the screen's home instead. And for
// someone using the keyboard whose focus rests on nothing in particular (<body>, or the screen
// after the skip link), a home that appears (the form, once Ctrl+O's file has loaded) takes it.

import { focusHome } from './shortcut-keys.ts';

function addsHome(record: MutationRecord): boolean {
  for (const node of record.addedNodes) {
    if (node instanceof Element && (node.matches('[data-focus-home]') || node.querySelector('[data-focus-home]'))) return true;
  }
  return false;
}

/** Watches `root`; returns the disposer. */
export function startFocusRescue(root: HTMLElement): () => void {
  let last: Element | null = null;
  let keyboard = false;
  const onFocusIn = (e: FocusEvent) => {
    last = e.target instanceof Element ? e.target : null;
  };
  const onKeyDown = () => {
    keyboard = true;
  };
  const onPointerDown = () => {
    keyboard = false;
  };
  const observer = new MutationObserver((records) => {
    const active = document.activeElement;
    if (active && active !== document.body && active !== document.getElementById('main')) return;
    // Focus lost with its element; a click on empty space leaves focus where the person put it.
    const lost = last !== null && !last.isConnected;
    if (!lost && !(keyboard && records.some(addsHome))) return;
    last = null;
    focusHome();
  });
  document.addEventListener('focusin', onFocusIn);
  document.addEventListener('keydown', onKeyDown, true);
  document.addEventListener('pointerdown', onPointerDown, true);
  observer.observe(root, { childList: true, subtree: true });
  return () => {
    observer.disconnect();
    document.removeEventListener('focusin', onFocusIn);
    document.removeEventListener('keydown', onKeyDown, true);
    document.removeEventListener('pointerdown', onPointerDown, true);
  };
}
