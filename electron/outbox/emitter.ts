// A small typed event emitter. A listener that throws is logged and skipped: a broken
// window bridge must never stop the queue.

import type { Logger } from '../core/logger.ts';

export interface Emitter<E> {
  on<K extends keyof E>(event: K, cb: (payload: E[K]) => void): () => void;
  emit<K extends keyof E>(event: K, payload: E[K]): void;
  clear(): void;
}

export function createEmitter<E>(log: Logger): Emitter<E> {
  const listeners = new Map<keyof E, Set<(payload: never) => void>>();
  return {
    on(event, cb) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(cb as (payload: never) => void);
      return () => {
        set.delete(cb as (payload: never) => void);
      };
    },
    emit(event, payload) {
      const set = listeners.get(event);
      if (!set) return;
      for (const cb of [...set]) {
        try {
          (cb as (p: typeof payload) => void)(payload);
        } catch (err) {
          log.error(`a ${String(event)} listener threw`, err);
        }
      }
    },
    clear() {
      listeners.clear();
    },
  };
}
