// Typed events from the services to whichever renderer transport is attached.

import type { EventName, EventPayload } from '../../shared/ipc/contract.ts';

export type AnyEventListener = (name: EventName, payload: unknown) => void;

export interface EventBus {
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  /** Every event; returns a disposer. */
  subscribe(listener: AnyEventListener): () => void;
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<AnyEventListener>();
  return {
    emit(name, payload) {
      for (const l of [...listeners]) {
        try {
          l(name, payload);
        } catch {
          // One broken listener (a closed window) must not starve the others.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    on(name, listener) {
      const wrapped: AnyEventListener = (n, p) => {
        if (n === name) listener(p as never);
      };
      listeners.add(wrapped);
      return () => listeners.delete(wrapped);
    },
  };
}
