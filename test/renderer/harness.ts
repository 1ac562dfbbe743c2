// Shared set-up for renderer tests in happy-dom: the fake main behind `window.openfax`
// (imported first, so the store sees it), the store reset to its first state after each test
// (zustand's testing guide), and rendering with react-dom into the happy-dom document.

import { fakeMain } from './fake-main.ts';
import type { ReactElement } from 'react';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, vi } from 'vitest';
import { useStore } from '../../renderer/src/store/index.ts';

// React checks this to know updates are awaited with act() (else it warns on each one).
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const initialState = useStore.getState();
const mounted: Array<{ root: Root; container: HTMLElement }> = [];
const restores: Array<() => void> = [];

afterEach(() => {
  for (const restore of restores.splice(0)) restore();
  for (const { root, container } of mounted.splice(0)) {
    act(() => root.unmount());
    container.remove();
  }
  useStore.setState(initialState, true);
  fakeMain.reset();
  vi.useRealTimers();
});

export { fakeMain, useStore };

/** Renders into a fresh element of the document; unmounted after the test. */
export async function render(ui: ReactElement): Promise<HTMLElement> {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  mounted.push({ root, container });
  await act(async () => root.render(ui));
  return container;
}

/**
 * Gives every element a box of this size for the rest of the test. happy-dom lays nothing
 * out (every clientHeight is 0), so a virtualised list would show no rows at all.
 */
export function withViewport(width: number, height: number): void {
  for (const [prop, value] of [
    ['clientWidth', width],
    ['clientHeight', height],
  ] as const) {
    const own = Object.getOwnPropertyDescriptor(HTMLElement.prototype, prop);
    Object.defineProperty(HTMLElement.prototype, prop, { configurable: true, get: () => value });
    restores.push(() => {
      if (own) Object.defineProperty(HTMLElement.prototype, prop, own);
      else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[prop];
    });
  }
}

/** Waits (inside act, so React applies every update) until `check` passes. */
export async function until(check: () => void): Promise<void> {
  await act(() => vi.waitFor(check));
}

/** Types into a field as a person would: React sees the change (it tracks the value it last set). */
export async function type(field: HTMLInputElement | HTMLTextAreaElement, text: string): Promise<void> {
  const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(field, text);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Runs a user action (a click, an input) and lets React apply what follows from it. */
export async function user(action: () => void | Promise<void>): Promise<void> {
  await act(async () => {
    await action();
  });
}
