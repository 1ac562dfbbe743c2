// Events for one renderer, held until it says it listens. A window that is still loading has
// no subscribers yet, so an event sent then is lost: the "show Compose" that came with a print
// while the window was closed, for one (electron/fiddle's ready-for-IPC handshake).

import { createLogger } from './logger.ts';

const log = createLogger('event-gate');

/** How many events a loading renderer may fall behind by; a page that never loads must not grow memory. */
const MAX_HELD = 1_000;

export interface EventGate {
  /** Delivers at once when the renderer is ready; holds the event otherwise. */
  send(name: string, payload: unknown): void;
  /** The renderer listens: delivers what was held, in order; returns how many. */
  open(): number;
  /** A new page is loading in the same window (a reload): hold again until it says it listens. */
  close(): void;
  readonly isOpen: boolean;
}

export function createEventGate(deliver: (name: string, payload: unknown) => void): EventGate {
  let open = false;
  let held: Array<{ name: string; payload: unknown }> = [];
  let dropped = 0;
  return {
    send(name, payload) {
      if (open) return deliver(name, payload);
      if (held.length >= MAX_HELD) {
        held.shift();
        if (dropped++ === 0) log.warn(`the renderer is not listening; dropping its oldest events (over ${MAX_HELD})`);
      }
      held.push({ name, payload });
    },
    open() {
      open = true;
      const batch = held;
      held = [];
      dropped = 0;
      for (const e of batch) deliver(e.name, e.payload);
      return batch.length;
    },
    close() {
      open = false;
    },
    get isOpen() {
      return open;
    },
  };
}
