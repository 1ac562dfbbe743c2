// Services' events to the app window, held while its page loads (core/event-gate.ts). With no
// window open nothing is held: a window that opens later loads the current state itself.

import type { BrowserWindow, WebContents } from 'electron';
import { eventChannel } from '../../shared/ipc/define.ts';
import type { EventBus } from '../core/event-bus.ts';
import { createEventGate, type EventGate } from '../core/event-gate.ts';

export interface WindowEvents {
  /** A new window was made: its page is loading, so its events wait. */
  attach(win: BrowserWindow): void;
  /** Called by the renderer's ready request; 0 when the sender is not the window attached. */
  ready(sender: WebContents): number;
  dispose(): void;
}

export function setupWindowEvents(events: EventBus): WindowEvents {
  let current: { win: BrowserWindow; gate: EventGate } | undefined;
  const off = events.subscribe((name, payload) => {
    if (current && !current.win.isDestroyed()) current.gate.send(name, payload);
  });
  return {
    attach(win) {
      const gate = createEventGate((name, payload) => {
        if (!win.isDestroyed()) win.webContents.send(eventChannel(name), payload);
      });
      current = { win, gate };
      // A reload starts a page with no subscribers again.
      win.webContents.on('did-start-loading', () => gate.close());
      win.on('closed', () => {
        if (current?.win === win) current = undefined;
      });
    },
    ready(sender) {
      return current && current.win.webContents === sender ? current.gate.open() : 0;
    },
    dispose() {
      off();
      current = undefined;
    },
  };
}
